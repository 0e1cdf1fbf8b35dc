"""Sales order endpoints: CRUD with nested lines, the status actions, invoicing, the customer's credit exposure,
the order confirmation PDF / e-mail and the timeline. Every write goes through services.py."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.grouping import GroupBy
from apps.core.pagination import CursorOrPageNumberPagination
from apps.core.pdf import BusinessDocument
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.invoices import services as invoice_services
from apps.invoices.models import Invoice, InvoiceStatus
from apps.invoices.serializers import InvoiceSerializer
from apps.invoices.views import invoice_queryset
from apps.tenants.models import Role

from . import services
from .documents import sales_order_document
from .filters import SalesOrderFilter
from .models import SalesOrder, SalesOrderLine
from .serializers import (
    CustomerExposureSerializer,
    CustomerQuerySerializer,
    InvoiceSalesOrderSerializer,
    SalesOrderSerializer,
)


class SalesOrderViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = SalesOrder.objects.select_related("customer", "ship_to", "carrier", "load").prefetch_related(
        Prefetch("lines", queryset=SalesOrderLine.objects.select_related("product", "protein")),
        Prefetch(
            "invoices",
            queryset=Invoice.objects.exclude(status=InvoiceStatus.VOID).only("id", "number", "sales_order_id"),
        ),
        "source_purchase_orders",
    )
    serializer_class = SalesOrderSerializer
    filterset_class = SalesOrderFilter
    search_fields = ["number", "customer_po_number", "customer__name", "customer__code"]
    ordering_fields = [
        "number",
        "order_date",
        "pickup_date",
        "delivery_date",
        "status",
        "total",
        "margin",
        "customer__name",
        "created_at",
    ]
    ordering = ["-order_date", "-id"]
    # Keyset pages (?cursor=) in these orderings, each over a (tenant_id, field, id) index (docs/API.md).
    pagination_class = CursorOrPageNumberPagination
    cursor_ordering_fields = ["order_date", "created_at", "number"]
    csv_import_key = None  # orders are raised through the API (numbers, lines, credit check), not imported
    document_name = "sales_order"
    # GET sales-orders/groups/?group_by=customer: subtotals per customer and currency (apps.core.grouping).
    group_by_fields = {
        "customer": GroupBy("customer", label="customer__name"),
        "status": GroupBy("status"),
        "currency": GroupBy("currency"),
    }
    group_sum_fields = ("total",)
    action_roles = {"customer_exposure": Role.READONLY}  # the workflow actions' roles come from workflows.py

    # --- CRUD through the services ------------------------------------------------------------------------

    def _fresh(self, order):
        return self.get_queryset().get(pk=order.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", [])
        sources = data.pop("source_purchase_orders", [])
        order = services.create_sales_order(
            tenant=self.request.tenant, by=self.request.user, lines=lines, source_purchase_orders=sources, **data
        )
        serializer.instance = self._fresh(order)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        sources = data.pop("source_purchase_orders", None)
        order = services.update_sales_order(
            serializer.instance,
            by=self.request.user,
            role=self.request.membership.role,
            lines=lines,
            source_purchase_orders=sources,
            **data,
        )
        serializer.instance = self._fresh(order)

    def perform_destroy(self, instance):
        services.delete_sales_order(instance)

    # --- status actions -----------------------------------------------------------------------------------

    def _body(self, serializer_class):
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    @extend_schema(request=InvoiceSalesOrderSerializer, responses={201: InvoiceSerializer}, filters=False)
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def invoice(self, request, *args, **kwargs):
        """Invoice a delivered order at its actual (catch) weights (409 if a weight-priced line has none); the
        order becomes invoiced. Optional freight charge and tax; `issue: true` issues the invoice at once."""
        order = self.get_object()
        body = self._body(InvoiceSalesOrderSerializer)
        invoice = invoice_services.create_invoice_from_sales_order(
            order, by=request.user, role=request.membership.role, **body
        )
        invoice = invoice_queryset().get(pk=invoice.pk)
        data = InvoiceSerializer(invoice, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("customer", int, required=True, description="The customer's id.")],
        responses=CustomerExposureSerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"], url_path="customer-exposure", filter_backends=[], pagination_class=None)
    def customer_exposure(self, request, *args, **kwargs):
        """A customer's credit exposure: unpaid invoice balances plus confirmed, not yet invoiced orders, against
        its credit limit and hold."""
        query = CustomerQuerySerializer(data=request.query_params, context=self.get_serializer_context())
        query.is_valid(raise_exception=True)
        exposure = services.customer_exposure(query.validated_data["customer"])
        return Response(CustomerExposureSerializer(exposure).data)

    # --- the document -------------------------------------------------------------------------------------

    def default_recipients(self, order) -> list[str]:
        customer = order.customer
        buyer = customer.buyer_contact
        email = (buyer.email if buyer is not None else "") or customer.email
        return [email] if email else []

    def build_document(self, order) -> BusinessDocument:
        return sales_order_document(order)
