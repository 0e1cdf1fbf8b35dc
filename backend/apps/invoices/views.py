"""Invoice and credit memo endpoints: CRUD through the services, issue / void, the invoice PDF e-mailed to the
customer's accounting contact, and the timeline. Issued invoices are never deleted (409)."""

from django.db.models import Prefetch

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.grouping import GroupBy
from apps.core.pagination import CursorOrPageNumberPagination
from apps.core.pdf import BusinessDocument
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import services
from .documents import accounting_emails, invoice_document
from .filters import CreditMemoFilter, InvoiceFilter
from .models import CreditMemo, CreditMemoStatus, Invoice, InvoiceLine
from .serializers import CreditMemoSerializer, InvoiceSerializer


def invoice_queryset():
    return Invoice.objects.select_related("customer", "sales_order").prefetch_related(
        Prefetch("lines", queryset=InvoiceLine.objects.select_related("product", "protein")),
        Prefetch(
            "credit_memos",
            queryset=CreditMemo.objects.filter(status=CreditMemoStatus.APPLIED).order_by("memo_date", "id"),
        ),
    )


class InvoiceViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = invoice_queryset()
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilter
    search_fields = ["number", "customer_po_number", "customer__name", "customer__code", "sales_order__number"]
    ordering_fields = [
        "number",
        "invoice_date",
        "due_date",
        "status",
        "total",
        "balance_due",
        "customer__name",
        "created_at",
    ]
    ordering = ["-invoice_date", "-id"]
    # Keyset pages (?cursor=) in these orderings, each over a (tenant_id, field, id) index (docs/API.md).
    pagination_class = CursorOrPageNumberPagination
    cursor_ordering_fields = ["invoice_date", "created_at", "number"]
    csv_import_key = None  # invoices are raised from orders or by hand through the API (numbers, totals)
    document_name = "invoice"
    # GET invoices/groups/?group_by=customer: subtotals per customer and currency (apps.core.grouping).
    group_by_fields = {
        "customer": GroupBy("customer", label="customer__name"),
        "status": GroupBy("status"),
        "currency": GroupBy("currency"),
    }
    group_sum_fields = ("total", "balance_due")

    def _fresh(self, invoice):
        return invoice_queryset().get(pk=invoice.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", [])
        invoice = services.create_invoice(tenant=self.request.tenant, by=self.request.user, lines=lines, **data)
        serializer.instance = self._fresh(invoice)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        invoice = services.update_invoice(
            serializer.instance, by=self.request.user, role=self.request.membership.role, lines=lines, **data
        )
        serializer.instance = self._fresh(invoice)

    def perform_destroy(self, instance):
        services.delete_invoice(instance, by=self.request.user)

    # issue and void come from workflows.py.

    # --- the document -------------------------------------------------------------------------------------

    def default_recipients(self, invoice) -> list[str]:
        return accounting_emails(invoice.customer)

    def build_document(self, invoice) -> BusinessDocument:
        return invoice_document(invoice)


class CreditMemoViewSet(TenantModelViewSet):
    """Credit memos reduce one issued invoice's balance. Creating and voiding them is for managers; DELETE
    voids the memo (the invoice owes the amount again) and keeps the row."""

    queryset = CreditMemo.objects.select_related("invoice", "customer")
    serializer_class = CreditMemoSerializer
    filterset_class = CreditMemoFilter
    search_fields = ["number", "invoice__number", "customer__name", "customer__code", "notes"]
    ordering_fields = ["number", "memo_date", "amount", "reason", "status", "created_at"]
    ordering = ["-memo_date", "-id"]
    csv_import_key = None
    required_roles = {"POST": Role.MANAGER, "PUT": Role.MANAGER, "PATCH": Role.MANAGER}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        invoice = data.pop("invoice")
        serializer.instance = services.create_credit_memo(invoice, by=self.request.user, **data)

    def perform_destroy(self, instance):
        services.void_credit_memo(instance, by=self.request.user)
