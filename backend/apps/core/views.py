"""The base API classes: the only place where tenant scoping, the database tenant context and role
checks are wired in. Every tenant-owned resource's viewset subclasses TenantModelViewSet."""

from contextlib import ExitStack

from django.conf import settings
from django.db import connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.tenants.resolution import header_tenant, resolve_membership

from . import csv_io, history, idempotency, replica, rls
from .concurrency import OptimisticConcurrencyMixin
from .csv_io import CsvImportExportMixin, CSVRenderer
from .exceptions import TenantRequired
from .grouping import GroupedListMixin
from .models import Protein
from .permissions import HasTenantRole
from .renderers import BrowsableAPIRenderer
from .serializers import ProteinSerializer


class TenantContextMixin:
    """After authentication: resolve the tenant, check membership, and set the database tenant for
    this transaction (the request's, ATOMIC_REQUESTS: its end clears role and tenant, docs/TENANCY.md)."""

    tenant_required = True
    # Actions that are reports (dashboard, aging, statements): with a read replica configured, their reads come
    # from it (apps.core.replica), and so do CSV exports of every list. Other reads and every write stay on the
    # primary.
    reporting_actions: frozenset[str] = frozenset()

    def is_reporting_read(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        return getattr(self, "action", None) in self.reporting_actions or csv_io.is_export(self, request)

    def dispatch(self, request, *args, **kwargs):
        # The reporting scope opened in initial() ends with the view, whatever happened in it.
        with ExitStack() as self._reporting_scope:
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        scope, tenant = getattr(self, "_reporting_scope", None), getattr(request, "tenant", None)
        if scope is None or tenant is None or not replica.replica_configured():
            return
        if self.is_reporting_read(request):
            scope.enter_context(replica.reporting_reads(tenant_id=tenant.pk, user_id=request.user.pk))

    def check_permissions(self, request):
        self.enter_tenant(request)
        super().check_permissions(request)
        # Writes sent with an Idempotency-Key: a key seen before replays its stored answer (apps.core.idempotency).
        self._idempotency = idempotency.begin(request)

    def handle_exception(self, exc):
        if isinstance(exc, idempotency.Replay):
            return idempotency.replay_response(exc.record)
        return super().handle_exception(exc)

    def enter_tenant(self, request) -> None:
        request.tenant = None
        request.membership = None
        user = request.user
        if not (user and user.is_authenticated):
            return
        _sent, key = header_tenant(request)
        # X-Tenant-ID by id (the web and mobile apps): role, tenant and user in one statement, then the membership
        # query confirms it. Otherwise the user's own memberships are read first and the tenant set afterwards.
        early = key if isinstance(key, int) else None
        rls.activate(tenant_id=early, user_id=user.pk)
        try:
            membership = resolve_membership(request, user)
            if membership is None and self.tenant_required:
                raise TenantRequired()
        except PermissionDenied:
            if early is not None:
                rls.activate(tenant_id=None, user_id=user.pk)  # not a member: leave no tenant behind
            raise
        if membership is not None:
            request.tenant = membership.tenant
            request.membership = membership
            request._request.tenant = membership.tenant
            request._request.membership = membership
        if (membership.tenant_id if membership else None) != early:
            rls.activate(tenant_id=request.tenant.pk if request.tenant else None, user_id=user.pk)

    def finalize_response(self, request, response, *args, **kwargs):
        pending = getattr(self, "_idempotency", None)
        if pending is not None:
            response = idempotency.finish(request, response, pending)
        response = super().finalize_response(request, response, *args, **kwargs)
        if rls.is_postgres() and len(connection.atomic_blocks) > 1:
            # The request's transaction is a savepoint inside an outer one (a test's, or a caller's) that goes on
            # after the response: SET LOCAL would outlive the request there. Alone, its end clears everything.
            rls.deactivate()
        return response


class TenantScopedMixin(TenantContextMixin):
    """Role-checked and scoped to the request's tenant: the one get_queryset every tenant view uses."""

    permission_classes = [IsAuthenticated, HasTenantRole]

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        if settings.TENANCY_APP_FILTER:
            queryset = queryset.for_tenant(getattr(self.request, "tenant", None))
        return queryset


class HistoryUserSerializer(drf_serializers.Serializer):
    id = drf_serializers.IntegerField()
    display = drf_serializers.CharField()


class HistoryChangeSerializer(drf_serializers.Serializer):
    field = drf_serializers.CharField()
    label = drf_serializers.CharField()
    old = drf_serializers.JSONField(allow_null=True)
    new = drf_serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(drf_serializers.Serializer):
    """One history row of a record (CONTRACTS C3)."""

    id = drf_serializers.IntegerField()
    at = drf_serializers.DateTimeField()
    user = HistoryUserSerializer(allow_null=True)
    action = drf_serializers.CharField(help_text="create, update or delete")
    changes = HistoryChangeSerializer(many=True)
    reason = drf_serializers.CharField(allow_blank=True)


class RecordHistoryMixin:
    """`GET {id}/history/`: who changed what and when, newest first, paginated; on every tracked model."""

    @classmethod
    def get_extra_actions(cls):
        actions = super().get_extra_actions()
        model = getattr(getattr(cls, "queryset", None), "model", None)
        if model is None or not history.is_tracked(model):
            actions = [extra for extra in actions if extra.__name__ != "history"]
        return actions

    @extend_schema(responses=HistoryEntrySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], renderer_classes=[JSONRenderer, BrowsableAPIRenderer])
    def history(self, request, *args, **kwargs):
        """The record's audit history: each create, update and delete with its author, reason and field
        changes (old -> new)."""
        obj = self.get_object()
        page = self.paginate_queryset(history.history_queryset(obj))
        return self.get_paginated_response(history.history_entries(obj, list(page)))


class TenantModelViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    RecordHistoryMixin,
    GroupedListMixin,
    CsvImportExportMixin,
    viewsets.ModelViewSet,
):
    """CRUD on one tenant-owned model: scoped, role-checked, tenant and author set on create, ETag / If-Match
    (apps.core.concurrency), CSV export of the filtered list and CSV import, and group-by with subtotals where
    the viewset declares `group_by_fields` (apps.core.grouping)."""

    # RecordHistoryMixin adds each record's audit history (GET {id}/history/).

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.tenant, created_by=self.request.user)


class TenantReadOnlyModelViewSet(TenantScopedMixin, OptimisticConcurrencyMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only views of a tenant-owned model (reports keyed by a record, for instance)."""


class ProteinViewSet(viewsets.ReadOnlyModelViewSet):
    """The shared protein list (beef, pork, ...); read-only for every signed-in user."""

    queryset = Protein.objects.all()
    serializer_class = ProteinSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None
    search_fields = ["code", "name"]
    ordering_fields = ["sort_order", "name"]
    filterset_fields = ["code"]


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        return "unavailable"
    return "ok"


class HealthView(APIView):
    """Liveness and database check for load balancers and deploy scripts; no authentication."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            200: inline_serializer(
                "Health",
                {
                    "status": drf_serializers.CharField(),
                    "database": drf_serializers.CharField(),
                    "version": drf_serializers.CharField(),
                    "release": drf_serializers.CharField(help_text="The deployed commit (APP_VERSION)"),
                    "environment": drf_serializers.CharField(),
                },
            ),
            503: inline_serializer("HealthDown", {"status": drf_serializers.CharField()}),
        }
    )
    def get(self, request):
        database = database_status()
        healthy = database == "ok"
        body = {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "version": settings.SPECTACULAR_SETTINGS["VERSION"],
            "release": settings.APP_RELEASE,
            "environment": settings.DJANGO_ENV,
        }
        return Response(body, status=200 if healthy else 503)
