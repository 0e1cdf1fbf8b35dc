"""My tenants (memberships), tenant settings (owner) and members (admin and up)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.concurrency import OptimisticConcurrencyMixin
from apps.core.csv_io import CsvImportExportMixin, CSVRenderer
from apps.core.models import DocumentDelivery
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import RecordHistoryMixin, TenantContextMixin, TenantScopedMixin

from . import invitations, services
from .filters import InvitationFilter, MemberFilter
from .logo import remove_logo, replace_logo
from .models import Invitation, Role, Tenant, TenantUser, role_at_least
from .serializers import (
    InvitationSerializer,
    MemberSerializer,
    MyTenantSerializer,
    TenantLogoSerializer,
    TenantSerializer,
)

ADMIN_ONLY = {method: Role.ADMIN for method in ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")}


def web_app_url(request) -> str:
    """Where links in e-mails point: WEB_APP_URL, else this request's origin (its host passed ALLOWED_HOSTS)."""
    return settings.WEB_APP_URL or request.build_absolute_uri("/")


class TenantViewSet(
    TenantContextMixin,
    OptimisticConcurrencyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The tenants I belong to. Listing shows my role in each; the owner may update a tenant."""

    tenant_required = False
    permission_classes = [IsAuthenticated]
    serializer_class = TenantSerializer
    queryset = Tenant.objects.all()
    search_fields = ["name", "slug"]
    ordering_fields = ["name", "created_at"]
    filterset_fields = ["is_active"]

    def _memberships(self):
        return TenantUser.objects.filter(user=self.request.user, is_active=True, tenant__is_active=True)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Tenant.objects.none()
        if self.action == "list":
            return self._memberships().select_related("tenant").order_by("tenant__name")
        return Tenant.objects.filter(pk__in=self._memberships().values("tenant_id")).prefetch_related("domains")

    def get_serializer_class(self):
        return MyTenantSerializer if self.action == "list" else TenantSerializer

    def filter_queryset(self, queryset):
        return queryset if self.action == "list" else super().filter_queryset(queryset)

    @extend_schema(responses=MyTenantSerializer(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _check_owner(self, tenant) -> None:
        membership = self._memberships().filter(tenant=tenant).first()
        if membership is None:
            raise NotFound()
        if not role_at_least(membership.role, Role.OWNER):
            raise PermissionDenied("Only an owner can change the tenant's settings.")

    def perform_update(self, serializer):
        self._check_owner(serializer.instance)
        serializer.save()

    @extend_schema(
        request=None,
        responses={
            (200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The logo (image/png or image/jpeg)."),
            404: OpenApiResponse(description="No logo"),
        },
    )
    @action(detail=True, methods=["get"], url_path="logo/image", url_name="logo-image")
    def logo_image(self, request, pk=None):
        """The brokerage's logo as printed on every PDF (any member)."""
        tenant = self.get_object()
        if not tenant.logo:
            raise NotFound("This brokerage has no logo.")
        content_type = "image/png" if tenant.logo.name.endswith(".png") else "image/jpeg"
        return FileResponse(tenant.logo.open("rb"), content_type=content_type)

    @extend_schema(methods=["post"], request={"multipart/form-data": TenantLogoSerializer}, responses=TenantSerializer)
    @extend_schema(methods=["delete"], request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"], parser_classes=[MultiPartParser, FormParser])
    def logo(self, request, pk=None):
        """Replace the brokerage's logo on every PDF (owner; a PNG or JPEG, at most 1 MB, 16-4000 px a side; 400
        with a `logo` message otherwise) or remove it."""
        tenant = self.get_object()
        self._check_owner(tenant)
        if request.method == "DELETE":
            remove_logo(tenant)
            return Response(status=status.HTTP_204_NO_CONTENT)
        body = TenantLogoSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        replace_logo(tenant, body.validated_data["logo"])
        return Response(TenantSerializer(tenant, context=self.get_serializer_context()).data)


class MemberViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    RecordHistoryMixin,
    CsvImportExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Members of the current tenant. Admins and owners only; DELETE deactivates, it never deletes. People
    join through an invitation (/invitations/), never by being attached here."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]

    queryset = TenantUser.objects.select_related("user")
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    ordering_fields = ["created_at", "role", "user__username", "user__email"]
    ordering = ["user__username"]
    csv_import_key = None  # people join by invitation only
    required_roles = ADMIN_ONLY

    def perform_update(self, serializer):
        member = serializer.instance
        actor = self.request.membership
        data = serializer.validated_data
        if "role" in data:
            member = services.change_role(member, actor=actor, role=data["role"])
        if "is_active" in data:
            member = services.set_active(member, actor=actor, active=data["is_active"])
        serializer.instance = member

    def perform_destroy(self, instance):
        services.set_active(instance, actor=self.request.membership, active=False)


class InvitationViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    RecordHistoryMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Invitations to join the current tenant (admins and owners). POST sends one by e-mail; the answer is the
    same whether or not the address has an account anywhere on the platform. DELETE revokes (the link stops
    working); `resend` mails a new link (the old one stops working) with a new expiry."""

    queryset = Invitation.objects.select_related("invited_by")
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    search_fields = ["email"]
    ordering_fields = ["created_at", "email", "expires_at", "role", "status"]
    ordering = ["-created_at", "-id"]
    required_roles = ADMIN_ONLY

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        latest = DocumentDelivery.objects.filter(
            tenant_id=OuterRef("tenant_id"),
            content_type=ContentType.objects.get_for_model(Invitation),
            object_id=OuterRef("pk"),
        ).order_by("-created_at", "-id")
        return queryset.annotate(latest_delivery_status=Subquery(latest.values("status")[:1]))

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = invitations.invite(
            actor=self.request.membership,
            email=data["email"],
            role=data.get("role", Role.USER),
            base_url=web_app_url(self.request),
        )

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response.data = self.get_serializer(self.get_queryset().get(pk=response.data["id"])).data
        return response

    def perform_destroy(self, instance):
        invitations.revoke(instance, actor=self.request.membership)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, *args, **kwargs):
        """Mail a new link (the previous one stops working) valid for INVITATION_EXPIRY_DAYS from now."""
        invitation = invitations.resend(self.get_object(), actor=request.membership, base_url=web_app_url(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=invitation.pk)).data, status=status.HTTP_200_OK)
