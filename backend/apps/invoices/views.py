"""Invoice and credit memo endpoints: CRUD through the services, issue / void, the invoice PDF e-mailed to the
customer's accounting contact, and the timeline. Issued invoices are never deleted (409)."""

from django.db.models import Prefetch

from apps.contacts.models import Contact
from apps.core.choices import RecordStatus
from apps.core.company import filter_json_list
from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.pdf import BusinessDocument, money_text
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import services
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


def _weight(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def _date(value) -> str:
    return value.isoformat() if value else "-"


def accounting_emails(customer) -> list[str]:
    """The customer's active accounting contacts' e-mails, else the customer's own e-mail."""
    contacts = filter_json_list(
        Contact.objects.filter(customer=customer, status=RecordStatus.ACTIVE).exclude(email=""),
        "contact_types",
        "accounting",
    ).order_by("-is_primary", "last_name", "first_name")
    emails = list(dict.fromkeys(contact.email for contact in contacts))
    if emails:
        return emails
    return [customer.email] if customer.email else []


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
    csv_import_key = None  # invoices are raised from orders or by hand through the API (numbers, totals)
    document_name = "invoice"

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


def invoice_document(invoice) -> BusinessDocument:
    """The invoice as a PDF document (the send action, the overdue reminders)."""
    customer = invoice.customer
    currency = invoice.currency
    party = [customer.name]
    for part in (customer.address_line1, customer.address_line2):
        if part:
            party.append(part)
    city = ", ".join(part for part in (customer.city, f"{customer.state} {customer.postal_code}".strip()) if part)
    if city:
        party.append(city)
    facts = [
        ("Invoice date", _date(invoice.invoice_date)),
        ("Terms", f"Net {invoice.payment_terms_days} days" if invoice.payment_terms_days else "Due on receipt"),
        ("Due date", _date(invoice.due_date)),
        ("Customer PO", invoice.customer_po_number or "-"),
    ]
    if invoice.sales_order_id:
        order = invoice.sales_order
        facts.append(("Sales order", order.number))
        if order.ship_to_id:
            ship_to = order.ship_to
            facts.append(("Ship to", f"{ship_to.name}, {ship_to.address_line1}, {ship_to.city} {ship_to.state}"))
        if order.delivery_date:
            facts.append(("Delivered", _date(order.delivery_date)))
    if invoice.status == "void":
        facts.append(("Status", "VOID"))
    rows = [
        [
            line.product.code,
            line.description,
            str(line.boxes or ""),
            _weight(line.weight_lb),
            f"{line.unit_price:,.4f}",
            line.get_price_unit_display(),
            money_text(line.line_total, currency),
        ]
        for line in invoice.lines.all()
    ]
    totals = [("Subtotal", money_text(invoice.subtotal, currency))]
    if invoice.freight_amount:
        totals.append(("Freight", money_text(invoice.freight_amount, currency)))
    if invoice.tax_amount:
        totals.append(("Tax", money_text(invoice.tax_amount, currency)))
    totals.append(("Total", money_text(invoice.total, currency)))
    if invoice.amount_paid:
        totals.append(("Paid", f"-{money_text(invoice.amount_paid, currency)}"))
    if invoice.credited_amount:
        totals.append(("Credits", f"-{money_text(invoice.credited_amount, currency)}"))
    totals.append(("Balance due", money_text(invoice.balance_due, currency)))
    notes = [
        f"Credit memo {memo.number} ({memo.get_reason_display()}): -{money_text(memo.amount, currency)}"
        for memo in invoice.credit_memos.all()
    ]
    if invoice.notes:
        notes.append(invoice.notes)
    notes.append(f"Please reference {invoice.number} with your payment.")
    return BusinessDocument(
        title="INVOICE",
        number=invoice.number,
        issuer=[invoice.tenant.name],
        party_label="Bill to",
        party=party,
        facts=facts,
        columns=[
            ("Item", 18, "L"),
            ("Description", 62, "L"),
            ("Boxes", 14, "R"),
            ("Weight (lb)", 24, "R"),
            ("Price", 22, "R"),
            ("Unit", 18, "L"),
            ("Total", 28, "R"),
        ],
        rows=rows,
        totals=totals,
        notes=notes,
    )
