"""GET /api/v1/dashboard/: the tenant's business at a glance, read-only for every member."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.core.permissions import HasTenantRole
from apps.core.schema import SingleObjectSchema
from apps.core.views import TenantContextMixin

from .reports import dashboard
from .serializers import DashboardSerializer


class DashboardViewSet(TenantContextMixin, viewsets.ViewSet):
    """Open purchase orders, loads picking up, sales and gross margin (month to date and 12 months), pounds by
    protein, receivables outstanding and overdue, top customers and suppliers. A constant number of queries."""

    permission_classes = [IsAuthenticated, HasTenantRole]
    schema = SingleObjectSchema()
    reporting_actions = frozenset({"list"})

    @extend_schema(responses=DashboardSerializer)
    def list(self, request):
        return Response(DashboardSerializer(dashboard(request.tenant, timezone.localdate())).data)
