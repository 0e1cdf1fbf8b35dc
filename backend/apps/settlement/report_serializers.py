"""The shapes of the settled-margin report and the commissions report."""

from rest_framework import serializers

MONEY = {"max_digits": 16, "decimal_places": 2}


class SettledMarginFiguresSerializer(serializers.Serializer):
    currency = serializers.CharField()
    loads = serializers.IntegerField(help_text="Settled loads with a figure in this row.")
    revenue = serializers.DecimalField(**MONEY)
    product_cost = serializers.DecimalField(**MONEY)
    freight = serializers.DecimalField(**MONEY)
    cold_storage = serializers.DecimalField(**MONEY)
    claims = serializers.DecimalField(**MONEY)
    margin = serializers.DecimalField(**MONEY, help_text="revenue - every cost (actual).")
    margin_estimate = serializers.DecimalField(**MONEY, help_text="The same from the orders and rate confirmation.")


class MarginRowSerializer(SettledMarginFiguresSerializer):
    dimension = serializers.CharField()
    key = serializers.JSONField(allow_null=True, help_text="The id (the lane's text); null: not attributed.")
    label = serializers.CharField()


class MarginReportSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    rows = MarginRowSerializer(many=True, help_text="One row per dimension value and currency.")
    totals = SettledMarginFiguresSerializer(many=True, help_text="One row per currency; currencies are never added up.")


class CommissionRepSerializer(serializers.Serializer):
    sales_rep = serializers.IntegerField(help_text="The member (membership id).")
    sales_rep_name = serializers.CharField()
    currency = serializers.CharField()
    loads = serializers.IntegerField()
    margin = serializers.DecimalField(**MONEY)
    commission = serializers.DecimalField(**MONEY)


class CommissionLoadSerializer(serializers.Serializer):
    sales_rep = serializers.IntegerField()
    sales_rep_name = serializers.CharField()
    currency = serializers.CharField()
    load = serializers.IntegerField()
    load_number = serializers.CharField()
    period_date = serializers.DateField(allow_null=True)
    margin = serializers.DecimalField(**MONEY)
    commission = serializers.DecimalField(**MONEY)


class CommissionReportSerializer(serializers.Serializer):
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    commission_percent = serializers.DecimalField(max_digits=6, decimal_places=2)
    commission_floor = serializers.DecimalField(**MONEY)
    reps = CommissionRepSerializer(many=True, help_text="One row per rep and currency.")
    loads = CommissionLoadSerializer(many=True)
