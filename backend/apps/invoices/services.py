"""Invoice workflows: invoice a delivered sales order at its catch weights or invoice by hand, issue, void,
credit memos, and applying / unapplying payments (called by accounts_receivables). One transaction each,
the invoice row locked; amounts are kept by the money helpers and checked by the database."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.exceptions import Conflict
from apps.core.lines.services import write_lines
from apps.core.money import round_money, sum_money, to_decimal
from apps.core.money_events import announce
from apps.core.numbering import next_number
from apps.core.services import (
    changed_fields,
    check_date_order,
    check_fields,
    check_same_tenant,
    diff_and_save,
    resolve_role,
    typed,
)
from apps.core.workflow import record_event
from apps.sales_orders import services as sales_order_services
from apps.sales_orders.models import SalesOrder
from apps.sales_orders.workflows import WORKFLOW as sales_order_workflow

from .models import RECEIVABLE_STATUSES, CreditMemo, CreditMemoStatus, Invoice, InvoiceLine
from .models import InvoiceStatus as S
from .workflows import INVOICE_FIELDS, WORKFLOW


def _author(by):
    return by if getattr(by, "is_authenticated", False) else None


def _lock(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)


def due_date_for(invoice_date: date, terms_days: int | None) -> date:
    """Net terms: the invoice is due `terms_days` after its date (no terms = due on the invoice date)."""
    return invoice_date + timedelta(days=terms_days or 0)


def settle(invoice: Invoice) -> None:
    """Balance = total - paid - credited; the status follows the balance once the invoice is issued."""
    invoice.total = sum_money([invoice.subtotal, invoice.freight_amount, invoice.tax_amount])
    if invoice.status == S.VOID:
        invoice.balance_due = Decimal("0.00")
        return
    invoice.balance_due = round_money(invoice.total - invoice.amount_paid - invoice.credited_amount)
    if invoice.status == S.DRAFT:
        return
    if invoice.balance_due == 0:
        invoice.status = S.PAID
        invoice.paid_at = invoice.paid_at or timezone.now()
    else:
        invoice.status = S.PARTIALLY_PAID if invoice.amount_paid > 0 else S.ISSUED
        invoice.paid_at = None


def refresh_invoice_totals(invoice: Invoice) -> Invoice:
    lines = list(invoice.lines.all())
    invoice.subtotal = sum_money(line.line_total for line in lines)
    settle(invoice)
    invoice.save()
    return invoice


def _write_lines(invoice: Invoice, lines: list[dict], *, by, role: str | None = None, check: bool = True) -> list:
    """The shared line write (apps.core.lines): only a draft invoice's lines change (the workflow's edit rules)."""
    written = write_lines(
        invoice,
        lines,
        model=InvoiceLine,
        by=by,
        check_edit=(lambda names: WORKFLOW.check_edit(invoice, names, role=role)) if check else None,
    )
    return written.lines


# --- Create, edit, delete -------------------------------------------------------------------------


@transaction.atomic
def create_invoice(*, tenant, by, customer, lines: list[dict], **fields) -> Invoice:
    """An invoice by hand (no sales order): a draft with its number (INV-2026-000123) and lines. Unknown fields and
    links to another tenant's rows are refused (400), whoever calls."""
    check_fields(fields, INVOICE_FIELDS - {"customer"}, "invoice")
    lines = list(lines)
    check_same_tenant(tenant, customer, fields)
    fields = typed(Invoice, fields)
    check_date_order(None, fields)
    invoice = Invoice(tenant=tenant, customer=customer, created_by=_author(by), **fields)
    invoice.payment_terms_days = customer.payment_terms_days or 0
    invoice.currency = fields.get("currency") or customer.currency
    if not invoice.due_date:
        invoice.due_date = due_date_for(invoice.invoice_date, invoice.payment_terms_days)
    invoice.number = next_number(tenant, "INV", on=invoice.invoice_date)
    invoice.save()
    _write_lines(invoice, lines, by=by, check=False)
    refresh_invoice_totals(invoice)
    record_event(invoice, "created", by=by, to_status=invoice.status)
    return invoice


