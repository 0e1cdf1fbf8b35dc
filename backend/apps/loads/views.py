"""Load endpoints (CRUD, status actions, the rate confirmation PDF / e-mail, the timeline) and cold storage
entries. Load writes go through services.py."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.pagination import CursorOrPageNumberPagination
from apps.core.pdf import BusinessDocument
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import services
from .documents import rate_confirmation_document
from .filters import ColdStorageEntryFilter, LoadFilter
from .models import ColdStorageEntry, Load, LoadDocument
from .serializers import (
    CatchWeightsSerializer,
    ColdStorageEntrySerializer,
    LoadDocumentSerializer,
    LoadLineSerializer,
    LoadSerializer,
)


class LoadViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = Load.objects.select_related("carrier", "assigned_to").prefetch_related(
        "accessorials", "load_orders__purchase_order__plant", "sales_orders__customer"
    )
    serializer_class = LoadSerializer
    filterset_class = LoadFilter
    # A load's documents (listing and attaching) are for members who work loads; one role for both methods.
    action_roles = {"documents": Role.USER}
    search_fields = ["number", "bol_number", "seal_number", "trailer_number", "carrier__name", "carrier__code"]
    ordering_fields = ["number", "pickup_date", "delivery_date", "status", "total_freight_cost", "created_at"]
    ordering = ["-pickup_date", "-id"]
    # Keyset pages (?cursor=) in these orderings, each over a (tenant_id, field, id) index (docs/API.md).
    pagination_class = CursorOrPageNumberPagination
    cursor_ordering_fields = ["pickup_date", "created_at", "number"]
    csv_import_key = None  # loads are tendered through the API (numbers, carrier checks), not imported
    document_name = "rate_confirmation"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        carrier = data.pop("carrier")
        serializer.instance = services.create_load(self.request.tenant, by=self.request.user, carrier=carrier, **data)

    def perform_update(self, serializer):
        serializer.instance = services.update_load(
            serializer.instance,
            by=self.request.user,
            role=self.request.membership.role,
            **dict(serializer.validated_data),
        )

    def perform_destroy(self, instance):
        services.delete_load(instance, by=self.request.user)

    # The status actions (accept, pick-up, deliver, cancel) come from workflows.py.

    # --- the field app: lines and catch weights, attached documents -----------------------------------------

    @extend_schema(request=None, responses=LoadLineSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def lines(self, request, *args, **kwargs):
        """The purchase order lines on the load (estimated and actual weights, boxes), in stop order."""
        return Response(LoadLineSerializer(services.load_lines(self.get_object()), many=True).data)

    @extend_schema(request=CatchWeightsSerializer, responses=LoadLineSerializer(many=True), filters=False)
    @action(detail=True, methods=["post"], url_path="catch-weights", filter_backends=[], pagination_class=None)
    def catch_weights(self, request, *args, **kwargs):
        """Record actual (catch) weights in lb or kg and box counts for some lines; the others stay."""
        load = self.get_object()
        body = CatchWeightsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lines = services.record_catch_weights(load, by=request.user, entries=body.validated_data["lines"])
        return Response(LoadLineSerializer(lines, many=True).data)

    @extend_schema(methods=["get"], request=None, responses=LoadDocumentSerializer(many=True), filters=False)
    @extend_schema(methods=["post"], request=LoadDocumentSerializer, responses={201: LoadDocumentSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def documents(self, request, *args, **kwargs):
        """The documents attached to the load; POST attaches an uploaded assistant document as BOL, POD, ..."""
        load = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            links = LoadDocument.objects.filter(load=load).select_related("document", "created_by")
            return Response(LoadDocumentSerializer(links, many=True, context=context).data)
        body = LoadDocumentSerializer(data=request.data, context=context)
        body.is_valid(raise_exception=True)
        link = services.attach_document(load, by=request.user, **body.validated_data)
        return Response(LoadDocumentSerializer(link, context=context).data, status=201)

    # --- the rate confirmation ----------------------------------------------------------------------------

    def pdf_filename(self, load) -> str:
        return f"{load.number}-rate-confirmation.pdf"

    def default_recipients(self, load) -> list[str]:
        return [load.carrier.email] if load.carrier.email else []

    def build_document(self, load) -> BusinessDocument:
        return rate_confirmation_document(load)


class ColdStorageEntryViewSet(TenantModelViewSet):
    queryset = ColdStorageEntry.objects.select_related(
        "purchase_order", "load", "product", "storage_supplier", "storage_plant"
    )
    serializer_class = ColdStorageEntrySerializer
    filterset_class = ColdStorageEntryFilter
    search_fields = ["description", "lot_number", "purchase_order__number", "load__number", "product__code"]
    ordering_fields = ["stored_on", "production_date", "released_on", "total_cost", "created_at"]
    ordering = ["-stored_on", "-id"]
    csv_import_key = None  # no natural key; entries are recorded one by one
