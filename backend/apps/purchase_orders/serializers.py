"""Purchase order shapes: the order with its lines nested (written through services.py, never saved here)."""

from decimal import ROUND_HALF_UP

from rest_framework import serializers

from apps.core.lines.serializers import LineSerializer, line_fields
from apps.core.serializers import TenantOwnedSerializer
from apps.core.workflow_api import WorkflowSerializerMixin

from .models import PurchaseOrder, PurchaseOrderLine


class PurchaseOrderLineSerializer(LineSerializer):
    weight_lb = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, allow_null=True)
    cost_per_lb = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        read_only=True,
        allow_null=True,
        rounding=ROUND_HALF_UP,
        help_text="line_total / weight_lb: what a pound of this line costs (for margins).",
    )

    class Meta(LineSerializer.Meta):
        model = PurchaseOrderLine
        fields = line_fields(PurchaseOrderLine, "weight_lb", "cost_per_lb")


class PurchaseOrderLoadSerializer(serializers.Serializer):
    """A load the order rides on (cancelled ones included, with their status)."""

    id = serializers.IntegerField(source="load.id", read_only=True)
    number = serializers.CharField(source="load.number", read_only=True)
    status = serializers.CharField(source="load.status", read_only=True)
    carrier = serializers.IntegerField(source="load.carrier_id", read_only=True)


class PurchaseOrderSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    lines = PurchaseOrderLineSerializer(many=True, required=False)
    loads = PurchaseOrderLoadSerializer(source="load_orders", many=True, read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    plant_name = serializers.CharField(source="plant.name", read_only=True, allow_null=True)
    carrier_name = serializers.CharField(source="carrier.name", read_only=True, allow_null=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True, allow_null=True)
    total_weight_lb = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    confirm_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="Book this supplier confirmation number although another order of the supplier has it (else 409).",
    )

    class Meta:
        model = PurchaseOrder
        fields = [
            "confirm_duplicate",
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "supplier_confirmation_number",
            "supplier",
            "supplier_name",
            "plant",
            "plant_name",
            "supplier_contact",
            "order_date",
            "pickup_date",
            "pickup_window_from",
            "pickup_window_to",
            "delivery_date",
            "freight_terms",
            "carrier",
            "carrier_name",
            "carrier_release_format",
            "carrier_release_number",
            "appointment_method",
            "customer",
            "customer_name",
            "currency",
            "notes",
            "lines",
            "loads",
            "subtotal",
            "total",
            "total_weight_lb",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "status", "subtotal", "total"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        errors = {}
        supplier = attrs.get("supplier", getattr(self.instance, "supplier", None))
        contact = attrs.get("supplier_contact", getattr(self.instance, "supplier_contact", None))
        if contact is not None and supplier is not None and contact.supplier_id != supplier.pk:
            errors["supplier_contact"] = ["Choose a contact of this supplier."]
        start = attrs.get("pickup_window_from", getattr(self.instance, "pickup_window_from", None))
        end = attrs.get("pickup_window_to", getattr(self.instance, "pickup_window_to", None))
        if start and end and start > end:
            errors["pickup_window_to"] = ["The pickup window must end after it starts."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ConfirmPurchaseOrderSerializer(serializers.Serializer):
    supplier_confirmation_number = serializers.CharField(required=False, allow_blank=True, max_length=100)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)
