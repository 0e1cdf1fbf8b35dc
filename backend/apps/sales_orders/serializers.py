"""Sales order shapes: the order with its lines nested (written through services.py, never saved here)."""

from decimal import Decimal

from rest_framework import serializers

from apps.core.choices import RecordStatus
from apps.core.lines.serializers import LineSerializer, line_fields
from apps.core.serializers import TenantOwnedSerializer, TenantPrimaryKeyRelatedField
from apps.core.workflow_api import WorkflowSerializerMixin
from apps.customers.models import Customer

from .models import SalesOrder, SalesOrderLine

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class SalesOrderLineSerializer(LineSerializer):
    weight_lb = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True, help_text="Actual weight, else estimate."
    )
    buy_cost = serializers.DecimalField(**MONEY, allow_null=True)
    margin = serializers.DecimalField(
        **MONEY, allow_null=True, help_text="line_total - buy_cost (before freight); null when uncosted."
    )
    uncosted = serializers.SerializerMethodField(help_text="No known buy cost: the line has no margin.")

    def get_uncosted(self, line) -> bool:
        return line.buy_cost is None

    class Meta(LineSerializer.Meta):
        model = SalesOrderLine
        fields = line_fields(
            SalesOrderLine, "weight_lb", "source_purchase_order_line", "buy_cost", "margin", "uncosted"
        )


class SalesOrderSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    lines = SalesOrderLineSerializer(many=True, required=False)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    ship_to_name = serializers.CharField(source="ship_to.name", read_only=True, allow_null=True)
    carrier_name = serializers.CharField(source="carrier.name", read_only=True, allow_null=True)
    load_number = serializers.CharField(source="load.number", read_only=True, allow_null=True)
    margin_percent = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, help_text="margin / total x 100."
    )
    uncosted = serializers.SerializerMethodField(
        help_text="A line has no known buy cost: margin is null and the order is left out of margin totals."
    )
    invoice_id = serializers.SerializerMethodField(help_text="The order's invoice (not void), if any.")
    invoice_number = serializers.SerializerMethodField()
    confirm_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="Book this customer PO number although another order of the customer has it (else 409).",
    )

    class Meta:
        model = SalesOrder
        fields = [
            "confirm_duplicate",
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "customer",
            "customer_name",
            "ship_to",
            "ship_to_name",
            "customer_po_number",
            "order_date",
            "source_purchase_orders",
            "load",
            "load_number",
            "carrier",
            "carrier_name",
            "pickup_date",
            "delivery_date",
            "currency",
            "notes",
            "lines",
            "total",
            "buy_cost",
            "freight_cost",
            "margin",
            "margin_percent",
            "buy_cost_complete",
            "uncosted",
            "invoice_id",
            "invoice_number",
            "confirmed_at",
            "shipped_at",
            "delivered_at",
            "cancelled_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "total",
            "buy_cost",
            "freight_cost",
            "margin",
            "buy_cost_complete",
            "confirmed_at",
            "shipped_at",
            "delivered_at",
            "cancelled_at",
        ]

    def _invoice(self, order):
        # `invoices` is prefetched without the void ones (see the viewset).
        return next(iter(order.invoices.all()), None)

    def get_uncosted(self, order) -> bool:
        return not order.buy_cost_complete

    def to_representation(self, order):
        data = super().to_representation(order)
        if not order.buy_cost_complete:
            data["margin"] = data["margin_percent"] = None  # uncosted: no margin (also for rows stored before)
        return data

    def get_invoice_id(self, order) -> int | None:
        invoice = self._invoice(order)
        return invoice.pk if invoice else None

    def get_invoice_number(self, order) -> str | None:
        invoice = self._invoice(order)
        return invoice.number if invoice else None

    def validate(self, attrs):
        attrs = super().validate(attrs)
        errors: dict = {}
        customer = attrs.get("customer", getattr(self.instance, "customer", None))
        ship_to = attrs.get("ship_to", getattr(self.instance, "ship_to", None))
        if ship_to is not None and customer is not None and ship_to.customer_id != customer.pk:
            errors["ship_to"] = ["Choose one of this customer's ship-to locations."]
        if "customer" in attrs and customer.status == RecordStatus.INACTIVE:
            errors["customer"] = [f"{customer.name} is inactive; reactivate the customer first."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CustomerQuerySerializer(serializers.Serializer):
    customer = TenantPrimaryKeyRelatedField(queryset=Customer.objects.all(), help_text="The customer's id.")


class CustomerExposureSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="customer_id")
    open_invoices_balance = serializers.DecimalField(**MONEY, help_text="Unpaid balances of its invoices.")
    uninvoiced_orders_total = serializers.DecimalField(
        **MONEY, help_text="Totals of its confirmed, shipped and delivered orders not yet invoiced."
    )
    open_balance = serializers.DecimalField(**MONEY, help_text="open_invoices_balance + uninvoiced_orders_total.")
    credit_limit = serializers.DecimalField(**MONEY, allow_null=True)
    credit_hold = serializers.BooleanField(read_only=True)
    available_credit = serializers.DecimalField(**MONEY, allow_null=True, help_text="credit_limit - open_balance.")


class ConfirmSalesOrderSerializer(serializers.Serializer):
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Managers only: why the order is confirmed over the customer's credit hold or limit.",
    )


class ShipSalesOrderSerializer(serializers.Serializer):
    shipped_on = serializers.DateField(required=False, help_text="Pickup date; defaults to today.")


class DeliverSalesOrderSerializer(serializers.Serializer):
    delivered_on = serializers.DateField(required=False, help_text="Delivery date; defaults to today.")


class CancelSalesOrderSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class InvoiceSalesOrderSerializer(serializers.Serializer):
    freight_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), required=False, help_text="Freight charged."
    )
    tax_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"), required=False)
    invoice_date = serializers.DateField(required=False, help_text="Defaults to today; the due date follows terms.")
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    issue = serializers.BooleanField(required=False, default=False, help_text="Issue the invoice right away.")
