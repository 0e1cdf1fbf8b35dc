from rest_framework import serializers

from apps.contacts.models import Contact
from apps.core.choices import Certificate
from apps.core.company import ChoiceListField, ModelCleanMixin
from apps.core.models import Protein
from apps.core.serializers import TenantOwnedSerializer, request_tenant

from .models import Plant


class PlantContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "first_name", "last_name", "title", "contact_types", "email", "main_phone", "cell_phone"]
        read_only_fields = fields


class PlantSerializer(ModelCleanMixin, TenantOwnedSerializer):
    proteins = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Protein.objects.all(), help_text="Protein codes."
    )
    certificates = ChoiceListField(Certificate.choices)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True, allow_null=True)
    contacts = PlantContactSerializer(many=True, read_only=True)

    class Meta:
        model = Plant
        fields = [
            "id",
            "code",
            "name",
            "establishment_number",
            "establishment_number_normalized",
            "plant_type",
            "supplier",
            "supplier_name",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "postal_code",
            "country",
            "proteins",
            "certificates",
            "capacity",
            "capacity_unit",
            "manager_name",
            "phone",
            "email",
            "receiving_hours",
            "shipping_hours",
            "notes",
            "is_active",
            "contacts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["establishment_number_normalized"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        plant = self.run_model_clean(attrs)
        normalized = plant.establishment_number_normalized
        if normalized:
            tenant = getattr(self.instance, "tenant", None) or request_tenant(self)
            clash = Plant.objects.filter(tenant=tenant, establishment_number_normalized=normalized)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            other = clash.first()
            if other is not None:
                raise serializers.ValidationError(
                    {"establishment_number": [f"Plant {other.name} ({other.code}) already has EST. {normalized}."]}
                )
        return attrs
