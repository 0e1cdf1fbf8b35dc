from rest_framework import serializers

from apps.contacts.models import Contact
from apps.core.choices import Certificate
from apps.core.company import COMPANY_FIELDS, ChoiceListField, ModelCleanMixin
from apps.core.models import Protein
from apps.core.serializers import TenantOwnedSerializer
from apps.plants.models import Plant

from .models import Supplier


class SupplierPlantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plant
        fields = ["id", "code", "name", "establishment_number", "plant_type", "city", "state", "supplier", "is_active"]
        read_only_fields = fields


class SupplierContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id",
            "first_name",
            "last_name",
            "title",
            "contact_types",
            "email",
            "main_phone",
            "direct_phone",
            "cell_phone",
            "is_primary",
            "status",
        ]
        read_only_fields = fields


class SupplierSerializer(ModelCleanMixin, TenantOwnedSerializer):
    proteins = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Protein.objects.all(), help_text="Protein codes."
    )
    certificates = ChoiceListField(Certificate.choices)
    all_plants = SupplierPlantSerializer(many=True, read_only=True)
    contacts = SupplierContactSerializer(many=True, read_only=True)
    product_count = serializers.SerializerMethodField()

    class Meta:
        model = Supplier
        fields = [
            "id",
            *COMPANY_FIELDS,
            "supplier_type",
            "proteins",
            "plants",
            "certificates",
            "origin",
            "country_of_origin",
            "fresh_frozen",
            "package_type",
            "net_catch",
            "edible_inedible",
            "shipping_offered",
            "pickup_appointment_method",
            "pickup_appointment_notes",
            "offers_contracts",
            "offers_export_documents",
            "paca_licence_number",
            "quality_rating",
            "all_plants",
            "contacts",
            "product_count",
            "created_at",
            "updated_at",
        ]

    def get_product_count(self, supplier) -> int:
        return getattr(supplier, "product_count", 0)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.run_model_clean(attrs)
        if "country_of_origin" in attrs:
            attrs["country_of_origin"] = attrs["country_of_origin"].strip().upper()
        return attrs
