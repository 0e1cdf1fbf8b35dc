"""The journal API: entries (read-only; posted by the money services), the account mapping (owners and admins edit
it) and export batches (managers create them; their CSV and IIF files download again at any time)."""

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.choices import Currency
from apps.core.concurrency import OptimisticConcurrencyMixin
from apps.core.csv_io import CsvImportExportMixin, CSVRenderer
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import RecordHistoryMixin, TenantReadOnlyModelViewSet, TenantScopedMixin
from apps.tenants.models import Role

from . import exports, services
from .filters import AccountMappingFilter, ExportBatchFilter, JournalEntryFilter
from .models import AccountMapping, ExportBatch, JournalEntry, JournalLine
from .serializers import AccountMappingSerializer, ExportBatchSerializer, JournalEntrySerializer

IIF_TYPE = "application/x-iif"


class JournalEntryViewSet(CsvImportExportMixin, TenantReadOnlyModelViewSet):
    """Posted journal entries with their lines, newest first. Read-only: entries are posted by the services of the
    money events (an invoice issued, a bill approved, a payment out, ...), never written through the API. `?format=csv`
    lists the entries (one row each; the export batches' files have one row per line)."""

    queryset = JournalEntry.objects.select_related("reverses", "export_batch").prefetch_related(
        Prefetch("lines", queryset=JournalLine.objects.order_by("line_number"))
    )
    serializer_class = JournalEntrySerializer
    filterset_class = JournalEntryFilter
    search_fields = ["number", "source_number", "partner_name", "description"]
    ordering_fields = ["entry_date", "number", "amount", "partner_name", "source_number", "created_at"]
    ordering = ["-entry_date", "-id"]
    csv_import_key = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]


class AccountMappingViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    RecordHistoryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Which account of the tenant's chart each role posts to (accounts receivable, sales, cash, ...). Every role
    is listed (the defaults until changed); owners and admins change the code and name. Entries posted before a
    change keep the account they were posted to."""

    queryset = AccountMapping.objects.all()
    serializer_class = AccountMappingSerializer
    filterset_class = AccountMappingFilter
    search_fields = ["code", "name", "role"]
    ordering_fields = ["code", "role", "name"]
    ordering = ["code", "role"]
    required_roles = {"PUT": Role.ADMIN, "PATCH": Role.ADMIN}

    def list(self, request, *args, **kwargs):
        services.ensure_accounts(request.tenant)
        return super().list(request, *args, **kwargs)

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.update_account(
            serializer.instance, by=self.request.user, code=data.get("code"), name=data.get("name")
        )


class ExportBatchCreateSerializer(serializers.Serializer):
    to_date = serializers.DateField(help_text="Entries dated up to and including this day.")
    from_date = serializers.DateField(required=False, allow_null=True, help_text="Only entries from this day on.")


CURRENCY = OpenApiParameter(
    "currency",
    OpenApiTypes.STR,
    enum=list(Currency.values),
    description="Only this currency's entries (IIF: required when the batch holds more than one).",
)


class ExportBatchViewSet(
    TenantScopedMixin,
    RecordHistoryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The export log: each batch holds the posted entries not exported before, up to its date; its files (CSV, one
    row per journal line; QuickBooks IIF, one currency per file) are made from its entries on every download, so
    they are the same every time. Managers create batches; a batch with nothing new is refused (409)."""

    queryset = ExportBatch.objects.select_related("created_by")
    serializer_class = ExportBatchSerializer
    filterset_class = ExportBatchFilter
    search_fields = ["number"]
    ordering_fields = ["created_at", "to_date", "number"]
    ordering = ["-created_at", "-id"]
    required_roles = {"POST": Role.MANAGER}

    @extend_schema(request=ExportBatchCreateSerializer, responses={201: ExportBatchSerializer})
    def create(self, request, *args, **kwargs):
        """Export every posted entry dated up to `to_date` (from `from_date`) that no batch holds yet. 409 when
        there is nothing new (e.g. right after another export of the same days)."""
        payload = ExportBatchCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        batch = services.create_export(
            tenant=request.tenant,
            by=request.user,
            to_date=payload.validated_data["to_date"],
            from_date=payload.validated_data.get("from_date"),
        )
        return Response(self.get_serializer(batch).data, status=status.HTTP_201_CREATED)

    def _currency(self, request, batch, *, required: bool) -> str | None:
        currency = request.query_params.get("currency") or None
        held = sorted(batch.totals or {})
        if currency is not None and currency not in Currency.values:
            raise serializers.ValidationError({"currency": [f"One of {', '.join(Currency.values)}."]})
        if currency is not None and currency not in held:
            raise serializers.ValidationError(
                {"currency": [f"Batch {batch.number} holds no {currency} entries (it holds {', '.join(held)})."]}
            )
        if currency is None and required:
            if len(held) > 1:
                raise serializers.ValidationError(
                    {
                        "currency": [
                            f"Batch {batch.number} holds {' and '.join(held)} entries; an IIF file has no currency "
                            "column, so download one currency at a time (?currency=...)."
                        ]
                    }
                )
            currency = held[0] if held else None
        return currency

    def _file(self, content: bytes, content_type: str, filename: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(
        parameters=[CURRENCY],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 404: OpenApiResponse(description="No such batch.")},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], renderer_classes=[JSONRenderer])
    def csv(self, request, *args, **kwargs):
        """The batch as CSV: one row per journal line (date, entry number, source, partner, account, debit, credit,
        currency, memo)."""
        batch = self.get_object()
        currency = self._currency(request, batch, required=False)
        suffix = f"-{currency}" if currency else ""
        return self._file(
            exports.batch_csv(batch, currency=currency),
            "text/csv; charset=utf-8",
            f"journal-{batch.number}{suffix}.csv",
        )

    @extend_schema(
        parameters=[CURRENCY],
        responses={(200, IIF_TYPE): OpenApiTypes.BINARY, 404: OpenApiResponse(description="No such batch.")},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], renderer_classes=[JSONRenderer])
    def iif(self, request, *args, **kwargs):
        """The batch as a QuickBooks Desktop IIF file (GENERAL JOURNAL transactions), in one currency."""
        batch = self.get_object()
        currency = self._currency(request, batch, required=True)
        return self._file(
            exports.batch_iif(batch, currency=currency), IIF_TYPE, f"journal-{batch.number}-{currency}.iif"
        )
