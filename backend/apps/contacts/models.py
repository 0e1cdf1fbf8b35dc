"""Contacts: the people at suppliers, customers, carriers and plants, each linked to exactly one company."""

from django.core.exceptions import ValidationError
from django.db import models

from apps.core.choices import RecordStatus
from apps.core.company import choice_list_validator
from apps.core.models import TenantOwnedModel
from apps.core.validators import validate_phone


class ContactType(models.TextChoices):
    SALES = "sales", "Sales"
    ACCOUNTING = "accounting", "Accounting"
    SHIPPING = "shipping", "Shipping"
    RECEIVING = "receiving", "Receiving"
    OPERATIONS = "operations", "Operations"
    QUALITY = "quality", "Quality"
    EXECUTIVE = "executive", "Executive"
    BOL_DOCUMENTS = "bol_documents", "BOL documents"
    COA = "coa", "COA"
    POD = "pod", "POD"


# The company links; exactly one is set on every contact.
COMPANY_LINKS = ("supplier", "customer", "carrier", "plant")


def exactly_one_company() -> models.Q:
    condition = models.Q()
    for chosen in COMPANY_LINKS:
        condition |= models.Q(**{f"{link}__isnull": link != chosen for link in COMPANY_LINKS})
    return condition


class Contact(TenantOwnedModel):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=120, blank=True, help_text="Job title, e.g. Beef Sales Manager.")
    contact_types = models.JSONField(
        default=list,
        blank=True,
        validators=[choice_list_validator(ContactType)],
        help_text='What to call this person for, e.g. ["sales", "coa"].',
    )
    email = models.EmailField("e-mail", blank=True)
    main_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    direct_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    cell_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    is_primary = models.BooleanField(default=False, help_text="The first person to call at this company.")
    status = models.CharField(max_length=10, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    notes = models.TextField(blank=True)

    supplier = models.ForeignKey(
        "suppliers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    customer = models.ForeignKey(
        "customers.Customer", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    plant = models.ForeignKey("plants.Plant", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")

    class Meta(TenantOwnedModel.Meta):
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(condition=exactly_one_company(), name="contacts_contact_exactly_one_company"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return str(self)

    def company_links(self) -> dict[str, int | None]:
        return {link: getattr(self, f"{link}_id") for link in COMPANY_LINKS}

    def clean(self):
        super().clean()
        linked = [link for link, pk in self.company_links().items() if pk is not None]
        if len(linked) != 1:
            names = ", ".join(COMPANY_LINKS)
            raise ValidationError({"non_field_errors": [f"Link the contact to exactly one company: one of {names}."]})
