"""The company shape shared by suppliers and customers (and any other trading partner): code, name, status,
address, how to reach them, and the terms we trade on. Plus the multi-value choice lists (certificates,
contact types) kept as validated JSON lists so they work the same on SQLite and PostgreSQL."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from rest_framework import serializers

from .choices import Certificate, Currency, PaymentMethod, RecordStatus
from .models import Address, TenantOwnedModel
from .validators import validate_country, validate_phone


class Company(TenantOwnedModel, Address):
    """A trading partner of the broker (abstract). `code` is unique per tenant; money terms are kept as
    payment terms (days), payment method and a numeric credit limit, never as range labels."""

    code = models.CharField(max_length=30, help_text="The broker's short code, unique per tenant, e.g. S-100.")
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)

    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField(max_length=200, blank=True)

    payment_terms_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text="Net days until payment is due (0 = cash in advance / wire before pickup).",
    )
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices, blank=True)
    credit_limit = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "The credit limit cannot be negative.")],
        help_text="Line of credit in `currency`; empty when none is agreed.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    credit_application_sent_on = models.DateField(null=True, blank=True)
    credit_account_opened_on = models.DateField(
        null=True, blank=True, help_text="The day the credit account was set up."
    )
    notes = models.TextField(blank=True)

    class Meta(TenantOwnedModel.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="%(app_label)s_%(class)s_code_unique"),
            models.CheckConstraint(
                condition=models.Q(credit_limit__isnull=True) | models.Q(credit_limit__gte=0),
                name="%(app_label)s_%(class)s_credit_limit_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def normalize(self) -> None:
        super().normalize()
        self.code = (self.code or "").strip()


def rating_field(verbose_name: str = "quality rating") -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Rate from 1 (poor) to 5 (excellent)."),
            MaxValueValidator(5, "Rate from 1 (poor) to 5 (excellent)."),
        ],
        help_text="1 (poor) to 5 (excellent).",
    )


def rating_constraint(field: str = "quality_rating") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"%(app_label)s_%(class)s_{field}_1_5",
    )


# --- Multi-value choices as JSON lists -------------------------------------------------------------


@deconstructible
class ChoiceListValidator:
    """Model-level check that a JSON value is a list of allowed choice values (given as a plain list so
    migrations can serialise it)."""

    def __init__(self, allowed: list[str]):
        self.allowed = list(allowed)

    def __call__(self, value) -> None:
        if not isinstance(value, list):
            raise ValidationError("Give a list of values.")
        unknown = [item for item in value if item not in self.allowed]
        if unknown:
            raise ValidationError(
                f"Unknown value(s) {', '.join(map(str, unknown))}; choose from {', '.join(self.allowed)}."
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoiceListValidator) and self.allowed == other.allowed


def choice_list_validator(choices: type[models.TextChoices]) -> ChoiceListValidator:
    return ChoiceListValidator(list(choices.values))


validate_certificates = choice_list_validator(Certificate)


def certificates_field() -> models.JSONField:
    return models.JSONField(
        default=list,
        blank=True,
        validators=[validate_certificates],
        help_text='Certificates held, e.g. ["sqf", "halal"].',
    )


class ChoiceListField(serializers.ListField):
    """A list of choice values in and out; duplicates dropped, order kept. CSV cells use `a|b`."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_empty", True)
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [part.strip() for part in data.split("|") if part.strip()]
        values = super().to_internal_value(data)
        return list(dict.fromkeys(values))


def filter_json_list(queryset, field: str, value: str):
    """Rows whose JSON list `field` holds `value` (a plain text match on the quoted item, so the same
    query works on SQLite and PostgreSQL; values are slugs, so no false matches)."""
    if not value:
        return queryset
    return queryset.filter(**{f"{field}__icontains": f'"{value}"'})


# --- View support -------------------------------------------------------------------------------


# --- Serializer support ---------------------------------------------------------------------------


class ModelCleanMixin:
    """Runs the model's clean() on the would-be row so model rules come back as 400 field errors."""

    def validate_country(self, value):
        value = (value or "").strip().upper()
        validate_country(value)
        return value

    def run_model_clean(self, attrs):
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        if self.instance is not None:
            candidate = model.objects.model(
                **{field.attname: getattr(self.instance, field.attname) for field in model._meta.concrete_fields}
            )
        else:
            candidate = model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(candidate, name, value)
        try:
            candidate.clean()
        except ValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            raise serializers.ValidationError(detail) from exc
        return candidate


COMPANY_FIELDS = [
    "code",
    "name",
    "status",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "postal_code",
    "country",
    "phone",
    "email",
    "website",
    "payment_terms_days",
    "payment_method",
    "credit_limit",
    "currency",
    "credit_application_sent_on",
    "credit_account_opened_on",
    "notes",
]
COMPANY_SEARCH_FIELDS = ["code", "name", "city", "email", "phone"]
COMPANY_ORDERING_FIELDS = ["code", "name", "status", "city", "state", "credit_limit", "created_at", "updated_at"]
