"""Carrier API shape: MC/DOT/SCAC are normalised on the way in, insurance_expired is computed on the way out."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from apps.contacts.models import Contact
from apps.core.serializers import TenantOwnedSerializer
from apps.core.validators import validate_country as country_code_validator
from apps.core.validators import validate_us_address

from .models import SCAC_HELP, Carrier, normalize_dot_number, normalize_mc_number, validate_scac


class CarrierContactSerializer(serializers.ModelSerializer):
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


class CarrierSerializer(TenantOwnedSerializer):
    contacts = CarrierContactSerializer(many=True, read_only=True, help_text="Dispatch, billing, ... people.")
    insurance_expired = serializers.BooleanField(
        read_only=True, help_text="True once insurance_expires_on has passed; such a carrier gets no new loads."
    )

    class Meta:
        model = Carrier
        fields = [
            "id",
            "code",
            "name",
            "carrier_type",
            "reefer_capable",
            "mc_number",
            "dot_number",
            "scac",
            "insurance_provider",
            "insurance_policy_number",
            "insurance_expires_on",
            "insurance_expired",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "postal_code",
            "country",
            "phone",
            "email",
            "appointment_method",
            "payment_terms_days",
            "our_customer_number",
            "rating",
            "lanes",
            "notes",
            "is_active",
            "contacts",
            "created_at",
            "updated_at",
        ]
        # Input may carry prefixes and spaces ("USDOT 1234567") that normalisation strips.
        extra_kwargs = {
            "mc_number": {"max_length": 30},
            "dot_number": {"max_length": 30},
            "scac": {"max_length": 10, "validators": []},
        }

    def validate_code(self, value: str) -> str:
        return value.strip()

    def validate_mc_number(self, value: str) -> str:
        return _normalized(normalize_mc_number, value)

    def validate_dot_number(self, value: str) -> str:
        return _normalized(normalize_dot_number, value)

    def validate_scac(self, value: str) -> str:
        value = (value or "").strip().upper()
        if value:
            try:
                validate_scac(value)
            except DjangoValidationError:
                raise serializers.ValidationError(SCAC_HELP)
        return value

    def validate_state(self, value: str) -> str:
        return (value or "").strip().upper()

    def validate_country(self, value: str) -> str:
        value = (value or "").strip().upper()
        try:
            country_code_validator(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages)
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)

        def current(name, default=""):
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, default) if self.instance is not None else default

        errors = validate_us_address(
            country=current("country", "US"), state=current("state"), postal_code=current("postal_code")
        )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _normalized(normalize, value: str) -> str:
    try:
        return normalize(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages)
