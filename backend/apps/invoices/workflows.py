"""The invoice lifecycle, declared once; see apps.core.workflow. Payments and credit memos move an issued invoice
between issued, partially paid and paid (system transitions, see services.settle)."""

from apps.core.exceptions import Conflict
from apps.core.lines.models import TRACE_FIELDS
from apps.core.workflow import Action, EditRule, SystemTransition, Workflow, register
from apps.tenants.models import Role

from .models import InvoiceStatus as S

SERVICES = "apps.invoices.services"

INVOICE_FIELDS = frozenset(
    {
        "customer",
        "customer_po_number",
        "invoice_date",
        "due_date",
        "currency",
        "notes",
        "freight_amount",
        "tax_amount",
    }
)
LINE_FIELDS = frozenset(
    f"lines.{name}"
    for name in (
        "product",
        "description",
        "protein",
        "fresh_frozen",
        "boxes",
        "weight_lb",
        "unit_price",
        "price_unit",
        *TRACE_FIELDS,
    )
)


def _has_lines(invoice) -> None:
    if not invoice.lines.exists():
        raise Conflict(f"Invoice {invoice.number} has no lines; add what is billed before issuing it.")


def _nothing_paid_or_credited(invoice) -> None:
    if invoice.amount_paid > 0:
        raise Conflict(
            f"Invoice {invoice.number} has {invoice.amount_paid} paid; unapply the payments before voiding it.",
            amount_paid=str(invoice.amount_paid),
        )
    if invoice.credited_amount > 0:
        raise Conflict(
            f"Invoice {invoice.number} has credit memos; void them before voiding the invoice.",
            credited_amount=str(invoice.credited_amount),
        )


def _reopen_sales_order(invoice, *, by, role) -> None:
    from apps.sales_orders import services as sales_order_services

    if invoice.sales_order_id:
        sales_order_services.reopen_after_invoice_removed(invoice.sales_order, by=by, invoice=invoice, verb="voided")


WORKFLOW = register(
    Workflow(
        model="invoices.Invoice",
        title="Invoice",
        endpoint="/api/v1/invoices/",
        states=S,
        initial=S.DRAFT,
        actions=(
            Action(
                "issue",
                "Issue",
                source=(S.DRAFT,),
                target=S.ISSUED,
                guard=_has_lines,
                service=f"{SERVICES}.issue_invoice",
                notes="the customer owes it from now on; needs at least one line (409); its figures no longer change",
            ),
            Action(
                "void",
                "Void",
                source=(S.DRAFT, S.ISSUED),
                target=S.VOID,
                role=Role.MANAGER,
                requires_reason=True,
                destructive=True,
                guard=_nothing_paid_or_credited,
                effects=(_reopen_sales_order,),
                service=f"{SERVICES}.void_invoice",
                body="apps.invoices.serializers.VoidInvoiceSerializer",
                notes="only while nothing is paid or credited (409); its sales order goes back to delivered",
            ),
            Action(
                "send",
                "Send to customer",
                verb="sent",
                source=(),
                repeat_from=(S.DRAFT, S.ISSUED, S.PARTIALLY_PAID, S.PAID),
                notes="the invoice PDF to the customer's accounting contacts (else the customer's e-mail, or `to`)",
            ),
        ),
        system=(
            SystemTransition(source=(S.ISSUED, S.PARTIALLY_PAID), target=S.PAID, trigger="payment or credit memo"),
            SystemTransition(source=(S.ISSUED, S.PAID), target=S.PARTIALLY_PAID, trigger="payment / unapply"),
            SystemTransition(
                source=(S.PARTIALLY_PAID, S.PAID), target=S.ISSUED, trigger="payment unapplied / credit memo voided"
            ),
        ),
        edits=(
            EditRule(states=(S.DRAFT,), fields=INVOICE_FIELDS | LINE_FIELDS | {"lines"}),
            EditRule(
                states=(S.ISSUED, S.PARTIALLY_PAID, S.PAID, S.VOID),
                fields=frozenset({"notes"}),
                message="An issued invoice keeps its figures (notes only); issue a credit memo to reduce it.",
            ),
        ),
    )
)
