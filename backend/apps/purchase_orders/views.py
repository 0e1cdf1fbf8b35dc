"""Purchase order endpoints: CRUD with nested lines, the status actions, the PDF / e-mail and the timeline.
Every write goes through services.py."""

from django.db.models import Prefetch

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.grouping import GroupBy
from apps.core.pagination import CursorOrPageNumberPagination
from apps.core.pdf import BusinessDocument
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin

from . import services
from .documents import purchase_order_document
from .filters import PurchaseOrderFilter
from .models import PurchaseOrder, PurchaseOrderLine
from .serializers import PurchaseOrderSerializer


class PurchaseOrderViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = PurchaseOrder.objects.select_related(
        "supplier", "plant", "carrier", "customer", "supplier_contact"
    ).prefetch_related(
        Prefetch("lines", queryset=PurchaseOrderLine.objects.select_related("product", "protein")), "load_orders__load"
    )
    serializer_class = PurchaseOrderSerializer
    filterset_class = PurchaseOrderFilter
    search_fields = [
        "number",
        "supplier_confirmation_number",
        "carrier_release_number",
        "supplier__name",
        "supplier__code",
        "plant__name",
        "customer__name",
        "lines__description",
    ]
    ordering_fields = ["number", "order_date", "pickup_date", "delivery_date", "status", "total", "created_at"]
    ordering = ["-order_date", "-id"]
    # Keyset pages (?cursor=) in these orderings, each over a (tenant_id, field, id) index (docs/API.md).
    pagination_class = CursorOrPageNumberPagination
    cursor_ordering_fields = ["order_date", "created_at", "number"]
    csv_import_key = None  # orders are raised through the API (numbers, lines, workflow), not imported
    document_name = "purchase_order"
    # GET purchase-orders/groups/?group_by=supplier: subtotals per supplier and currency (apps.core.grouping).
    group_by_fields = {
        "supplier": GroupBy("supplier", label="supplier__name"),
        "status": GroupBy("status"),
        "customer": GroupBy("customer", label="customer__name"),
        "currency": GroupBy("currency"),
    }
    group_sum_fields = ("total",)

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self.request, "query_params", {}).get("search"):
            queryset = queryset.distinct()  # searching lines joins them
        return queryset

    # --- CRUD through the services ------------------------------------------------------------------------

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", [])
        supplier = data.pop("supplier")
        serializer.instance = services.create_purchase_order(
            self.request.tenant, by=self.request.user, supplier=supplier, lines=lines, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        serializer.instance = services.update_purchase_order(
            serializer.instance, by=self.request.user, role=self.request.membership.role, lines=lines, **data
        )

    def perform_destroy(self, instance):
        services.delete_purchase_order(instance, by=self.request.user)

    # The status actions (confirm, pick-up, receive, close, cancel) come from workflows.py; `send` is the
    # document mixin's (e-mails the PDF; a draft becomes sent).

    # --- the document -------------------------------------------------------------------------------------

    def default_recipients(self, order) -> list[str]:
        contact_email = order.supplier_contact.email if order.supplier_contact_id else ""
        return [contact_email or order.supplier.email] if (contact_email or order.supplier.email) else []

    def build_document(self, order) -> BusinessDocument:
        return purchase_order_document(order)
