"""Sign-in for the web app (session + CSRF) and for mobile and integrators (knox tokens), in one call."""

from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import rls
from apps.core.permissions import caller_permissions
from apps.core.views import TenantContextMixin
from apps.tenants.models import TenantUser

from . import throttling
from .serializers import (
    DetailSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    MeSerializer,
    PasswordChangeSerializer,
)

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
    }


class CsrfView(APIView):
    """Sets the csrftoken cookie the web app echoes in X-CSRFToken."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses=DetailSerializer)
    @method_decorator(ensure_csrf_cookie)
    def get(self, request):
        return Response({"detail": "CSRF cookie set."})


class LoginView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=LoginSerializer, responses={200: LoginResponseSerializer})
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identifier = serializer.validated_data["username"]
        ip = throttling.client_ip(request)
        if throttling.is_locked(identifier, ip):
            raise Throttled(detail="Too many failed sign-in attempts; wait a minute and try again.")
        candidate = find_user(identifier)
        user = None
        if candidate is not None:
            user = authenticate(request, username=candidate.username, password=serializer.validated_data["password"])
        if user is None or not user.is_active:
            throttling.record_failure(identifier, ip)
            raise ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        throttling.clear_failures(identifier, ip)
        login(request, user)
        instance, token = AuthToken.objects.create(user=user)
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
