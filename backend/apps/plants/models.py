"""Plants: USDA-inspected establishments (slaughter, processing, cold storage, ...) that product ships from."""

from django.core.exceptions import ValidationError
from django.db import models

from apps.core.company import certificates_field
from apps.core.establishment import ESTABLISHMENT_HELP, normalize_establishment_number
from apps.core.models import Address, TenantLink, TenantOwnedModel
from apps.core.validators import validate_phone


class PlantType(models.TextChoices):
    SLAUGHTER = "slaughter", "Slaughter"
    PROCESSING = "processing", "Processing"
    FURTHER_PROCESSING = "further_processing", "Further processing"
    DISTRIBUTION_CENTRE = "distribution_centre", "Distribution centre"
    COLD_STORAGE = "cold_storage", "Cold storage"
    RENDERER = "renderer", "Renderer"


class CapacityUnit(models.TextChoices):
    HEAD_PER_DAY = "head_per_day", "head/day"
    LB_PER_DAY = "lb_per_day", "lb/day"


class Plant(TenantOwnedModel, Address):
    code = models.CharField(max_length=30, help_text="The broker's short code, unique per tenant, e.g. P-245.")
    name = models.CharField(max_length=200)
    establishment_number = models.CharField(
        "USDA establishment number", max_length=40, blank=True, help_text=ESTABLISHMENT_HELP
    )
    # Derived on save; the search and uniqueness key (e.g. "245A", "P1234", "M1234+P1234").
    establishment_number_normalized = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    plant_type = models.CharField(max_length=20, choices=PlantType.choices, default=PlantType.PROCESSING)
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_plants",
        help_text="The supplier that owns/operates the plant.",
    )
    proteins = models.ManyToManyField("core.Protein", blank=True, related_name="plants", through="PlantProtein")
    certificates = certificates_field()
    capacity = models.PositiveIntegerField(null=True, blank=True)
    capacity_unit = models.CharField(max_length=15, choices=CapacityUnit.choices, blank=True)
    manager_name = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField("e-mail", blank=True)
    receiving_hours = models.CharField(max_length=200, blank=True, help_text="e.g. Mon-Fri 06:00-14:00")
    shipping_hours = models.CharField(max_length=200, blank=True, help_text="e.g. Mon-Sat 05:00-15:00")
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="plants_plant_code_unique"),
            models.UniqueConstraint(
                fields=["tenant", "establishment_number_normalized"],
                condition=~models.Q(establishment_number_normalized=""),
                name="plants_plant_establishment_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | ~models.Q(capacity_unit=""),
                name="plants_plant_capacity_has_unit",
            ),
        ]

    def __str__(self) -> str:
        if self.establishment_number_normalized:
            return f"{self.name} (EST. {self.establishment_number_normalized})"
        return self.name

    def clean(self):
        errors: dict[str, list[str]] = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            self.establishment_number_normalized = normalize_establishment_number(self.establishment_number)
        except ValidationError as exc:
            errors["establishment_number"] = exc.messages
        if self.capacity is not None and not self.capacity_unit:
            errors["capacity_unit"] = ["Say whether the capacity is head/day or lb/day."]
        if errors:
            raise ValidationError(errors)

    def normalize(self) -> None:
        super().normalize()
        self.code = (self.code or "").strip()
        self.establishment_number = (self.establishment_number or "").strip()
        self.establishment_number_normalized = normalize_establishment_number(self.establishment_number)


class PlantProtein(TenantLink):
    """A protein the plant handles. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    plant = models.ForeignKey("Plant", on_delete=models.CASCADE, related_name="+")
    protein = models.ForeignKey("core.Protein", on_delete=models.CASCADE, related_name="+")

    link_owner = "plant"

    class Meta:
        db_table = "plants_plant_proteins"
        unique_together = [("plant", "protein")]
