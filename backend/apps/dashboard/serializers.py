"""The dashboard's response shape (for the OpenAPI schema and the generated client types)."""

from rest_framework import serializers

MONEY = {"max_digits": 14, "decimal_places": 2}


class OpenPurchaseOrdersSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    value = serializers.DecimalField(**MONEY)


class LoadTodaySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    carrier = serializers.CharField()
    pickup_appointment_at = serializers.DateTimeField(allow_null=True)
    delivery_location = serializers.CharField(allow_blank=True)


class LoadsSerializer(serializers.Serializer):
    picking_up_today = serializers.IntegerField()
    picking_up_this_week = serializers.IntegerField()
    week_start = serializers.DateField()
    week_end = serializers.DateField()
    today = LoadTodaySerializer(many=True)


class MarginFiguresSerializer(serializers.Serializer):
    """Sales and margin of booked orders (apps.sales_orders.selectors); uncosted orders counted apart."""

    orders = serializers.IntegerField()
    sales = serializers.DecimalField(**MONEY, help_text="Sell total of every booked order, costed or not.")
    gross_margin = serializers.DecimalField(**MONEY, help_text="Margin of the costed orders only.")
    margin_percent = serializers.DecimalField(
        **MONEY, allow_null=True, help_text="gross_margin over the costed orders' sales; null without any."
    )
    costed_orders = serializers.IntegerField()
    uncosted_orders = serializers.IntegerField(help_text="Orders with a line of unknown cost (no margin).")
    uncosted_sales = serializers.DecimalField(**MONEY, help_text="Sell total of the uncosted orders.")


class SalesMonthSerializer(MarginFiguresSerializer):
    month = serializers.DateField(help_text="First day of the month.")


class SalesSerializer(serializers.Serializer):
    month_to_date = SalesMonthSerializer()
    by_month = SalesMonthSerializer(many=True, help_text="The last 12 months, oldest first, this month last.")


class PoundsSerializer(serializers.Serializer):
    month = serializers.DateField()
    protein = serializers.CharField()
    pounds = serializers.DecimalField(**MONEY)


class ReceivablesSerializer(serializers.Serializer):
    outstanding = serializers.DecimalField(**MONEY)
    open_invoices = serializers.IntegerField()
    overdue = serializers.DecimalField(**MONEY)
    overdue_invoices = serializers.IntegerField()
    overdue_customers = serializers.IntegerField()


class TopCustomerSerializer(MarginFiguresSerializer):
    customer = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class TopSupplierSerializer(serializers.Serializer):
    supplier = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    orders = serializers.IntegerField()
    purchases = serializers.DecimalField(**MONEY)


class PayablesDueSerializer(serializers.Serializer):
    currency = serializers.CharField()
    items = serializers.IntegerField(help_text="Bills and open debit memos.")
    balance_due = serializers.DecimalField(**MONEY, help_text="Bills due less open debit memos.")


class OtherCurrencySerializer(serializers.Serializer):
    currency = serializers.CharField()
    open_purchase_orders = OpenPurchaseOrdersSerializer()
    sales_month_to_date = MarginFiguresSerializer()
    receivables = ReceivablesSerializer()


class DashboardSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    currency = serializers.CharField(help_text="Every money figure outside `other_currencies` is in this currency.")
    other_currencies = OtherCurrencySerializer(
        many=True, help_text="The same figures for orders and invoices in each other currency, never summed in."
    )
    open_purchase_orders = OpenPurchaseOrdersSerializer()
    loads = LoadsSerializer()
    sales = SalesSerializer()
    pounds_by_protein = PoundsSerializer(many=True)
    receivables = ReceivablesSerializer()
    payables_due_7_days = PayablesDueSerializer(
        many=True,
        help_text="Approved bills due in the next 7 days (overdue included) less open debit memos, one row per "
        "currency (as accounts-payable/cash-requirements).",
    )
    top_customers = TopCustomerSerializer(many=True, help_text="By booked sales over the last 12 months.")
    top_suppliers = TopSupplierSerializer(many=True, help_text="By confirmed purchases over the last 12 months.")
