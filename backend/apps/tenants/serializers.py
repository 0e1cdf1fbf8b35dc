from django.contrib.auth import get_user_model
from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer

from .models import Role, Tenant, TenantDomain, TenantUser
from .settings_schema import settings_errors

User = get_user_model()


class UserSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name"]
        read_only_fields = fields


class TenantSerializer(serializers.ModelSerializer):
    domains = serializers.SlugRelatedField(slug_field="domain", many=True, read_only=True)

    class Meta:
        model = Tenant
        fields = ["id", "name", "slug", "is_active", "settings", "domains", "created_at", "updated_at"]
        read_only_fields = ["id", "slug", "is_active", "domains", "created_at", "updated_at"]

    def validate_settings(self, value):
        errors = settings_errors(value)
        if errors:
            raise serializers.ValidationError(errors)
        return value


class MyTenantSerializer(serializers.ModelSerializer):
    """A tenant as one of my memberships: the tenant plus my role in it."""

    id = serializers.IntegerField(source="tenant.id", read_only=True)
    name = serializers.CharField(source="tenant.name", read_only=True)
    slug = serializers.CharField(source="tenant.slug", read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)

    class Meta:
        model = TenantUser
        fields = ["id", "name", "slug", "role"]


class MemberSerializer(TenantOwnedSerializer):
    user = UserSummarySerializer(read_only=True)
    email = serializers.EmailField(write_only=True, required=False)
    first_name = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=150)
    password = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        style={"input_type": "password"},
        help_text="Initial password when the e-mail belongs to no user yet.",
    )

    class Meta:
        model = TenantUser
        fields = [
            "id",
            "user",
            "email",
            "first_name",
            "last_name",
            "password",
            "role",
            "is_active",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        if self.instance is None and not attrs.get("email"):
            raise serializers.ValidationError({"email": ["The new member's e-mail is required."]})
        if self.instance is not None and "email" in attrs:
            raise serializers.ValidationError({"email": ["A membership's user cannot be changed."]})
        return super().validate(attrs)


class TenantDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = TenantDomain
        fields = ["id", "domain", "is_primary"]
