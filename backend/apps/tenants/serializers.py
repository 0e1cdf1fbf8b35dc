from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer

from .models import Invitation, InvitationStatus, Role, Tenant, TenantDomain, TenantUser
from .settings_schema import settings_errors

User = get_user_model()


class UserSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name"]
        read_only_fields = fields


class TenantSerializer(serializers.ModelSerializer):
    domains = serializers.SlugRelatedField(slug_field="domain", many=True, read_only=True)
    logo_url = serializers.SerializerMethodField(
        help_text="GET it for the brokerage's logo (printed on every PDF); null without one. "
        "The owner POSTs a new one (multipart `logo`) or DELETEs it at /api/v1/tenants/{id}/logo/."
    )

    class Meta:
        model = Tenant
        fields = ["id", "name", "slug", "is_active", "settings", "logo_url", "domains", "created_at", "updated_at"]
        read_only_fields = ["id", "slug", "is_active", "domains", "created_at", "updated_at"]

    def get_logo_url(self, tenant) -> str | None:
        if not tenant.logo:
            return None
        # The file's name changes with every upload, so a browser never shows a replaced logo from its cache.
        return f"/api/v1/tenants/{tenant.pk}/logo/image/?v={tenant.logo.name.rsplit('/', 1)[-1].split('.')[0]}"

    def validate_settings(self, value):
        errors = settings_errors(value)
        if errors:
            raise serializers.ValidationError(errors)
        return value


class TenantLogoSerializer(serializers.Serializer):
    logo = serializers.FileField(help_text="A PNG or JPEG, at most 1 MB, 16 to 4000 pixels a side.")

    def validate_logo(self, upload):
        from .logo import LogoRejected, check_logo

        try:
            check_logo(upload)
        except LogoRejected as problem:
            raise serializers.ValidationError(str(problem)) from None
        upload.seek(0)
        return upload


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
    """A membership. People join through an invitation (InvitationSerializer); here only role and is_active
    change."""

    user = UserSummarySerializer(read_only=True)

    class Meta:
        model = TenantUser
        fields = ["id", "user", "role", "is_active", "created_at", "updated_at"]


class InvitationSerializer(TenantOwnedSerializer):
    email = serializers.EmailField(max_length=254)
    invited_by = serializers.SerializerMethodField()
    expired = serializers.SerializerMethodField()
    delivery_status = serializers.SerializerMethodField(
        help_text="How the sending of the latest e-mail went: queued, sent, failed, or null before any."
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "role",
            "status",
            "expires_at",
            "expired",
            "invited_by",
            "sent_count",
            "delivery_status",
            "accepted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "expires_at", "sent_count", "accepted_at"]

    def get_invited_by(self, obj) -> str | None:
        user = obj.invited_by
        return (user.get_full_name() or user.username) if user else None

    def get_expired(self, obj) -> bool:
        return obj.status == InvitationStatus.PENDING and obj.expires_at <= timezone.now()

    def get_delivery_status(self, obj) -> str | None:
        latest = getattr(obj, "latest_delivery_status", None)
        return latest or None


class TenantDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = TenantDomain
        fields = ["id", "domain", "is_primary"]
