from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from rest_framework import serializers

from apps.tenants.serializers import MyTenantSerializer, UserSummarySerializer

User = get_user_model()


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="Username or e-mail address.", max_length=254)
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=128)
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=12,
        help_text="The 6-digit code of your authenticator app, when two-factor sign-in is on for your account.",
    )


class MeSerializer(serializers.Serializer):
    user = UserSummarySerializer()
    is_staff = serializers.BooleanField()
    tenants = MyTenantSerializer(many=True)
    current_tenant = MyTenantSerializer(allow_null=True)
    permissions = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="For the current tenant, per resource (router basename), the actions the caller's role allows: "
        "list, retrieve, create, update, delete, import, export, history and each custom action by name.",
    )
    today = serializers.DateField(
        help_text="The business day on the server's clock (TIME_ZONE): what 'today' means for dates the API "
        "defaults, the aging and the dashboard. Clients default date fields to it, not to their own clock."
    )


class LoginResponseSerializer(MeSerializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField()


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate_old_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("Your current password is not correct.")
        return value

    def validate(self, attrs):
        validate_password(attrs["new_password"], self.context["request"].user)
        return attrs


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PasswordConfirmSerializer(serializers.Serializer):
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=128)

    def validate_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("Your password is not correct.")
        return value


class OtpCodeSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=12, help_text="The 6-digit code your authenticator app shows.")


class TwoFactorStatusSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    allowed = serializers.BooleanField(help_text="Owners and platform staff may turn it on.")


class TwoFactorSetupSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="Base32 secret, for typing into the app by hand.")
    otpauth_url = serializers.CharField(help_text="otpauth:// URL to show as a QR code.")


class PasswordResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=128)


class InvitationTokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text="The token of the invitation link (?token=…).")


class InvitationPreviewSerializer(serializers.Serializer):
    tenant_name = serializers.CharField()
    email = serializers.EmailField()
    role = serializers.CharField()
    invited_by = serializers.CharField(help_text="Who sent the invitation (empty when unknown).")
    expires_at = serializers.DateTimeField()
    account_exists = serializers.BooleanField(
        help_text="True: sign in with the account of this address and accept; false: choose a password (register)."
    )


class InvitationRegisterSerializer(InvitationTokenSerializer):
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=128)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)


class InvitationAcceptedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    tenant = MyTenantSerializer()
    username = serializers.CharField(help_text="The account now a member (sign in with it).")
