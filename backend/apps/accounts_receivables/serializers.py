"""Payments in and out of the API, the apply / unapply bodies, and the receivables reports' shapes."""

from rest_framework import serializers

from apps.core.money import CENT
from apps.core.serializers import AgingBucketsSerializer, TenantOwnedSerializer, TenantPrimaryKeyRelatedField
from apps.invoices.models import Invoice

from .models import Payment, PaymentApplication


class PaymentApplicationSerializer(serializers.ModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)

    class Meta:
        model = PaymentApplication
        fields = ["id", "invoice", "invoice_number", "amount", "applied_on", "created_at"]
        read_only_fields = fields


class PaymentSerializer(TenantOwnedSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    applied_amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    applications = PaymentApplicationSerializer(many=True, read_only=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=CENT)

    class Meta:
        model = Payment
        fields = [
            "id",
            "number",
            "customer",
            "customer_name",
            "payment_date",
            "amount",
            "currency",
            "payment_method",
            "reference",
            "notes",
            "applied_amount",
            "unapplied_amount",
            "applications",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "unapplied_amount"]


class AllocationSerializer(serializers.Serializer):
    invoice = TenantPrimaryKeyRelatedField(queryset=Invoice.objects.all())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=CENT)


class ApplyPaymentSerializer(serializers.Serializer):
    allocations = AllocationSerializer(many=True, allow_empty=False)


class UnapplyPaymentSerializer(serializers.Serializer):
    invoice = TenantPrimaryKeyRelatedField(
        queryset=Invoice.objects.all(), required=False, help_text="Only this invoice; all invoices when left out."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


MONEY = {"max_digits": 14, "decimal_places": 2}


class AgingCustomerSerializer(AgingBucketsSerializer):
    customer = serializers.IntegerField()
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()


class AgingReportSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    currency = serializers.CharField(help_text="The tenant's reporting currency (listed first in `totals`).")
    customers = AgingCustomerSerializer(many=True, help_text="One row per customer and currency.")
    totals = AgingBucketsSerializer(many=True, help_text="One row per currency; currencies are never added up.")


class OverdueInvoiceSerializer(serializers.Serializer):
    invoice = serializers.IntegerField()
    number = serializers.CharField()
    customer = serializers.IntegerField()
    customer_name = serializers.CharField()
    invoice_date = serializers.DateField()
    due_date = serializers.DateField()
    days_past_due = serializers.IntegerField()
    total = serializers.DecimalField(**MONEY)
    balance_due = serializers.DecimalField(**MONEY)


class CustomerCreditSerializer(serializers.Serializer):
    customer = serializers.IntegerField()
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()
    payments = serializers.IntegerField()
    unapplied_amount = serializers.DecimalField(**MONEY)


class StatementLineSerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=["invoice", "credit_memo", "payment"])
    number = serializers.CharField()
    reference = serializers.CharField(allow_blank=True)
    charges = serializers.DecimalField(**MONEY)
    credits = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)


class StatementOpenInvoiceSerializer(serializers.Serializer):
    invoice = serializers.IntegerField()
    number = serializers.CharField()
    invoice_date = serializers.DateField()
    due_date = serializers.DateField()
    days_past_due = serializers.IntegerField()
    total = serializers.DecimalField(**MONEY)
    balance_due = serializers.DecimalField(**MONEY)


class StatementSerializer(serializers.Serializer):
    customer = serializers.IntegerField()
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()
    currency = serializers.CharField(help_text="Every amount of this statement is in this currency.")
    currencies = serializers.ListField(
        child=serializers.CharField(), help_text="The currencies this customer has a statement in (`?currency=`)."
    )
    start = serializers.DateField()
    end = serializers.DateField()
    opening_balance = serializers.DecimalField(**MONEY)
    lines = StatementLineSerializer(many=True)
    closing_balance = serializers.DecimalField(**MONEY)
    open_invoices = StatementOpenInvoiceSerializer(many=True)
    aging = AgingBucketsSerializer()
    unapplied_credit = serializers.DecimalField(**MONEY)
