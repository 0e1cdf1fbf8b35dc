"""Sign-in for the web app (session + CSRF) and for mobile and integrators (knox tokens), in one call."""

import base64

from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.authentication import CSRFCheck
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import rls
from apps.core.parsers import JSONParser
from apps.core.permissions import caller_permissions
from apps.core.views import TenantContextMixin
from apps.tenants import invitations
from apps.tenants.models import TenantUser
from apps.tenants.views import web_app_url

from . import password_reset, throttling, two_factor
from .serializers import (
    DetailSerializer,
    InvitationAcceptedSerializer,
    InvitationPreviewSerializer,
    InvitationRegisterSerializer,
    InvitationTokenSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    MeSerializer,
    OtpCodeSerializer,
    PasswordChangeSerializer,
    PasswordConfirmSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetRequestSerializer,
    TwoFactorSetupSerializer,
    TwoFactorStatusSerializer,
)
from .tokens import issue_token

User = get_user_model()
BAD_CREDENTIALS = "Unable to sign in with the username or e-mail and password provided."


def find_user(identifier: str):
    identifier = identifier.strip()
    user = User.objects.filter(username__iexact=identifier).first()
    if user is None and "@" in identifier:
        user = User.objects.filter(email__iexact=identifier).order_by("id").first()
    return user


def me_payload(request, user) -> dict:
    memberships = list(
        TenantUser.objects.select_related("tenant")
        .filter(user=user, is_active=True, tenant__is_active=True)
        .order_by("created_at", "id")
    )
    current = getattr(request, "membership", None) or (memberships[0] if memberships else None)
    return {
        "user": user,
        "is_staff": user.is_staff,
        "tenants": memberships,
        "current_tenant": current,
        "permissions": caller_permissions(current),
        "today": timezone.localdate(),
    }


class CsrfView(APIView):
    """Sets the csrftoken cookie the web app echoes in X-CSRFToken."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses=DetailSerializer)
    @method_decorator(ensure_csrf_cookie)
    def get(self, request):
        return Response({"detail": "CSRF cookie set."})


def _csrf_passes(request) -> bool:
    """Django's CSRF check as the session authentication runs it (token from X-CSRFToken + csrftoken cookie)."""
    check = CSRFCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {}) is None


class LoginView(APIView):
    """Sign in by username or e-mail. JSON only (a cross-site form cannot post JSON without CORS). The session
    cookie is set only when the request passes the CSRF check (the web app sends X-CSRFToken); clients without
    it (mobile, integrators) get the token alone — so a forged cross-site request cannot sign a browser in."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(request=LoginSerializer, responses={200: LoginResponseSerializer})
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identifier = serializer.validated_data["username"]
        password = serializer.validated_data["password"]
        candidate = find_user(identifier)
        account = throttling.account_key(candidate, identifier)
        ip = throttling.client_ip(request)
        refusal = throttling.check(account, ip)
        if refusal is not None:
            raise Throttled(wait=refusal.retry_after, detail=refusal.reason)
        user = None
        if candidate is not None:
            user = authenticate(request, username=candidate.username, password=password)
        else:
            make_password(password)  # the hasher runs for unknown names too: no timing difference
        if user is None or not user.is_active:
            throttling.record_failure(account, ip)
            raise ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        if two_factor.enabled_for(user):
            code = serializer.validated_data.get("otp", "")
            if not code:
                raise ValidationError({"otp": [two_factor.CODE_REQUIRED]})
            if not two_factor.verify(user, code):
                throttling.record_failure(account, ip)
                raise ValidationError({"otp": [two_factor.CODE_WRONG]})
        throttling.clear_failures(account)
        if _csrf_passes(request._request):
            login(request, user)
        instance, token = issue_token(user)
        rls.activate(tenant_id=None, user_id=user.pk)  # the user's own memberships become visible
        try:
            body = {"token": token, "expiry": instance.expiry, **me_payload(request, user)}
        finally:
            rls.deactivate()
        return Response(LoginResponseSerializer(body).data)


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(TenantContextMixin, APIView):
    tenant_required = False
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(me_payload(request, request.user)).data)


class PasswordChangeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PasswordChangeSerializer, responses={200: DetailSerializer})
    def post(self, request):
        serializer = PasswordChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = request.user
        user.set_password(serializer.validated_data["new_password"])
        user.save(update_fields=["password"])
        # Other devices are signed out; this session and this token stay valid.
        keep = request.auth.pk if isinstance(request.auth, AuthToken) else None
        AuthToken.objects.filter(user=user).exclude(pk=keep).delete()
        if request.session.session_key or not isinstance(request.auth, AuthToken):
            update_session_auth_hash(request._request, user)
        return Response({"detail": "Password changed; other devices were signed out."})


class TwoFactorStatusView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=TwoFactorStatusSerializer)
    def get(self, request):
        user = request.user
        rls.activate(tenant_id=None, user_id=user.pk)
        try:
            allowed = two_factor.may_enroll(user)
        finally:
            rls.deactivate()
        return Response({"enabled": two_factor.enabled_for(user), "allowed": allowed})


class TwoFactorSetupView(APIView):
    """Start turning two-factor sign-in on: returns the secret and the otpauth:// URL for the authenticator
    app (shown as a QR code); nothing changes until /confirm/ receives a valid code. Needs the password."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=PasswordConfirmSerializer, responses={200: TwoFactorSetupSerializer})
    def post(self, request):
        body = PasswordConfirmSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        user = request.user
        rls.activate(tenant_id=None, user_id=user.pk)
        try:
            allowed = two_factor.may_enroll(user)
        finally:
            rls.deactivate()
        if not allowed:
            raise PermissionDenied("Two-factor sign-in is offered to tenant owners and platform staff.")
        device = two_factor.start_enrollment(user)
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        return Response({"secret": secret, "otpauth_url": device.config_url})


