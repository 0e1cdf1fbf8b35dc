"""My tenants (memberships), tenant settings (owner) and members (admin and up)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated

from apps.core.concurrency import OptimisticConcurrencyMixin
from apps.core.views import TenantContextMixin, TenantModelViewSet

from . import services
from .filters import MemberFilter
from .models import Role, Tenant, TenantUser, role_at_least
from .serializers import MemberSerializer, MyTenantSerializer, TenantSerializer


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

    def perform_update(self, serializer):
        membership = self._memberships().filter(tenant=serializer.instance).first()
        if membership is None:
            raise NotFound()
        if not role_at_least(membership.role, Role.OWNER):
            raise PermissionDenied("Only an owner can change the tenant's settings.")
        serializer.save()


class MemberViewSet(TenantModelViewSet):
    """Members of the current tenant. Admins and owners only; DELETE deactivates, it never deletes."""

    queryset = TenantUser.objects.select_related("user")
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    ordering_fields = ["created_at", "role", "user__username", "user__email"]
    ordering = ["user__username"]
    csv_import_key = None  # members are added one by one (add_member checks the owner rules)
    required_roles = {method: Role.ADMIN for method in ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")}

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.add_member(
            actor=self.request.membership,
            email=data["email"],
            role=data.get("role", Role.USER),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            password=data.get("password", ""),
        )

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
