"""Invoice and credit memo shapes (written through services.py, never saved here)."""

from decimal import Decimal

from rest_framework import serializers

from apps.core.choices import PriceUnit
from apps.core.models import Protein
from apps.core.money import kg_to_lb
from apps.core.serializers import AllErrorsMixin, TenantOwnedSerializer, TenantPrimaryKeyRelatedField
from apps.core.workflow_api import WorkflowSerializerMixin
from apps.sales_orders.models import WEIGHT_PRICED_UNITS

from .models import CreditMemo, Invoice, InvoiceLine

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class InvoiceLineSerializer(AllErrorsMixin, serializers.ModelSerializer):
    """A billed line. `weight_unit: "kg"` says this payload's weight is kilograms (stored and returned in lb)."""

    serializer_related_field = TenantPrimaryKeyRelatedField

    weight_unit = serializers.ChoiceField(
        choices=[("lb", "lb"), ("kg", "kg")],
        required=False,
        write_only=True,
        help_text='Unit of the weight in this payload: "lb" (default) or "kg" (converted to lb on input).',
    )
    product_code = serializers.CharField(source="product.code", read_only=True)
    protein = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Protein.objects.all(),
        required=False,
        allow_null=True,
        help_text="Protein code; defaults to the product's.",
    )

    class Meta:
        model = InvoiceLine
        fields = [
            "id",
            "position",
            "product",
            "product_code",
            "description",
            "protein",
            "fresh_frozen",
            "boxes",
            "weight_lb",
            "weight_unit",
            "unit_price",
            "price_unit",
            "line_total",
            "sales_order_line",
        ]
        read_only_fields = ["id", "position", "line_total", "sales_order_line"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.pop("weight_unit", "lb") == "kg" and attrs.get("weight_lb") is not None:
            attrs["weight_lb"] = kg_to_lb(attrs["weight_lb"])
        price_unit = attrs.get("price_unit") or PriceUnit.LB
        if price_unit in WEIGHT_PRICED_UNITS and attrs.get("weight_lb") is None:
            raise serializers.ValidationError({"weight_lb": [f"A price per {price_unit} needs the billed weight."]})
        if price_unit not in WEIGHT_PRICED_UNITS and attrs.get("boxes") is None:
            raise serializers.ValidationError({"boxes": [f"A price per {price_unit} needs the number of boxes."]})
        return attrs


class InvoiceCreditMemoSerializer(serializers.ModelSerializer):
    """An applied (not void) credit memo on the invoice."""

    class Meta:
        model = CreditMemo
        fields = ["id", "number", "memo_date", "reason", "amount"]
        read_only_fields = fields


class InvoiceSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    lines = InvoiceLineSerializer(many=True, required=False)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    sales_order_number = serializers.CharField(source="sales_order.number", read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    days_overdue = serializers.IntegerField(read_only=True)
    credit_memos = InvoiceCreditMemoSerializer(many=True, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "customer",
            "customer_name",
            "sales_order",
            "sales_order_number",
            "customer_po_number",
            "invoice_date",
            "payment_terms_days",
            "due_date",
            "currency",
            "notes",
            "lines",
            "subtotal",
            "freight_amount",
            "tax_amount",
            "total",
            "amount_paid",
            "credited_amount",
            "balance_due",
            "is_overdue",
            "days_overdue",
            "credit_memos",
            "issued_at",
            "paid_at",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "sales_order",
            "payment_terms_days",
            "subtotal",
            "total",
            "amount_paid",
            "credited_amount",
            "balance_due",
            "issued_at",
            "paid_at",
            "voided_at",
            "void_reason",
        ]
        extra_kwargs = {
            "due_date": {"required": False, "help_text": "Defaults to the invoice date plus the customer's terms."},
            "freight_amount": {"min_value": Decimal("0")},
            "tax_amount": {"min_value": Decimal("0")},
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and not attrs.get("lines"):
            raise serializers.ValidationError({"lines": ["An invoice needs at least one line."]})
        invoice_date = attrs.get("invoice_date", getattr(self.instance, "invoice_date", None))
        due_date = attrs.get("due_date")
        if due_date is not None and invoice_date is not None and due_date < invoice_date:
            raise serializers.ValidationError({"due_date": ["The due date cannot be before the invoice date."]})
        return attrs


class VoidInvoiceSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Why the invoice is voided (kept on the record).")


class CreditMemoSerializer(TenantOwnedSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = CreditMemo
        fields = [
            "id",
            "number",
            "invoice",
            "invoice_number",
            "customer",
            "customer_name",
            "memo_date",
            "reason",
            "amount",
            "notes",
            "status",
            "voided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "customer", "status", "voided_at"]
        extra_kwargs = {"amount": {"min_value": Decimal("0.01")}}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            errors = {}
            if "invoice" in attrs and attrs["invoice"].pk != self.instance.invoice_id:
                errors["invoice"] = ["A credit memo stays on its invoice; void it and issue a new one."]
            if "amount" in attrs and attrs["amount"] != self.instance.amount:
                errors["amount"] = ["The amount of a credit memo cannot change; void it and issue a new one."]
            if errors:
                raise serializers.ValidationError(errors)
        return attrs
