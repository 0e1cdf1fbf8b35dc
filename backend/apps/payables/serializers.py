"""Supplier bill shapes (written through services.py, never saved here) and the payables reports' shapes."""

from rest_framework import serializers

from apps.core.money import kg_to_lb
from apps.core.serializers import (
    AgingBucketsSerializer,
    AllErrorsMixin,
    TenantOwnedSerializer,
    TenantPrimaryKeyRelatedField,
)
from apps.core.workflow_api import WorkflowSerializerMixin

from .models import (
    DebitMemo,
    FreightBill,
    FreightBillCharge,
    FreightChargeType,
    PaymentOut,
    PaymentOutApplication,
    SupplierBill,
    SupplierBillLine,
)


class VarianceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["price", "weight", "boxes", "price_unit", "not_received", "not_on_order"],
        help_text="price: billed unit price vs the PO's; weight: billed vs received (catch) weight; boxes: billed "
        "vs ordered boxes; price_unit: billed in another unit than ordered; not_received: no catch weight on the "
        "PO line yet; not_on_order: a billed line without a PO line.",
    )
    ordered = serializers.CharField(required=False, help_text="The PO's value (price, price unit or boxes).")
    received = serializers.CharField(required=False, help_text="The weight received (lb).")
    billed = serializers.CharField(required=False)
    difference = serializers.CharField(required=False, help_text="billed - ordered / received.")
    percent = serializers.CharField(required=False, allow_null=True, help_text="The difference in % of the base.")
    tolerance = serializers.CharField(required=False, help_text="The tenant's tolerance it went beyond.")


class SupplierBillLineSerializer(AllErrorsMixin, serializers.ModelSerializer):
    """A billed line. Fields left out of a line with a `purchase_order_line` come from that PO line (its catch
    weight when known). `weight_unit: "kg"` says this payload's weight is kilograms (stored and returned in lb)."""

    serializer_related_field = TenantPrimaryKeyRelatedField

    weight_unit = serializers.ChoiceField(
        choices=[("lb", "lb"), ("kg", "kg")],
        required=False,
        write_only=True,
        help_text='Unit of the weight in this payload: "lb" (default) or "kg" (converted to lb on input).',
    )
    product_code = serializers.CharField(source="product.code", read_only=True, allow_null=True)
    variances = VarianceSerializer(many=True, read_only=True)

    class Meta:
        model = SupplierBillLine
        fields = [
            "id",
            "position",
            "purchase_order_line",
            "product",
            "product_code",
            "description",
            "boxes",
            "weight_lb",
            "weight_unit",
            "unit_price",
            "price_unit",
            "line_total",
            "expected_total",
            "variances",
        ]
        read_only_fields = ["id", "position", "line_total", "expected_total", "variances"]
        extra_kwargs = {"unit_price": {"required": False}, "price_unit": {"required": False}}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.pop("weight_unit", "lb") == "kg" and attrs.get("weight_lb") is not None:
            attrs["weight_lb"] = kg_to_lb(attrs["weight_lb"])
        return attrs


class SupplierBillSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    lines = SupplierBillLineSerializer(
        many=True,
        required=False,
        help_text="Left out on create: the purchase order is billed as it stands (its lines not yet billed, at "
        "catch weight and the PO's price).",
    )
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    purchase_order_number = serializers.CharField(source="purchase_order.number", read_only=True)

    class Meta:
        model = SupplierBill
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "purchase_order",
            "purchase_order_number",
            "supplier",
            "supplier_name",
            "supplier_invoice_number",
            "bill_date",
            "payment_terms_days",
            "due_date",
            "currency",
            "notes",
            "lines",
            "subtotal",
            "total",
            "amount_paid",
            "balance_due",
            "has_variances",
            "matched_at",
            "approved_at",
            "approval_reason",
            "paid_at",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "supplier",
            "payment_terms_days",
            "currency",
            "subtotal",
            "total",
            "amount_paid",
            "balance_due",
            "has_variances",
            "matched_at",
            "approved_at",
            "approval_reason",
            "paid_at",
            "voided_at",
            "void_reason",
        ]
        extra_kwargs = {
            "due_date": {"required": False, "help_text": "Defaults to the bill date plus the supplier's terms."},
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "purchase_order" in attrs:
            if attrs["purchase_order"].pk != self.instance.purchase_order_id:
                raise serializers.ValidationError(
                    {"purchase_order": ["A bill stays on its purchase order; void it and bill the other order."]}
                )
        if self.instance is not None and "lines" in attrs and not attrs["lines"]:
            raise serializers.ValidationError({"lines": ["A bill needs at least one line."]})
        return attrs


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Why (kept on the bill's timeline).")


MONEY = {"max_digits": 14, "decimal_places": 2}


class ApAgingPayeeSerializer(AgingBucketsSerializer):
    payee_kind = serializers.ChoiceField(choices=["supplier", "carrier"])
    supplier = serializers.IntegerField(allow_null=True, help_text="The supplier's id (null for a carrier).")
    carrier = serializers.IntegerField(allow_null=True, help_text="The carrier's id (null for a supplier).")
    payee_code = serializers.CharField()
    payee_name = serializers.CharField()


class ApAgingReportSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    currency = serializers.CharField(help_text="The tenant's reporting currency (listed first in `totals`).")
    payees = ApAgingPayeeSerializer(
        many=True, help_text="One row per payee (supplier or carrier) and currency; open debit memos count negative."
    )
    totals = AgingBucketsSerializer(many=True, help_text="One row per currency; currencies are never added up.")


class CashRequirementItemSerializer(serializers.Serializer):
    document_type = serializers.ChoiceField(
        choices=["supplier_bill", "freight_bill", "debit_memo"],
        help_text="A debit memo is an open credit: its balance is negative.",
    )
    id = serializers.IntegerField()
    number = serializers.CharField()
    payee_kind = serializers.ChoiceField(choices=["supplier", "carrier"])
    supplier = serializers.IntegerField(allow_null=True)
    carrier = serializers.IntegerField(allow_null=True)
    payee_name = serializers.CharField()
    reference = serializers.CharField(help_text="The payee's own invoice number (empty for a debit memo).")
    due_date = serializers.DateField(help_text="A debit memo's date for a debit memo.")
    currency = serializers.CharField()
    balance_due = serializers.DecimalField(**MONEY)


class CashRequirementTotalSerializer(serializers.Serializer):
    currency = serializers.CharField()
    items = serializers.IntegerField(help_text="How many documents.")
    balance_due = serializers.DecimalField(**MONEY, help_text="Bills less open debit memos.")


class CashRequirementsSerializer(serializers.Serializer):
    due_by = serializers.DateField()
    items = CashRequirementItemSerializer(
        many=True, help_text="Approved unpaid bills due on or before `due_by`, and the payees' open debit memos."
    )
    totals = CashRequirementTotalSerializer(many=True, help_text="One row per currency, never added up.")


class DebitMemoSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    """A chargeback against one payee (a supplier or a carrier), entered through services.create_debit_memo."""

    payee_kind = serializers.CharField(read_only=True, help_text='"supplier" or "carrier".')
    payee_name = serializers.SerializerMethodField()

    class Meta:
        model = DebitMemo
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "supplier",
            "carrier",
            "payee_kind",
            "payee_name",
            "memo_date",
            "currency",
            "amount",
            "amount_applied",
            "balance",
            "reason",
            "source",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "status", "amount_applied", "balance", "voided_at", "void_reason"]
        extra_kwargs = {
            "memo_date": {"required": False},
            "currency": {"required": True},
            "amount": {"required": True},
            "reason": {"required": True, "allow_blank": False},
        }

    def get_payee_name(self, memo) -> str:
        payee = memo.supplier if memo.supplier_id else memo.carrier
        return payee.name if payee is not None else ""


class FreightVarianceSerializer(serializers.Serializer):
    charge_type = serializers.ChoiceField(choices=FreightChargeType.choices)
    agreed = serializers.CharField(help_text="The rate confirmation's amount (less other freight bills of the load).")
    billed = serializers.CharField()
    difference = serializers.CharField(help_text="billed - agreed.")
    tolerance = serializers.CharField(help_text="The tenant's tolerance it went beyond (money).")


class FreightBillChargeSerializer(AllErrorsMixin, serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="An existing charge to update; left out: a new charge.")

    class Meta:
        model = FreightBillCharge
        fields = ["id", "line_number", "charge_type", "description", "amount"]
        read_only_fields = ["line_number"]


class FreightBillSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    charges = FreightBillChargeSerializer(
        many=True,
        required=False,
        help_text="Left out on create: billed as agreed (the load's line haul and accessorials).",
    )
    carrier_name = serializers.CharField(source="carrier.name", read_only=True)
    load_number = serializers.CharField(source="load.number", read_only=True)
    variances = FreightVarianceSerializer(many=True, read_only=True)

    class Meta:
        model = FreightBill
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "load",
            "load_number",
            "carrier",
            "carrier_name",
            "carrier_invoice_number",
            "bill_date",
            "payment_terms_days",
            "due_date",
            "currency",
            "notes",
            "charges",
            "total",
            "expected_total",
            "amount_paid",
            "balance_due",
            "has_variances",
            "variances",
            "matched_at",
            "approved_at",
            "approval_reason",
            "paid_at",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "carrier",
            "payment_terms_days",
            "currency",
            "total",
            "expected_total",
            "amount_paid",
            "balance_due",
            "has_variances",
            "matched_at",
            "approved_at",
            "approval_reason",
            "paid_at",
            "voided_at",
            "void_reason",
        ]
        extra_kwargs = {
            "due_date": {"required": False, "help_text": "Defaults to the bill date plus the carrier's terms."},
        }


class PaymentOutApplicationSerializer(serializers.ModelSerializer):
    serializer_related_field = TenantPrimaryKeyRelatedField

    document_number = serializers.SerializerMethodField()

    class Meta:
        model = PaymentOutApplication
        fields = ["id", "supplier_bill", "freight_bill", "debit_memo", "document_number", "amount"]
        read_only_fields = ["id"]
        extra_kwargs = {
            "supplier_bill": {"required": False},
            "freight_bill": {"required": False},
            "debit_memo": {"required": False, "help_text": "A debit memo of the payee, taken as a credit."},
        }

    def get_document_number(self, application) -> str:
        return application.document.number


class PaymentOutSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    applications = PaymentOutApplicationSerializer(
        many=True, help_text="The payee's bills paid (partial amounts allowed) and debit memos taken as credits."
    )
    payee_kind = serializers.CharField(read_only=True, help_text='"supplier" or "carrier".')
    payee_name = serializers.SerializerMethodField()

    class Meta:
        model = PaymentOut
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "method",
            "supplier",
            "carrier",
            "payee_kind",
            "payee_name",
            "payment_date",
            "currency",
            "reference",
            "notes",
            "applications",
            "bills_applied",
            "credits_applied",
            "amount",
            "voided_at",
            "void_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "bills_applied",
            "credits_applied",
            "amount",
            "voided_at",
            "void_reason",
        ]
        extra_kwargs = {"payment_date": {"required": False}}

    def get_payee_name(self, payment) -> str:
        payee = payment.supplier if payment.supplier_id else payment.carrier
        return payee.name if payee is not None else ""
