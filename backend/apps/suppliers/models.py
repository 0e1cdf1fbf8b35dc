"""Suppliers: the packers, processors, importers and cold storages the broker buys from."""

from django.core.exceptions import ValidationError
from django.db import models

from apps.core.choices import (
    AppointmentMethod,
    EdibleInedible,
    FreshFrozen,
    NetCatch,
    Origin,
    PackageType,
    ShippingOffered,
)
from apps.core.company import Company, certificates_field, rating_constraint, rating_field
from apps.core.models import TenantLink
from apps.core.validators import validate_country


class SupplierType(models.TextChoices):
    PACKER = "packer", "Packer"
    PROCESSOR = "processor", "Processor"
    IMPORTER = "importer", "Importer"
    COLD_STORAGE = "cold_storage", "Cold storage"


class Supplier(Company):
    supplier_type = models.CharField(max_length=20, choices=SupplierType.choices, default=SupplierType.PACKER)
    proteins = models.ManyToManyField("core.Protein", blank=True, related_name="suppliers", through="SupplierProtein")
    plants = models.ManyToManyField(
        "plants.Plant",
        blank=True,
        related_name="supplying_suppliers",
        through="SupplierPlant",
        help_text="Plants this supplier sells from (its own plants are linked through Plant.supplier).",
    )
    certificates = certificates_field()

    origin = models.CharField(max_length=10, choices=Origin.choices, blank=True)
    country_of_origin = models.CharField(
        max_length=2, blank=True, help_text="Two-letter ISO code of where the product comes from, e.g. US, CA, BR."
    )
    fresh_frozen = models.CharField("fresh / frozen", max_length=10, choices=FreshFrozen.choices, blank=True)
    package_type = models.CharField(max_length=20, choices=PackageType.choices, blank=True)
    net_catch = models.CharField("net / catch weight", max_length=10, choices=NetCatch.choices, blank=True)
    edible_inedible = models.CharField("edible / inedible", max_length=10, choices=EdibleInedible.choices, blank=True)
    shipping_offered = models.CharField(max_length=15, choices=ShippingOffered.choices, blank=True)
    pickup_appointment_method = models.CharField(
        "how to book a pickup", max_length=10, choices=AppointmentMethod.choices, blank=True
    )
    pickup_appointment_notes = models.TextField(
        blank=True, help_text="Who or where to book pickups, lead time, dock hours."
    )
    offers_contracts = models.BooleanField(default=False)
    offers_export_documents = models.BooleanField(default=False)
    paca_licence_number = models.CharField("PACA licence number", max_length=20, blank=True)
    quality_rating = rating_field()

    class Meta(Company.Meta):
        constraints = [*Company.Meta.constraints, rating_constraint("quality_rating")]

    @property
    def all_plants(self) -> list:
        """Owned plants and plants it sells from, once each, by name (uses prefetched rows when present)."""
        plants = {plant.pk: plant for plant in self.plants.all()}
        plants.update({plant.pk: plant for plant in self.owned_plants.all()})
        return sorted(plants.values(), key=lambda plant: plant.name)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.country_of_origin:
            self.country_of_origin = self.country_of_origin.strip().upper()
            try:
                validate_country(self.country_of_origin)
            except ValidationError as exc:
                errors["country_of_origin"] = exc.messages
        if errors:
            raise ValidationError(errors)


class SupplierProtein(TenantLink):
    """A protein the supplier sells. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    supplier = models.ForeignKey("Supplier", on_delete=models.CASCADE, related_name="+")
    protein = models.ForeignKey("core.Protein", on_delete=models.CASCADE, related_name="+")

    link_owner = "supplier"

    class Meta:
        db_table = "suppliers_supplier_proteins"
        unique_together = [("supplier", "protein")]


class SupplierPlant(TenantLink):
    """A plant the supplier sells from. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    supplier = models.ForeignKey("Supplier", on_delete=models.CASCADE, related_name="+")
    plant = models.ForeignKey("plants.Plant", on_delete=models.CASCADE, related_name="+")

    link_owner = "supplier"

    class Meta:
        db_table = "suppliers_supplier_plants"
        unique_together = [("supplier", "plant")]
