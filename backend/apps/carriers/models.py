"""Carriers: the trucking, rail and ocean companies that haul the broker's loads."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from apps.core.choices import AppointmentMethod
from apps.core.models import Address, TenantOwnedModel
from apps.core.validators import validate_phone

MC_NUMBER = re.compile(r"^(?:MC)?[\s-]*(\d{4,8})$", re.IGNORECASE)
DOT_NUMBER = re.compile(r"^(?:US\s*DOT|DOT)?[\s#:-]*(\d{5,8})$", re.IGNORECASE)
MC_HELP = "Use the FMCSA MC number: 4-8 digits, optionally prefixed with MC-, e.g. MC-123456."
DOT_HELP = "Use the USDOT number: 5-8 digits, e.g. 1234567."
SCAC_HELP = "Use the 2-4 letter Standard Carrier Alpha Code, e.g. KNXT."

validate_scac = RegexValidator(r"^[A-Z]{2,4}$", SCAC_HELP)


def normalize_mc_number(value: str) -> str:
    """'mc 123456', 'MC-123456' and '123456' all become 'MC-123456'; raises ValidationError otherwise."""
    value = (value or "").strip()
    if not value:
        return ""
    match = MC_NUMBER.match(value)
    if not match:
        raise ValidationError(MC_HELP)
    return f"MC-{match.group(1)}"


def normalize_dot_number(value: str) -> str:
    """'USDOT 1234567' and '1234567' both become '1234567'; raises ValidationError otherwise."""
    value = (value or "").strip()
    if not value:
        return ""
    match = DOT_NUMBER.match(value)
    if not match:
        raise ValidationError(DOT_HELP)
    return match.group(1)


class CarrierType(models.TextChoices):
    REEFER_TRUCK = "reefer_truck", "Reefer truck"
    DRY_VAN = "dry_van", "Dry van"
    LTL = "ltl", "LTL"
    RAIL = "rail", "Rail"
    INTERMODAL = "intermodal", "Intermodal"
    OCEAN = "ocean", "Ocean"


class Carrier(Address, TenantOwnedModel):
    code = models.CharField(max_length=30, help_text="The broker's short code for the carrier, unique per tenant.")
    name = models.CharField(max_length=200)
    carrier_type = models.CharField(max_length=20, choices=CarrierType.choices, default=CarrierType.REEFER_TRUCK)
    reefer_capable = models.BooleanField(default=True, help_text="Can haul temperature-controlled freight.")

    mc_number = models.CharField("MC number", max_length=11, blank=True, help_text=MC_HELP)
    dot_number = models.CharField("DOT number", max_length=8, blank=True, help_text=DOT_HELP)
    scac = models.CharField("SCAC", max_length=4, blank=True, validators=[validate_scac], help_text=SCAC_HELP)

    insurance_provider = models.CharField(max_length=200, blank=True)
    insurance_policy_number = models.CharField(max_length=100, blank=True)
    insurance_expires_on = models.DateField(
        null=True, blank=True, help_text="Last day the cargo/liability insurance is valid."
    )

    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField("e-mail", blank=True)
    appointment_method = models.CharField(
        max_length=20, choices=AppointmentMethod.choices, blank=True, help_text="How the carrier makes appointments."
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(365)], help_text="Days until the carrier is paid."
    )
    our_customer_number = models.CharField(
        max_length=100, blank=True, help_text="The broker's account number at this carrier."
    )
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Service rating from 1 (poor) to 5 (excellent).",
    )
    lanes = models.TextField(blank=True, help_text="Lanes the carrier runs, e.g. 'Dodge City KS -> Southeast'.")
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="carriers_carrier_code_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="carriers_carrier_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def insurance_expired(self) -> bool:
        """True once the insurance expiry date has passed (the expiry day itself is still covered)."""
        return self.insurance_expires_on is not None and self.insurance_expires_on < timezone.localdate()

    def clean(self):
        errors: dict[str, list[str]] = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        for field, normalize in (("mc_number", normalize_mc_number), ("dot_number", normalize_dot_number)):
            try:
                setattr(self, field, normalize(getattr(self, field)))
            except ValidationError as exc:
                errors[field] = exc.messages
        self.scac = (self.scac or "").strip().upper()
        if errors:
            raise ValidationError(errors)
