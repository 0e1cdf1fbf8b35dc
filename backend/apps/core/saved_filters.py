"""Saved list filters (#16 item 4): a member's named filters per list, private or shared with the tenant.

Private filters are seen by their creator only (others get 404, as for another tenant's row); shared ones by
every member. A shared filter is changed or deleted by its creator or a manager (403 otherwise)."""

from django.db.models import Q
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from apps.tenants.models import Role, role_at_least

from .concurrency import OptimisticConcurrencyMixin
from .models import SavedFilter
from .serializers import TenantOwnedSerializer
from .views import TenantScopedMixin

MAX_PARAMETERS = 50
MAX_VALUE_LENGTH = 500


def list_resources() -> set[str]:
    """Router basenames of the resources that have a list."""
    from .routers import router

    return {basename for _prefix, viewset, basename in router.registry if hasattr(viewset, "list")}


class SavedFilterSerializer(TenantOwnedSerializer):
    owner = serializers.SerializerMethodField(help_text="Who saved it (their name or username).")
    mine = serializers.SerializerMethodField(help_text="Saved by the caller.")
    query = serializers.JSONField(
        required=False,
        help_text="The list's query parameters: parameter -> value, or a list of values for a repeated one.",
    )

    class Meta:
        model = SavedFilter
        fields = ["id", "name", "resource", "query", "shared", "owner", "mine", "created_at", "updated_at"]

    def get_owner(self, row) -> str:
        user = row.created_by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()

    def get_mine(self, row) -> bool:
        request = self.context.get("request")
        return request is not None and row.created_by_id == request.user.pk

    def validate_name(self, value: str) -> str:
        value = value.strip()
        if not value:
            raise serializers.ValidationError("Give the filter a name.")
        return value

    def validate_resource(self, value: str) -> str:
        if value not in list_resources():
            raise serializers.ValidationError(f"No list named {value!r}.")
        return value

    def validate_query(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("An object of parameter -> value.")
        if len(value) > MAX_PARAMETERS:
            raise serializers.ValidationError(f"At most {MAX_PARAMETERS} parameters.")
        for key, item in value.items():
            values = item if isinstance(item, list) else [item]
            if not key or len(key) > 60:
                raise serializers.ValidationError(f"Parameter names are 1 to 60 characters ({key[:60]!r}).")
            if len(values) > MAX_PARAMETERS or not all(isinstance(one, str) for one in values):
                raise serializers.ValidationError(f"{key}: a text value or a list of text values.")
            if any(len(one) > MAX_VALUE_LENGTH for one in values):
                raise serializers.ValidationError(f"{key}: values are at most {MAX_VALUE_LENGTH} characters.")
        return value

    def more_field_errors(self, parsed: dict) -> dict:
        """One name per list and creator (a second "Overdue" on invoices would be ambiguous in the menu)."""
        request = self.context.get("request")
        name = parsed.get("name", getattr(self.instance, "name", None))
        resource = parsed.get("resource", getattr(self.instance, "resource", None))
        if request is None or not name or not resource:
            return {}
        owner = self.instance.created_by_id if self.instance is not None else request.user.pk
        clash = SavedFilter.objects.for_tenant(request.tenant).filter(
            created_by_id=owner, resource=resource, name__iexact=name
        )
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            return {"name": [f"You already have a saved filter named {name!r} on this list."]}
        return {}


class SavedFilterViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's saved filters and the tenant's shared ones (`?resource=invoice` for one list)."""

    queryset = SavedFilter.objects.select_related("created_by")
    serializer_class = SavedFilterSerializer
    filterset_fields = ["resource", "shared"]
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]
    required_roles = {
        "GET": Role.READONLY,
        "HEAD": Role.READONLY,
        "POST": Role.READONLY,
        "PUT": Role.READONLY,
        "PATCH": Role.READONLY,
        "DELETE": Role.READONLY,
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return queryset.none()
        return queryset.filter(Q(created_by=user) | Q(shared=True))

    def _check_may_change(self, row):
        if row.created_by_id == self.request.user.pk:
            return
        if not role_at_least(self.request.membership.role, Role.MANAGER):
            raise PermissionDenied("Only whoever saved this shared filter, or a manager, may change or delete it.")

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.tenant, created_by=self.request.user)

    def perform_update(self, serializer):
        self._check_may_change(serializer.instance)
        serializer.save()

    def perform_destroy(self, instance):
        self._check_may_change(instance)
        instance.delete()
