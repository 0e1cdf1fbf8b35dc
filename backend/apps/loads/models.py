"""Loads (the carrier side): a tender to a carrier to haul one or more purchase orders, with its rate,
accessorials, appointments and paperwork; and cold storage entries for product parked in a freezer."""

from django.conf import settings
from django.db import models

from apps.core.choices import Currency
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, WeightField, sum_money


class LoadStatus(models.TextChoices):
    TENDERED = "tendered", "Tendered"
    ACCEPTED = "accepted", "Accepted"
    PICKED_UP = "picked_up", "Picked up"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


L = LoadStatus
# Loads whose freight counts against their orders (a cancelled tender costs nothing). The lifecycle is declared
# once in workflows.py.
ACTIVE_STATUSES = {L.TENDERED, L.ACCEPTED, L.PICKED_UP, L.DELIVERED}


class AccessorialType(models.TextChoices):
    FUEL = "fuel", "Fuel surcharge"
    DETENTION = "detention", "Detention"
    LUMPER = "lumper", "Lumper"
    LAYOVER = "layover", "Layover"
    OTHER = "other", "Other"


class Load(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="Allocated on create, e.g. LD-2026-000042.")
    carrier = models.ForeignKey("carriers.Carrier", on_delete=models.PROTECT, related_name="loads")
    purchase_orders = models.ManyToManyField(
        "purchase_orders.PurchaseOrder", through="LoadOrder", related_name="loads", blank=True
    )
    status = models.CharField(max_length=10, choices=LoadStatus.choices, default=L.TENDERED, editable=False)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    linehaul_rate = MoneyField(help_text="The agreed flat rate for the haul, before accessorials.")
    accessorials_total = MoneyField(editable=False)
    total_freight_cost = MoneyField(editable=False, help_text="Linehaul plus accessorials.")

    pickup_date = models.DateField(null=True, blank=True, help_text="Day of the (first) pickup.")
    pickup_appointment_at = models.DateTimeField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    delivery_appointment_at = models.DateTimeField(null=True, blank=True)
    delivery_location = models.CharField(
        max_length=255, blank=True, help_text="Consignee and city, e.g. 'Sysco Houston, TX' (the SO has the ship-to)."
    )
    temperature_setpoint_f = models.DecimalField(
        "temperature setpoint (°F)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    seal_number = models.CharField(max_length=50, blank=True)
    trailer_number = models.CharField(max_length=50, blank=True)
    driver_name = models.CharField(max_length=100, blank=True)
    driver_phone = models.CharField(max_length=40, blank=True)
    bol_number = models.CharField("BOL number", max_length=50, blank=True)
    pod_received = models.BooleanField("proof of delivery received", default=False)
    pod_received_on = models.DateField("POD received on", null=True, blank=True)
    notes = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_loads",
        help_text="The member in the field looking after this load (dock, truck); a member of the tenant.",
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-pickup_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="loads_load_number_unique"),
            models.CheckConstraint(condition=models.Q(linehaul_rate__gte=0), name="loads_load_linehaul_gte_0"),
            models.CheckConstraint(
                condition=models.Q(pod_received=True) | models.Q(pod_received_on__isnull=True),
                name="loads_load_pod_date_needs_pod",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="loads_load_tcr"),
            # Keyset pages and page 1 in the default and created orderings (apps.core.pagination).
            models.Index(fields=["tenant", "-pickup_date", "-id"], name="loads_load_key_pick"),
            models.Index(fields=["tenant", "-created_at", "-id"], name="loads_load_key_crea"),
            models.Index(fields=["tenant", "pickup_date"], name="loads_load_pickup"),
            models.Index(fields=["tenant", "status", "pickup_date"], name="loads_load_status"),
        ]

    def __str__(self) -> str:
        # Protected-delete reports list blockers loaded with only their keys; never query from here.
        if "number" in self.get_deferred_fields() or not self.number:
            return f"load {self.pk}"
        return self.number


class LoadOrder(TenantOwnedModel):
    """A purchase order on a load, in pickup order. A purchase order rides on at most one active load."""

    load = models.ForeignKey(Load, on_delete=models.CASCADE, related_name="load_orders")
    purchase_order = models.ForeignKey(
        "purchase_orders.PurchaseOrder", on_delete=models.PROTECT, related_name="load_orders"
    )
    stop_number = models.PositiveSmallIntegerField(default=1, help_text="Pickup sequence on the load.")

    class Meta(TenantOwnedModel.Meta):
        ordering = ["load_id", "stop_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["load", "purchase_order"], name="loads_loadorder_unique"),
        ]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="loads_loadorder_tcr")]

    def __str__(self) -> str:
        if self.get_deferred_fields() & {"load_id", "purchase_order_id"}:
            return f"load stop {self.pk}"
        return f"load {self.load_id}: purchase order {self.purchase_order_id}"