@transaction.atomic
def create_invoice_from_sales_order(
    order: SalesOrder,
    *,
    by,
    role: str | None = None,
    freight_amount=Decimal("0"),
    tax_amount=Decimal("0"),
    invoice_date: date | None = None,
    notes: str = "",
    issue: bool = False,
) -> Invoice:
    """Invoice a delivered order at its actual (catch) weights; the order becomes invoiced."""
    order = SalesOrder.objects.select_for_update().select_related("customer").get(pk=order.pk)
    sales_order_workflow.ensure_allowed(
        order, sales_order_workflow.action("invoice"), role=resolve_role(tenant=order.tenant_id, by=by, role=role)
    )
    order_lines = list(order.lines.select_related("product", "protein", "source_purchase_order_line"))
    if not order_lines:
        raise Conflict(f"Sales order {order.number} has no lines to invoice.")
    missing = [line.line_number for line in order_lines if line.priced_by_weight and line.actual_weight_lb is None]
    if missing:
        raise Conflict(
            f"Enter the actual (catch) weight of line(s) {', '.join(map(str, missing))} before invoicing: "
            "they are priced by weight.",
            lines_without_actual_weight=missing,
        )
    customer = order.customer
    invoice_date = invoice_date or timezone.localdate()
    terms = customer.payment_terms_days or 0
    invoice = Invoice(
        tenant_id=order.tenant_id,
        created_by=_author(by),
        customer=customer,
        sales_order=order,
        customer_po_number=order.customer_po_number,
        invoice_date=invoice_date,
        payment_terms_days=terms,
        due_date=due_date_for(invoice_date, terms),
        currency=order.currency,
        freight_amount=round_money(freight_amount or 0),
        tax_amount=round_money(tax_amount or 0),
        notes=notes,
    )
    invoice.number = next_number(order.tenant, "INV", on=invoice.invoice_date)
    invoice.save()
    for line in order_lines:
        invoice_line = InvoiceLine(
            tenant_id=order.tenant_id,
            invoice=invoice,
            created_by=_author(by),
            line_number=line.line_number,
            sales_order_line=line,
            product=line.product,
            description=line.description,
            protein=line.protein,
            fresh_frozen=line.fresh_frozen,
            boxes=line.boxes,
            weight_lb=line.actual_weight_lb if line.actual_weight_lb is not None else line.estimated_weight_lb,
            unit_price=line.unit_price,
            price_unit=line.price_unit,
            **line.lot(),
        )
        invoice_line.price()
        invoice_line.save()
    refresh_invoice_totals(invoice)
    record_event(invoice, "created", by=by, to_status=invoice.status, reason=f"from sales order {order.number}")
    sales_order_services.mark_invoiced(order, by=by, invoice=invoice)
    if issue:
        invoice = issue_invoice(invoice, by=by)
    return invoice


@transaction.atomic
def update_invoice(
    invoice: Invoice, *, by, role: str | None = None, lines: list[dict] | None = None, **fields
) -> Invoice:
    """Drafts change freely; an issued invoice keeps its figures (notes only; corrections are credit memos)."""
    invoice = _lock(invoice)
    check_fields(fields, INVOICE_FIELDS, "invoice")
    check_same_tenant(invoice.tenant, fields)
    fields = typed(Invoice, fields)
    if "due_date" in fields:  # else a new invoice date moves the due date with it (below)
        check_date_order(invoice, fields)
    changing = set(changed_fields(invoice, fields)) | ({"lines"} if lines is not None else set())
    WORKFLOW.check_edit(invoice, changing, role=resolve_role(tenant=invoice.tenant, by=by, role=role))
    if invoice.sales_order_id and "customer" in changing:
        raise Conflict("The customer of an invoice made from a sales order is the order's customer.")
    before_total = invoice.total
    changes = diff_and_save(invoice, fields, by=by, record=False)
    if "customer" in changing:
        invoice.payment_terms_days = invoice.customer.payment_terms_days or 0
    if ("invoice_date" in changing or "customer" in changing) and "due_date" not in fields:
        invoice.due_date = due_date_for(invoice.invoice_date, invoice.payment_terms_days)
    invoice.save()
    if lines is not None:
        # The whole invoice was checked above ("lines" is editable on a draft only).
        if line_changes := _write_lines(invoice, lines, by=by, check=False):
            changes["lines"] = line_changes
    invoice = refresh_invoice_totals(invoice)
    if invoice.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(invoice.total)}
    if changes:
        record_event(invoice, "updated", by=by, changes=changes)
    return invoice


