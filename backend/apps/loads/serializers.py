"""Load and cold storage shapes. Loads are written through services.py (numbers, carrier checks, freight)."""

from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from apps.ai_assistant.models import Document
from apps.core.serializers import TenantOwnedSerializer, TenantPrimaryKeyRelatedField
from apps.core.workflow_api import WorkflowSerializerMixin
from apps.purchase_orders.models import PurchaseOrder

from .models import ColdStorageEntry, Load, LoadAccessorial, LoadDocument, LoadDocumentKind, LoadOrder


class StopOrderedPurchaseOrdersField(serializers.ManyRelatedField):
    """The load's purchase order ids in pickup order (read from the prefetched stops, no extra query)."""

    def get_attribute(self, instance):
        if instance.pk is None:
            return []
        return [PKOnlyObject(stop.purchase_order_id) for stop in instance.load_orders.all()]


class LoadAccessorialSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoadAccessorial
        fields = ["id", "charge_type", "description", "amount"]
        read_only_fields = ["id"]


class LoadStopSerializer(serializers.ModelSerializer):
    purchase_order_number = serializers.CharField(source="purchase_order.number", read_only=True)
    purchase_order_status = serializers.CharField(source="purchase_order.status", read_only=True)
    pickup_plant = serializers.CharField(source="purchase_order.plant.name", read_only=True, allow_null=True)
    pickup_date = serializers.DateField(source="purchase_order.pickup_date", read_only=True, allow_null=True)

    class Meta:
        model = LoadOrder
        fields = [
            "stop_number",
            "purchase_order",
            "purchase_order_number",
            "purchase_order_status",
            "pickup_plant",
            "pickup_date",
        ]
        read_only_fields = fields


def user_display(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


class LoadSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    carrier_name = serializers.CharField(source="carrier.name", read_only=True)
    carrier_phone = serializers.CharField(source="carrier.phone", read_only=True)
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(),
        allow_null=True,
        required=False,
        help_text="User id of the member in the field looking after the load (an active member).",
    )
    assigned_to_name = serializers.SerializerMethodField()
    purchase_orders = StopOrderedPurchaseOrdersField(
        child_relation=TenantPrimaryKeyRelatedField(queryset=PurchaseOrder.objects.all()),
        required=False,
        help_text="Purchase order ids on the load, in pickup order (the full list replaces the current one).",
    )
    stops = LoadStopSerializer(source="load_orders", many=True, read_only=True)
    origin = serializers.SerializerMethodField(
        help_text="Where the truck loads: the first stop's plant (and its city, state), '' without stops."
    )
    customer_names = serializers.SerializerMethodField(
        help_text="The customers of the sales orders travelling on the load, by name."
    )
    accessorials = LoadAccessorialSerializer(
        many=True, required=False, help_text="Fuel, detention, lumper, layover, other; the full list replaces it."
    )

    class Meta:
        model = Load
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "carrier",
            "carrier_name",
            "purchase_orders",
            "stops",
            "origin",
            "customer_names",
            "currency",
            "linehaul_rate",
            "accessorials",
            "accessorials_total",
            "total_freight_cost",
            "pickup_date",
            "pickup_appointment_at",
            "delivery_date",
            "delivery_appointment_at",
            "delivery_location",
            "temperature_setpoint_f",
            "seal_number",
            "trailer_number",
            "driver_name",
            "driver_phone",
            "bol_number",
            "pod_received",
            "pod_received_on",
            "notes",
            "assigned_to",
            "assigned_to_name",
            "carrier_phone",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "status", "accessorials_total", "total_freight_cost"]

    def get_assigned_to_name(self, load) -> str:
        return user_display(load.assigned_to)

    def get_origin(self, load) -> str:
        stops = sorted(load.load_orders.all(), key=lambda stop: (stop.stop_number, stop.pk))  # prefetched
        plant = stops[0].purchase_order.plant if stops else None
        if plant is None:
            return ""
        place = ", ".join(part for part in (plant.city, plant.state) if part)
        return f"{plant.name} ({place})" if place else plant.name

    def get_customer_names(self, load) -> list[str]:
        return sorted({order.customer.name for order in load.sales_orders.all()})  # prefetched

    def validate_linehaul_rate(self, value):
        if value is not None and value < 0:
            raise serializers.ValidationError("The rate cannot be negative.")
        return value