class LoadAccessorial(TenantOwnedModel):
    """A charge on top of the linehaul: fuel, detention, lumper, layover, other."""

    load = models.ForeignKey(Load, on_delete=models.CASCADE, related_name="accessorials")
    charge_type = models.CharField(max_length=10, choices=AccessorialType.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = MoneyField()

    class Meta(TenantOwnedModel.Meta):
        ordering = ["load_id", "id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="loads_accessorial_tcr")]

    def __str__(self) -> str:
        if self.get_deferred_fields() & {"charge_type", "amount"}:
            return f"accessorial {self.pk}"
        return f"{self.get_charge_type_display()} {self.amount}"


class LoadDocumentKind(models.TextChoices):
    BOL = "bol", "Bill of lading"
    POD = "pod", "Proof of delivery"
    SCALE_TICKET = "scale_ticket", "Scale ticket"
    PACKER_INVOICE = "packer_invoice", "Packer invoice"
    CUSTOMER_PO = "customer_po", "Customer PO"
    OTHER = "other", "Other"


class LoadDocument(TenantOwnedModel):
    """A document (uploaded to the assistant) attached to a load: the BOL, POD, scale ticket... photographed
    at the dock. The document itself is kept while attached (PROTECT)."""

    load = models.ForeignKey(Load, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("ai_assistant.Document", on_delete=models.PROTECT, related_name="load_links")
    kind = models.CharField(max_length=20, choices=LoadDocumentKind.choices)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["load_id", "id"]
        constraints = [models.UniqueConstraint(fields=["load", "document"], name="loads_loaddocument_unique")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="loads_loaddocument_tcr")]

    def __str__(self) -> str:
        if self.get_deferred_fields() & {"load_id", "document_id"}:
            return f"load document {self.pk}"
        return f"load {self.load_id}: document {self.document_id}"


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "Matched"
    NOT_MATCHED = "not_matched", "TBD - not matched"


class ColdStorageEntry(TenantOwnedModel):
    """Product held in a cold storage (freezer) between buying and selling: where, how much, what it costs,
    and whether it is matched to a buyer yet."""

    purchase_order = models.ForeignKey(
        "purchase_orders.PurchaseOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cold_storage_entries",
    )
    load = models.ForeignKey(Load, null=True, blank=True, on_delete=models.PROTECT, related_name="cold_storage_entries")
    product = models.ForeignKey(
        "products.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="cold_storage_entries"
    )
    storage_supplier = models.ForeignKey(
        "suppliers.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cold_storage_entries",
        help_text="The cold storage company holding the product.",
    )
    storage_plant = models.ForeignKey(
        "plants.Plant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cold_storage_entries",
        help_text="The cold storage warehouse (establishment) holding the product.",
    )
    match_status = models.CharField(max_length=12, choices=MatchStatus.choices, default=MatchStatus.NOT_MATCHED)
    description = models.TextField(blank=True)
    lot_number = models.CharField(max_length=50, blank=True)
    production_date = models.DateField(null=True, blank=True)
    stored_on = models.DateField(null=True, blank=True)
    released_on = models.DateField(null=True, blank=True)
    boxes = models.PositiveIntegerField(null=True, blank=True)
    finished_weight_lb = WeightField("finished weight (lb)", null=True, blank=True)
    shrink_lb = WeightField("shrink (lb)", null=True, blank=True)
    boxing_cost = MoneyField()
    storage_cost = MoneyField("cold storage cost")
    total_cost = MoneyField(editable=False, help_text="Boxing plus cold storage cost.")
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    notes = models.TextField(blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-stored_on", "-id"]
        verbose_name_plural = "cold storage entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(boxing_cost__gte=0) & models.Q(storage_cost__gte=0),
                name="loads_coldstorage_costs_gte_0",
            ),
            models.CheckConstraint(
                condition=models.Q(released_on__isnull=True)
                | models.Q(stored_on__isnull=True)
                | models.Q(released_on__gte=models.F("stored_on")),
                name="loads_coldstorage_release_after_store",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="loads_coldstorage_tcr"),
            models.Index(fields=["tenant", "match_status"], name="loads_coldstorage_match"),
        ]

    def __str__(self) -> str:
        if "description" in self.get_deferred_fields():
            return f"cold storage entry {self.pk}"
        return f"cold storage entry {self.pk}: {self.description[:40]}"

    def save(self, *args, **kwargs):
        self.total_cost = sum_money([self.boxing_cost or 0, self.storage_cost or 0])
        super().save(*args, **kwargs)