class TwoFactorConfirmView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=OtpCodeSerializer, responses={200: DetailSerializer})
    def post(self, request):
        body = OtpCodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not two_factor.confirm_enrollment(request.user, body.validated_data["code"]):
            raise ValidationError({"code": [two_factor.CODE_WRONG]})
        return Response({"detail": "Two-factor sign-in is on: sign-ins now ask for a code."})


class TwoFactorDisableView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PasswordConfirmSerializer, responses={200: DetailSerializer})
    def post(self, request):
        body = PasswordConfirmSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        two_factor.disable(request.user)
        return Response({"detail": "Two-factor sign-in is off."})


RESET_REQUESTED = (
    "If an account uses this address, a link to choose a new password is on its way. It expires soon and works "
    "once; nothing changes until you use it."
)


class PasswordResetRequestView(APIView):
    """Ask for a reset link by e-mail. The answer is the same whether or not an account uses the address
    (202, always); limited per client address (429) and, silently, per address (docs/SECURITY.md)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [throttling.ClientAddressThrottle]
    throttle_scope = "password_reset"

    @extend_schema(request=PasswordResetRequestSerializer, responses={202: DetailSerializer})
    def post(self, request):
        body = PasswordResetRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        password_reset.request_reset(body.validated_data["email"], web_app_url(request))
        return Response({"detail": RESET_REQUESTED}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(APIView):
    """Set a new password with the link's uid and token. The password must pass AUTH_PASSWORD_VALIDATORS;
    afterwards every session and token of the account is signed out."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [throttling.ClientAddressThrottle]
    throttle_scope = "password_reset_confirm"

    @extend_schema(request=PasswordResetConfirmSerializer, responses={200: DetailSerializer})
    def post(self, request):
        body = PasswordResetConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        password_reset.confirm_reset(data["uid"], data["token"], data["new_password"])
        return Response({"detail": "Your password was changed; sign in with it. Every device was signed out."})


def _accepted(member, user) -> dict:
    return {"detail": f"You are now a member of {member.tenant.name}.", "tenant": member, "username": user.username}


class InvitationPreviewView(APIView):
    """What an invitation link is for (tenant, role, who invited, expiry) and whether the invited address has
    an account (then: sign in and accept; else: register). For the link's holder only: it needs the token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [throttling.ClientAddressThrottle]
    throttle_scope = "invitation"

    @extend_schema(request=InvitationTokenSerializer, responses={200: InvitationPreviewSerializer})
    def post(self, request):
        body = InvitationTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        found = invitations.preview(body.validated_data["token"])
        return Response(InvitationPreviewSerializer(found).data)


class InvitationAcceptView(APIView):
    """The signed-in user accepts an invitation sent to their account's e-mail address."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [throttling.ClientAddressThrottle]
    throttle_scope = "invitation"

    @extend_schema(request=InvitationTokenSerializer, responses={200: InvitationAcceptedSerializer})
    def post(self, request):
        body = InvitationTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        member = invitations.accept(body.validated_data["token"], request.user)
        return Response(InvitationAcceptedSerializer(_accepted(member, request.user)).data)


class InvitationRegisterView(APIView):
    """Accept an invitation by creating the account of the invited address (username = the address) with a
    password that passes AUTH_PASSWORD_VALIDATORS. Then sign in as usual."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [throttling.ClientAddressThrottle]
    throttle_scope = "invitation"

    @extend_schema(request=InvitationRegisterSerializer, responses={201: InvitationAcceptedSerializer})
    def post(self, request):
        body = InvitationRegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        member = invitations.register(
            data["token"],
            password=data["password"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        body = InvitationAcceptedSerializer(_accepted(member, member.user)).data
        return Response(body, status=status.HTTP_201_CREATED)
