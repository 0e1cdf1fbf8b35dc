"""GET /api/v1/recall/: the recall query (apps.traceability.recall), by customer, paginated; `?format=csv` gives
one row per line. Managers and up (a recall names customers, lots and loads across the business)."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.csv_io import CSVRenderer
from apps.core.pagination import BoundedPageNumberPagination
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import TenantScopedMixin
from apps.sales_orders.models import SalesOrderLine
from apps.tenants.models import Role

from .recall import Criteria, recall, recall_rows
from .serializers import CustomerRecallSerializer, RecallQuerySerializer

CSV_COLUMNS = [
    "customer_code",
    "customer_name",
    "sales_order_number",
    "line_number",
    "product_code",
    "description",
    "lot_number",
    "establishment_number",
    "production_date",
    "pack_date",
    "boxes",
    "weight_lb",
    "loads",
    "invoices",
]


class RecallViewSet(TenantScopedMixin, viewsets.GenericViewSet):
    """Which customers received product from an establishment produced between two days: their lines, lots,
    loads and invoices. Criteria: `establishment`, `produced_from`, `produced_to`, `lot`, `product`."""

    queryset = SalesOrderLine.objects.none()  # a report; keeps the schema generator happy
    required_roles = {"GET": Role.MANAGER, "HEAD": Role.MANAGER, "OPTIONS": Role.MANAGER}
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    pagination_class = BoundedPageNumberPagination
    filter_backends = []

    def csv_columns(self) -> list[str]:
        return CSV_COLUMNS

    @extend_schema(parameters=[RecallQuerySerializer], responses=CustomerRecallSerializer(many=True))
    def list(self, request):
        query = RecallQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        criteria = Criteria(**query.validated_data)
        if request.accepted_renderer.format == "csv":
            return Response(recall_rows(request.tenant, criteria))
        page = self.paginate_queryset(recall(request.tenant, criteria))
        return self.get_paginated_response(CustomerRecallSerializer(page, many=True).data)
