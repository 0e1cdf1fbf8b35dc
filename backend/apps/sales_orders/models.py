"""Sales orders: what the broker sells to a customer, line by line, from confirmation to invoice."""

from decimal import Decimal

from django.db import models
from django.utils import timezone

from apps.core.choices import Currency
from apps.core.lines.models import TRACE_FIELDS, CatchWeightLine, TraceableLine
from apps.core.models import TenantLink, TenantOwnedModel
from apps.core.money import MoneyField, round_money


class SalesOrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONFIRMED = "confirmed", "Confirmed"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    INVOICED = "invoiced", "Invoiced"
    CANCELLED = "cancelled", "Cancelled"


# Confirmed but not yet invoiced: these count against the customer's credit line.
UNINVOICED_OPEN_STATUSES = (SalesOrderStatus.CONFIRMED, SalesOrderStatus.SHIPPED, SalesOrderStatus.DELIVERED)


class SalesOrder(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="SO-2026-000123, allocated on creation.")
    status = models.CharField(max_length=10, choices=SalesOrderStatus.choices, default=SalesOrderStatus.DRAFT)
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="sales_orders")
    ship_to = models.ForeignKey(
        "customers.ShipToLocation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sales_orders",
        help_text="One of the customer's ship-to locations.",
    )
    customer_po_number = models.CharField("customer PO number", max_length=100, blank=True)
    order_date = models.DateField(default=timezone.localdate)
    source_purchase_orders = models.ManyToManyField(
        "purchase_orders.PurchaseOrder",
        blank=True,
        related_name="sales_orders",
        through="SalesOrderSourcePurchaseOrder",
        help_text="The purchase orders this order is filled from.",
    )
    load = models.ForeignKey(
        "loads.Load",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sales_orders",
        help_text="The truck load this order travels on (its freight cost counts against the margin).",
    )
    carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="sales_orders"
    )
    pickup_date = models.DateField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    notes = models.TextField(blank=True)

    # Maintained by the services (apps.sales_orders.services.refresh_order_amounts) with the money helpers,
    # stored so lists, reports and the dashboard aggregate them in SQL.
    total = MoneyField(editable=False, help_text="Sum of the line totals (sell).")
    buy_cost = MoneyField(editable=False, help_text="Sum of the lines' buy costs from their purchase order lines.")
    freight_cost = MoneyField(editable=False, help_text="Freight cost carried by this order.")
    margin = MoneyField(
        editable=False,
        null=True,
        blank=True,
        help_text="total - buy_cost - freight_cost; null while a line has no known cost (the order is uncosted).",
    )
    buy_cost_complete = models.BooleanField(
        default=True, editable=False, help_text="False when a line has no purchase order line to cost it."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    shipped_at = models.DateTimeField(null=True, blank=True, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-order_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="sales_orders_salesorder_number_unique"),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="sales_orders_salesorder_total_gte_0"),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="sales_orders_so_tcr"),
            # Keyset pages and page 1 in the default and created orderings (apps.core.pagination).
            models.Index(fields=["tenant", "-order_date", "-id"], name="sales_or_so_key_orde"),
            models.Index(fields=["tenant", "-created_at", "-id"], name="sales_or_so_key_crea"),
            models.Index(fields=["tenant", "status", "customer"], name="sales_orders_so_status_cust"),
            models.Index(fields=["tenant", "-order_date"], name="sales_orders_so_order_date"),
        ]

    def __str__(self) -> str:
        # Only loaded fields: a protected-delete report may hold rows with most fields deferred.
        return self.__dict__.get("number") or f"sales order {self.pk}"

    @property
    def margin_percent(self) -> Decimal | None:
        """Margin as a percentage of the sell total, to two places; None while the order has no total."""
        if not self.total or self.margin is None:
            return None
        return round_money(self.margin * 100 / self.total)


class SalesOrderLine(TraceableLine, CatchWeightLine):
    """One product on a sales order (the shared line: apps.core.lines), with the purchase line it was bought on
    and that line's cost of its quantity (the margin)."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    buy_cost = MoneyField(
        null=True, default=None, editable=False, help_text="Cost of this line's quantity at the purchase price."
    )
    source_purchase_order_line = models.ForeignKey(
        "purchase_orders.PurchaseOrderLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sales_order_lines",
        help_text="The purchase order line this product was bought on (its cost gives the margin).",
    )

    input_fields = CatchWeightLine.input_fields | {"source_purchase_order_line"} | frozenset(TRACE_FIELDS)

    class Meta(CatchWeightLine.Meta):
        ordering = ["order_id", "line_number", "id"]
        constraints = [*CatchWeightLine.Meta.constraints, *TraceableLine.trace_constraints("sales_orders")]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="sales_orders_sol_tcr"),
            models.Index(fields=["tenant", "establishment_number"], name="sales_orders_sol_est"),
        ]

    def lot(self) -> dict:
        """Its own lot fields, or, when it has none, those of the purchase line it was bought on."""
        source = self.source_purchase_order_line
        if not self.has_lot and source is not None:
            return source.lot()
        return super().lot()

    @property
    def margin(self) -> Decimal | None:
        """Sell minus buy for this line (freight is carried at the order level); None when the cost is unknown."""
        if self.buy_cost is None:
            return None
        return self.line_total - self.buy_cost

    def price(self) -> None:
        from .services import line_buy_cost

        super().price()
        self.buy_cost = line_buy_cost(self)


class SalesOrderSourcePurchaseOrder(TenantLink):
    """A purchase order the sales order is filled from; the join row carries the tenant (row-level security)."""

    salesorder = models.ForeignKey("SalesOrder", on_delete=models.CASCADE, related_name="+")
    purchaseorder = models.ForeignKey("purchase_orders.PurchaseOrder", on_delete=models.CASCADE, related_name="+")

    link_owner = "salesorder"

    class Meta:
        db_table = "sales_orders_salesorder_source_purchase_orders"
        unique_together = [("salesorder", "purchaseorder")]