@transaction.atomic
def delete_invoice(invoice: Invoice, *, by) -> None:
    invoice = _lock(invoice)
    if invoice.issued_at is not None or invoice.status != S.DRAFT:
        raise Conflict(
            f"Invoice {invoice.number} has been issued and is kept for the record; void it instead.",
            current_status=invoice.status,
        )
    if invoice.sales_order_id:
        sales_order_services.reopen_after_invoice_removed(
            invoice.sales_order, by=by, invoice=invoice, verb="deleted draft"
        )
    invoice.delete()


# --- Issue and void -------------------------------------------------------------------------------


@transaction.atomic
def issue_invoice(invoice: Invoice, *, by, role: str | None = None) -> Invoice:
    """draft -> issued: the customer owes it from now on."""
    invoice = _lock(invoice)
    WORKFLOW.perform(invoice, "issue", by=by, role=role, updates={"issued_at": timezone.now()})
    settle(invoice)
    invoice.save()
    announce(invoice, "issued", by=by)
    return invoice


@transaction.atomic
def void_invoice(invoice: Invoice, *, by, role: str | None = None, reason: str = "") -> Invoice:
    """Void an invoice nothing was paid or credited on (managers, with a reason); its sales order goes back to
    delivered."""
    invoice = _lock(invoice)
    WORKFLOW.perform(
        invoice,
        "void",
        by=by,
        role=role,
        reason=reason,
        updates={"voided_at": timezone.now(), "void_reason": (reason or "").strip(), "balance_due": Decimal("0.00")},
    )
    announce(invoice, "voided", by=by)
    return invoice


# --- Payments (called by accounts_receivables) ----------------------------------------------------


def _positive(amount) -> Decimal:
    amount = round_money(to_decimal(amount))
    if amount <= 0:
        raise ValidationError({"amount": ["The amount must be more than 0."]})
    return amount


@transaction.atomic
def apply_payment_to_invoice(invoice: Invoice, amount, *, by, reference: str = "") -> Invoice:
    """Add `amount` to the invoice's paid amount. The row lock serialises concurrent payments; more than the
    balance due is refused (409), so an invoice is never overpaid."""
    amount = _positive(amount)
    invoice = _lock(invoice)
    if invoice.status not in RECEIVABLE_STATUSES:
        raise Conflict(
            f"Invoice {invoice.number} is {invoice.get_status_display().lower()}; payments apply to issued invoices "
            "with a balance due.",
            current_status=invoice.status,
            balance_due=str(invoice.balance_due),
        )
    if amount > invoice.balance_due:
        raise Conflict(
            f"{amount} is more than the {invoice.balance_due} due on invoice {invoice.number}; apply at most the "
            "balance and keep the rest as customer credit.",
            balance_due=str(invoice.balance_due),
            amount=str(amount),
        )
    previous = invoice.status
    invoice.amount_paid = round_money(invoice.amount_paid + amount)
    settle(invoice)
    invoice.save()
    record_event(
        invoice,
        "payment_applied",
        by=by,
        from_status=previous,
        to_status=invoice.status,
        reason=reference,
        changes={"amount": str(amount), "balance_due": str(invoice.balance_due)},
    )
    return invoice