class ColdStorageEntrySerializer(TenantOwnedSerializer):
    purchase_order_number = serializers.CharField(source="purchase_order.number", read_only=True, allow_null=True)
    load_number = serializers.CharField(source="load.number", read_only=True, allow_null=True)
    product_code = serializers.CharField(source="product.code", read_only=True, allow_null=True)
    storage_supplier_name = serializers.CharField(source="storage_supplier.name", read_only=True, allow_null=True)
    storage_plant_name = serializers.CharField(source="storage_plant.name", read_only=True, allow_null=True)

    class Meta:
        model = ColdStorageEntry
        fields = [
            "id",
            "match_status",
            "purchase_order",
            "purchase_order_number",
            "load",
            "load_number",
            "product",
            "product_code",
            "description",
            "lot_number",
            "storage_supplier",
            "storage_supplier_name",
            "storage_plant",
            "storage_plant_name",
            "production_date",
            "stored_on",
            "released_on",
            "boxes",
            "finished_weight_lb",
            "shrink_lb",
            "boxing_cost",
            "storage_cost",
            "total_cost",
            "currency",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["total_cost"]

    def validate(self, attrs):
        attrs = super().validate(attrs)

        def value(name):
            return attrs.get(name, getattr(self.instance, name, None))

        errors = {}
        if value("stored_on") and value("released_on") and value("released_on") < value("stored_on"):
            errors["released_on"] = ["The product cannot leave the cold storage before it arrived."]
        for name in ("boxing_cost", "storage_cost", "finished_weight_lb", "shrink_lb"):
            if value(name) is not None and value(name) < 0:
                errors[name] = ["Cannot be negative."]
        if value("storage_supplier") is None and value("storage_plant") is None:
            errors["storage_plant"] = ["Say where the product is stored: a cold storage plant or supplier."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class LoadLineSerializer(serializers.Serializer):
    """A purchase order line on the load, as the field app shows it (weights in lb)."""

    id = serializers.IntegerField()
    purchase_order = serializers.IntegerField(source="order_id")
    purchase_order_number = serializers.CharField(source="order.number")
    line_number = serializers.IntegerField()
    product_code = serializers.CharField(source="product.code", allow_null=True)
    description = serializers.CharField()
    boxes = serializers.IntegerField(allow_null=True)
    estimated_weight_lb = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    actual_weight_lb = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class CatchWeightEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The line id (from GET …/lines/).")
    actual_weight = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, help_text="Catch weight."
    )
    weight_unit = serializers.ChoiceField(choices=["lb", "kg"], default="lb")
    boxes = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, allow_null=True)

    def validate(self, attrs):
        if "actual_weight" not in attrs and "boxes" not in attrs:
            raise serializers.ValidationError("Give the actual weight, the boxes, or both.")
        return attrs


class CatchWeightsSerializer(serializers.Serializer):
    lines = CatchWeightEntrySerializer(many=True, allow_empty=False)


class LoadDocumentSerializer(TenantOwnedSerializer):
    document = TenantPrimaryKeyRelatedField(queryset=Document.objects.all(), help_text="An assistant document id.")
    kind = serializers.ChoiceField(choices=LoadDocumentKind.choices)
    original_name = serializers.CharField(source="document.original_name", read_only=True)
    document_status = serializers.CharField(source="document.status", read_only=True)
    document_type = serializers.CharField(source="document.document_type", read_only=True)
    attached_by = serializers.SerializerMethodField()

    class Meta:
        model = LoadDocument
        fields = [
            "id",
            "kind",
            "document",
            "original_name",
            "document_status",
            "document_type",
            "attached_by",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    def get_attached_by(self, link) -> str:
        return user_display(link.created_by)
