"""Load settlement endpoints (open / read with the statement / notes / settle / reopen / timeline) and the
settled-margin reports and commissions (JSON, or `?format=csv` streamed)."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from apps.core.choices import Currency
from apps.core.documents import TimelineMixin
from apps.core.fields import date_param
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import TenantModelViewSet, TenantScopedMixin
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import reports, services
from .filters import LoadSettlementFilter
from .models import LoadSettlement
from .report_serializers import CommissionReportSerializer, MarginReportSerializer
from .serializers import LoadSettlementSerializer


def settlement_queryset():
    return LoadSettlement.objects.select_related("load__carrier", "settled_by")


class LoadSettlementViewSet(WorkflowViewSetMixin, TimelineMixin, TenantModelViewSet):
    """A load's settlement: POST with the load opens it (one per load); the detail read carries the statement
    (estimate vs actual per currency, the documents' figures, what is missing); settle / reopen are the declared
    actions (managers). Lists carry the settled margin only."""

    queryset = settlement_queryset()
    serializer_class = LoadSettlementSerializer
    filterset_class = LoadSettlementFilter
    search_fields = ["load__number", "load__carrier__code", "notes"]
    ordering_fields = ["period_date", "settled_at", "status", "created_at", "load__number"]
    ordering = ["-created_at", "-id"]
    csv_import_key = None  # settlements are opened per load through the API

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        settlement = services.open_settlement(tenant=self.request.tenant, by=self.request.user, **data)
        serializer.instance = settlement_queryset().get(pk=settlement.pk)

    def perform_update(self, serializer):
        settlement = services.update_settlement(
            serializer.instance, by=self.request.user, role=self.request.membership.role, **serializer.validated_data
        )
        serializer.instance = settlement_queryset().get(pk=settlement.pk)

    def perform_destroy(self, instance):
        services.delete_settlement(instance, by=self.request.user)

    # settle and reopen come from workflows.py.


class CsvPassthroughRenderer(BaseRenderer):
    """Lets `?format=csv` reach a report action (which streams the CSV itself); errors stay JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


PERIOD = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="First day (a settled load's period day)."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Last day."),
]
BY = OpenApiParameter("by", OpenApiTypes.STR, enum=list(reports.DIMENSIONS), description="Group by (default customer).")
CURRENCY = OpenApiParameter("currency", OpenApiTypes.STR, enum=list(Currency.values), description="Only this currency.")
FORMAT = OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: the rows, streamed.")


class SettlementReportViewSet(TenantScopedMixin, viewsets.GenericViewSet):
    """Settled margin by customer, supplier, product, protein, lane, sales rep or load; commissions per rep."""

    queryset = LoadSettlement.objects.none()  # reports only; keeps the schema generator happy
    action_roles = {"commissions": Role.MANAGER}
    reporting_actions = frozenset({"margin", "commissions"})

    def get_renderers(self):
        renderers = [JSONRenderer(), BrowsableAPIRenderer()]
        return [*renderers, CsvPassthroughRenderer()] if self.action == "margin" else renderers

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return response

    def _period(self, request):
        date_from = date_param(request, "date_from")
        date_to = date_param(request, "date_to")
        if date_from and date_to and date_from > date_to:
            raise serializers.ValidationError({"date_from": ["The first day must be on or before the last."]})
        return date_from, date_to

    @extend_schema(
        parameters=[BY, *PERIOD, CURRENCY, FORMAT],
        responses={200: MarginReportSerializer, (200, "text/csv"): OpenApiTypes.STR},
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def margin(self, request):
        """Settled loads' actual revenue, costs and margin (and the estimated margin) per dimension value and
        currency, with totals per currency. `?format=csv`: the rows as a streamed CSV file."""
        by = request.query_params.get("by") or "customer"
        if by not in reports.DIMENSIONS:
            raise serializers.ValidationError({"by": [f"One of {', '.join(reports.DIMENSIONS)}."]})
        currency = request.query_params.get("currency") or None
        if currency is not None and currency not in Currency.values:
            raise serializers.ValidationError({"currency": [f"One of {', '.join(Currency.values)}."]})
        date_from, date_to = self._period(request)
        report = reports.margin_report(request.tenant, by=by, date_from=date_from, date_to=date_to, currency=currency)
        if request.query_params.get("format") == "csv":
            response = StreamingHttpResponse(reports.margin_report_csv(report), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="margin-by-{by}.csv"'
            return response
        return Response(MarginReportSerializer(report).data)

    @extend_schema(
        parameters=[
            *PERIOD,
            OpenApiParameter("sales_rep", OpenApiTypes.INT, description="Only this member (a membership id)."),
        ],
        responses=CommissionReportSerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def commissions(self, request):
        """Commissions per sales rep and currency from settled margin, by the tenant's rule
        (`commission_percent` of each load's margin, at least `commission_floor`)."""
        date_from, date_to = self._period(request)
        rep = request.query_params.get("sales_rep") or None
        if rep is not None and not rep.isdigit():
            raise serializers.ValidationError({"sales_rep": ["A member id."]})
        data = reports.commissions(
            request.tenant, date_from=date_from, date_to=date_to, sales_rep=int(rep) if rep else None
        )
        return Response(CommissionReportSerializer(data).data)
