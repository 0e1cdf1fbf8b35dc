"""Purchase orders: what the broker buys from a supplier, picked up at a plant, line by line, priced per lb, cwt,
kg, case or each. Totals are computed by services.py with the money helpers; numbers come from the allocator."""

from decimal import Decimal

from django.db import models
from django.utils import timezone

from apps.core.choices import AppointmentMethod, CarrierReleaseFormat, Currency
from apps.core.lines.models import TRACE_FIELDS, CatchWeightLine, TraceableLine
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, to_decimal


class FreightTerms(models.TextChoices):
    FOB_PLANT = "fob_plant", "FOB plant (we arrange the truck)"
    DELIVERED = "delivered", "Delivered (supplier arranges the truck)"


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    CONFIRMED = "confirmed", "Confirmed"
    PICKED_UP = "picked_up", "Picked up"
    RECEIVED = "received", "Received"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


S = PurchaseOrderStatus
# The orders that count as open business (dashboard, "open purchase orders"). The lifecycle itself (actions,
# roles, which fields may change when) is declared once in workflows.py.
OPEN_STATUSES = {S.DRAFT, S.SENT, S.CONFIRMED, S.PICKED_UP}


class PurchaseOrder(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="Allocated on create, e.g. PO-2026-000123.")
    supplier_confirmation_number = models.CharField(
        max_length=100, blank=True, help_text="The supplier's own order / confirmation number."
    )
    supplier = models.ForeignKey("suppliers.Supplier", on_delete=models.PROTECT, related_name="purchase_orders")
    plant = models.ForeignKey(
        "plants.Plant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        help_text="The establishment the product is picked up from.",
    )
    supplier_contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="purchase_orders",
        help_text="Who at the supplier the order goes to (its e-mail receives the PDF).",
    )
    order_date = models.DateField(default=timezone.localdate)
    pickup_date = models.DateField(null=True, blank=True)
    pickup_window_from = models.TimeField(null=True, blank=True)
    pickup_window_to = models.TimeField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    freight_terms = models.CharField(max_length=10, choices=FreightTerms.choices, default=FreightTerms.FOB_PLANT)
    carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="purchase_orders"
    )
    carrier_release_format = models.CharField(max_length=30, choices=CarrierReleaseFormat.choices, blank=True)
    carrier_release_number = models.CharField(max_length=100, blank=True)
    appointment_method = models.CharField(
        "pickup appointment method", max_length=10, choices=AppointmentMethod.choices, blank=True
    )
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        help_text="The customer this load was bought for (back-to-back), if any.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PurchaseOrderStatus.choices, default=S.DRAFT, editable=False)
    subtotal = MoneyField(editable=False)
    total = MoneyField(editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-order_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="purchase_orders_po_number_unique"),
            models.CheckConstraint(
                condition=models.Q(pickup_window_from__isnull=True)
                | models.Q(pickup_window_to__isnull=True)
                | models.Q(pickup_window_from__lte=models.F("pickup_window_to")),
                name="purchase_orders_po_pickup_window",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="purchase_or_po_tcr"),
            # Keyset pages and page 1 in the default and created orderings (apps.core.pagination).
            models.Index(fields=["tenant", "-order_date", "-id"], name="purchase_po_key_orde"),
            models.Index(fields=["tenant", "-created_at", "-id"], name="purchase_po_key_crea"),
            models.Index(fields=["tenant", "pickup_date"], name="purchase_or_po_pickup"),
            models.Index(fields=["tenant", "status", "order_date"], name="purchase_or_po_status"),
            models.Index(fields=["tenant", "order_date"], name="purchase_or_po_orderdate"),
        ]

    def __str__(self) -> str:
        # Protected-delete reports list blockers loaded with only their keys; never query from here.
        if "number" in self.get_deferred_fields() or not self.number:
            return f"purchase order {self.pk}"
        return self.number

    @property
    def is_price_locked(self) -> bool:
        """From confirmation on, the agreed prices hold (see the edit rules in workflows.py)."""
        return self.status not in (S.DRAFT, S.SENT)

    @property
    def total_weight_lb(self) -> Decimal:
        """Pounds on the order: each line's actual weight when known, else its estimate (uses prefetched lines)."""
        return sum((line.weight_lb or Decimal("0") for line in self.lines.all()), Decimal("0"))


class PurchaseOrderLine(TraceableLine, CatchWeightLine):
    """One product bought on a purchase order (the shared line: apps.core.lines)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    # A purchase line may be for something not in the catalogue: a description alone.
    product = models.ForeignKey(
        "products.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="%(app_label)s_lines"
    )

    description_only = True
    input_fields = CatchWeightLine.input_fields | frozenset(TRACE_FIELDS)

    class Meta(CatchWeightLine.Meta):
        ordering = ["order_id", "line_number", "id"]
        constraints = [*CatchWeightLine.Meta.constraints, *TraceableLine.trace_constraints("purchase_orders")]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="purchase_or_line_tcr"),
            models.Index(fields=["tenant", "establishment_number"], name="purchase_or_line_est"),
        ]

    def __str__(self) -> str:
        if self.get_deferred_fields() & {"order_id", "line_number", "description"}:
            return f"purchase order line {self.pk}"
        return f"{self.order_id}#{self.line_number} {self.description}"

    @property
    def cost_per_lb(self) -> Decimal | None:
        """What a pound of this line costs the broker: line_total / weight_lb, unrounded (round only where a cost
        is computed from it, with apps.core.money.line_total). None while the line has no weight."""
        weight = self.weight_lb
        if not weight:
            return None
        return to_decimal(self.line_total) / to_decimal(weight)
