"""Customers: the distributors, retailers, processors, food-service and pet-food buyers the broker sells to,
and the addresses they receive at."""

from django.db import models

from apps.core.choices import AppointmentMethod, EdibleInedible, Origin
from apps.core.company import Company, certificates_field
from apps.core.models import Address, TenantLink, TenantOwnedModel
from apps.core.validators import validate_phone


class CustomerType(models.TextChoices):
    DISTRIBUTOR = "distributor", "Distributor"
    RETAILER = "retailer", "Retailer"
    PROCESSOR = "processor", "Processor"
    FOOD_SERVICE = "food_service", "Food service"
    PET_SECTOR = "pet_sector", "Pet sector"
    EXPORTER = "exporter", "Exporter"


class Industry(models.TextChoices):
    RETAIL = "retail", "Retail"
    FOOD_SERVICE = "food_service", "Food service"
    PROCESSING = "processing", "Processing"
    PET_FOOD = "pet_food", "Pet food"
    EXPORT = "export", "Export"
    INSTITUTIONAL = "institutional", "Institutional"


class Customer(Company):
    customer_type = models.CharField(max_length=20, choices=CustomerType.choices, default=CustomerType.DISTRIBUTOR)
    industry = models.CharField(max_length=20, choices=Industry.choices, blank=True)
    proteins = models.ManyToManyField("core.Protein", blank=True, related_name="customers", through="CustomerProtein")
    certificates = certificates_field()
    edible_inedible = models.CharField("edible / inedible", max_length=10, choices=EdibleInedible.choices, blank=True)
    purchasing_preference = models.CharField(
        "purchasing preference (origin)", max_length=10, choices=Origin.choices, blank=True
    )
    will_pick_up = models.BooleanField(default=False, help_text="The customer sends its own truck.")
    buyer_contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="One of this customer's contacts.",
    )
    preferred_plants = models.ManyToManyField(
        "plants.Plant", blank=True, related_name="preferring_customers", through="CustomerPreferredPlant"
    )
    sales_rep = models.ForeignKey(
        "tenants.TenantUser",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member of this brokerage who handles the account.",
    )
    credit_hold = models.BooleanField(default=False, help_text="No new orders until accounting releases the hold.")
    exportable = models.BooleanField(default=False, help_text="Buys product for export.")

    class Meta(Company.Meta):
        pass


class ShipToLocation(TenantOwnedModel, Address):
    """A receiving address of a customer, with its dock hours and how to book a delivery."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="ship_to_locations")
    name = models.CharField(max_length=200, help_text="e.g. 'Dallas DC' or 'Store #12 dock'.")
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    receiving_hours = models.CharField(max_length=200, blank=True, help_text="e.g. Mon-Fri 04:00-12:00")
    appointment_method = models.CharField(max_length=10, choices=AppointmentMethod.choices, blank=True)
    appointment_notes = models.TextField(blank=True, help_text="Who to call, portal link, lead time.")
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["customer__name", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "name"], name="customers_shipto_name_unique"),
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(is_default=True), name="customers_shipto_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # One default ship-to per customer: choosing a new default releases the old one.
        if self.is_default and self.customer_id:
            others = ShipToLocation.objects.filter(customer_id=self.customer_id, is_default=True)
            others.exclude(pk=self.pk).update(is_default=False)
        super().save(*args, **kwargs)


class CustomerProtein(TenantLink):
    """A protein the customer buys. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    customer = models.ForeignKey("Customer", on_delete=models.CASCADE, related_name="+")
    protein = models.ForeignKey("core.Protein", on_delete=models.CASCADE, related_name="+")

    link_owner = "customer"

    class Meta:
        db_table = "customers_customer_proteins"
        unique_together = [("customer", "protein")]


class CustomerPreferredPlant(TenantLink):
    """A plant the customer prefers. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    customer = models.ForeignKey("Customer", on_delete=models.CASCADE, related_name="+")
    plant = models.ForeignKey("plants.Plant", on_delete=models.CASCADE, related_name="+")

    link_owner = "customer"

    class Meta:
        db_table = "customers_customer_preferred_plants"
        unique_together = [("customer", "plant")]
