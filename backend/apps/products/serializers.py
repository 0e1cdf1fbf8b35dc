"""Product API shape: protein by code, supplier summary for lists, NAMP / grade / temperature rules as field errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from apps.core.models import Protein
from apps.core.serializers import TenantOwnedSerializer
from apps.core.validators import validate_country

from .models import Product, grade_errors, normalize_namp_number, temperature_range_errors


class ProductSerializer(TenantOwnedSerializer):
    protein = serializers.SlugRelatedField(
        slug_field="code", queryset=Protein.objects.all(), help_text="Protein code, e.g. beef, pork, chicken."
    )
    supplier_name = serializers.CharField(source="supplier.name", read_only=True, allow_null=True)

    class Meta:
        model = Product
        fields = [
            "id",
            "code",
            "description",
            "protein",
            "cut",
            "grade",
            "namp_number",
            "fresh_frozen",
            "package_type",
            "carton_type",
            "pieces_per_carton",
            "box_weight_lbs",
            "net_catch",
            "edible_inedible",
            "is_tested",
            "origin",
            "country_of_origin",
            "supplier",
            "supplier_name",
            "supplier_item_number",
            "plants",
            "default_price",
            "price_unit",
            "storage_temp_min_f",
            "storage_temp_max_f",
            "notes",
            "is_active",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"namp_number": {"max_length": 20}}

    def validate_code(self, value: str) -> str:
        return value.strip()

    def validate_namp_number(self, value: str) -> str:
        try:
            return normalize_namp_number(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages)

    def validate_country_of_origin(self, value: str) -> str:
        value = (value or "").strip().upper()
        if value:
            try:
                validate_country(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages)
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)

        def current(name):
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, None) if self.instance is not None else None

        errors = temperature_range_errors(current("storage_temp_min_f"), current("storage_temp_max_f"))
        protein = current("protein")
        if messages := grade_errors(protein.code if protein else None, current("grade") or ""):
            errors["grade"] = messages
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
