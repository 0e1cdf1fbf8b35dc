"""Invoice and credit memo shapes (written through services.py, never saved here)."""

from decimal import Decimal

from rest_framework import serializers

from apps.core.lines.serializers import LineSerializer, line_fields
from apps.core.serializers import TenantOwnedSerializer
from apps.core.workflow_api import WorkflowSerializerMixin

from .models import CreditMemo, Invoice, InvoiceLine

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class InvoiceLineSerializer(LineSerializer):
    class Meta(LineSerializer.Meta):
        model = InvoiceLine
        fields = line_fields(InvoiceLine, "sales_order_line")
        read_only_fields = [*LineSerializer.Meta.read_only_fields, "sales_order_line"]


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
        errors: dict = {}
        if self.instance is None and not attrs.get("lines"):
            errors["lines"] = ["An invoice needs at least one line."]
        invoice_date = attrs.get("invoice_date", getattr(self.instance, "invoice_date", None))
        due_date = attrs.get("due_date")
        if due_date is not None and invoice_date is not None and due_date < invoice_date:
            errors["due_date"] = ["The due date cannot be before the invoice date."]
        if errors:
            raise serializers.ValidationError(errors)
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