@transaction.atomic
def unapply_payment_from_invoice(invoice: Invoice, amount, *, by, reference: str = "") -> Invoice:
    """Take `amount` of payment back off the invoice (a bounced check, a payment applied to the wrong invoice)."""
    amount = _positive(amount)
    invoice = _lock(invoice)
    if amount > invoice.amount_paid:
        raise Conflict(
            f"Only {invoice.amount_paid} is paid on invoice {invoice.number}; cannot unapply {amount}.",
            amount_paid=str(invoice.amount_paid),
            amount=str(amount),
        )
    previous = invoice.status
    invoice.amount_paid = round_money(invoice.amount_paid - amount)
    settle(invoice)
    invoice.save()
    record_event(
        invoice,
        "payment_unapplied",
        by=by,
        from_status=previous,
        to_status=invoice.status,
        reason=reference,
        changes={"amount": str(amount), "balance_due": str(invoice.balance_due)},
    )
    return invoice


# --- Credit memos ---------------------------------------------------------------------------------


@transaction.atomic
def create_credit_memo(invoice: Invoice, *, by, amount, reason: str, memo_date=None, notes: str = "") -> CreditMemo:
    """Reduce an issued invoice's balance by `amount` (never more than the balance); the invoice and its
    lines stay as issued."""
    amount = _positive(amount)
    invoice = _lock(invoice)
    if invoice.status not in RECEIVABLE_STATUSES:
        raise Conflict(
            f"Invoice {invoice.number} is {invoice.get_status_display().lower()}; credit memos apply to issued "
            "invoices with a balance due.",
            current_status=invoice.status,
        )
    if amount > invoice.balance_due:
        raise Conflict(
            f"A credit of {amount} is more than the {invoice.balance_due} due on invoice {invoice.number}.",
            balance_due=str(invoice.balance_due),
            amount=str(amount),
        )
    memo = CreditMemo(
        tenant_id=invoice.tenant_id,
        created_by=_author(by),
        invoice=invoice,
        customer_id=invoice.customer_id,
        amount=amount,
        reason=reason,
        notes=notes,
    )
    if memo_date is not None:
        memo.memo_date = memo_date
    memo.number = next_number(invoice.tenant, "CM", on=memo.memo_date)
    memo.save()
    announce(memo, "issued", by=by)
    previous = invoice.status
    invoice.credited_amount = round_money(invoice.credited_amount + amount)
    settle(invoice)
    invoice.save()
    record_event(
        invoice,
        "credit_memo",
        by=by,
        from_status=previous,
        to_status=invoice.status,
        reason=f"{memo.number} ({memo.get_reason_display()})",
        changes={"credit_memo": memo.pk, "amount": str(amount), "balance_due": str(invoice.balance_due)},
    )
    return memo


@transaction.atomic
def void_credit_memo(memo: CreditMemo, *, by) -> CreditMemo:
    """Take a credit memo back: the invoice owes its amount again. The memo row stays (status void)."""
    memo = CreditMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.status == CreditMemoStatus.VOID:
        raise Conflict(f"Credit memo {memo.number} is already void.")
    invoice = _lock(memo.invoice)
    memo.status = CreditMemoStatus.VOID
    memo.voided_at = timezone.now()
    memo.save(update_fields=["status", "voided_at", "updated_at"])
    announce(memo, "voided", by=by)
    previous = invoice.status
    invoice.credited_amount = round_money(invoice.credited_amount - memo.amount)
    settle(invoice)
    invoice.save()
    record_event(
        invoice,
        "credit_memo_void",
        by=by,
        from_status=previous,
        to_status=invoice.status,
        reason=memo.number,
        changes={"credit_memo": memo.pk, "amount": str(memo.amount), "balance_due": str(invoice.balance_due)},
    )
    return memo
