from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from apps.core.establishment import normalize_establishment_number
from apps.core.serializers import AllErrorsMixin


class RecallQuerySerializer(AllErrorsMixin, serializers.Serializer):
    """The recall's criteria (query parameters); any may be left out, all given must match."""

    establishment = serializers.CharField(
        required=False, allow_blank=True, help_text="USDA establishment number in any accepted form (EST. 245C)."
    )
    produced_from = serializers.DateField(required=False, help_text="Produced on or after this day.")
    produced_to = serializers.DateField(required=False, help_text="Produced on or before this day.")
    lot = serializers.CharField(required=False, allow_blank=True, max_length=50, help_text="Lot number (any case).")
    product = serializers.IntegerField(required=False, min_value=1, help_text="Product id.")

    def validate_establishment(self, value):
        try:
            return normalize_establishment_number(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def validate(self, attrs):
        start, end = attrs.get("produced_from"), attrs.get("produced_to")
        if start and end and start > end:
            raise serializers.ValidationError({"produced_to": ["Give a day on or after produced_from."]})
        return attrs


class RecallLineSerializer(serializers.Serializer):
    """A line that reached the customer: a shipped sales order line, or a line billed by hand."""

    sales_order = serializers.IntegerField(allow_null=True)
    sales_order_number = serializers.CharField()
    line_number = serializers.IntegerField()
    product = serializers.IntegerField(allow_null=True)
    product_code = serializers.CharField()
    description = serializers.CharField()
    lot_number = serializers.CharField()
    establishment_number = serializers.CharField()
    production_date = serializers.DateField(allow_null=True)
    pack_date = serializers.DateField(allow_null=True)
    boxes = serializers.IntegerField(allow_null=True)
    weight_lb = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    loads = serializers.ListField(child=serializers.CharField())
    invoices = serializers.ListField(child=serializers.CharField())


class CustomerRecallSerializer(serializers.Serializer):
    customer = serializers.IntegerField()
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()
    lots = serializers.ListField(child=serializers.CharField())
    loads = serializers.ListField(child=serializers.CharField())
    invoices = serializers.ListField(child=serializers.CharField())
    lines = RecallLineSerializer(many=True)
