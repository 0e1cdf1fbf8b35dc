"""What each money event posts: one rule per (document model, event), turning the document into postings (entry
header + debit/credit lines by account role). The rules only read the documents' public fields; the posting itself
(balance check, idempotency, numbering, the tenant's accounts) is apps.accounting.services.post_entry.

| document | event | entry |
|---|---|---|
| invoice | issued | Dr accounts receivable (total) / Cr sales (subtotal), freight income (freight), sales tax (tax) |
| invoice | voided | the issued entry reversed |
| credit memo | issued | Dr sales returns and credits / Cr accounts receivable |
| credit memo | voided | reversed |
| customer payment | received | Dr cash / Cr accounts receivable (unapplied money is the customer's credit) |
| customer payment | corrected | the standing receipt reversed, the payment posted again as it now is |
| customer payment | deleted | the last posting reversed |
| supplier bill | approved | Dr cost of goods sold: product / Cr accounts payable |
| freight bill | approved | Dr cost of goods sold: freight / Cr accounts payable |
| supplier / freight bill | voided | the approved entry reversed (a bill voided before approval posted nothing) |
| supplier / freight bill | marked_paid | Dr accounts payable / Cr cash, for what was paid outside the app |
| payment out | posted | Dr accounts payable / Cr cash, for the money sent (bills applied less debit memos applied) |
| payment out | voided | reversed |
| debit memo | issued | Dr accounts payable / Cr claims recovery (a chargeback: the payee owes it back) |
| debit memo | voided | reversed |

A claim's approval is covered by the two documents it makes: its credit memo and its debit memo.
Reversals are dated the day they happen; the other entries the document's own date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from apps.core.money import round_money, sum_money

from .models import AccountRole as A
from .models import JournalEntry, SourceKind

ZERO = Decimal("0.00")


@dataclass
class Posting:
    """An entry to post: the header and its lines [(account role, debit, credit, memo)]."""

    tenant: object
    source_kind: str
    source_id: int
    source_number: str
    event: str
    entry_date: date
    partner_name: str
    currency: str
    description: str
    lines: list[tuple] = field(default_factory=list)
    reverses: JournalEntry | None = None


def debit(role, amount, memo: str = "") -> tuple:
    """A debit of `amount` (a negative amount is a credit of its opposite)."""
    amount = round_money(amount or 0)
    return (role, amount, ZERO, memo) if amount >= 0 else (role, ZERO, -amount, memo)


def credit(role, amount, memo: str = "") -> tuple:
    amount = round_money(amount or 0)
    return (role, ZERO, amount, memo) if amount >= 0 else (role, -amount, ZERO, memo)


def _day(moment) -> date:
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


def _entries(document, kind: str):
    return JournalEntry.objects.filter(tenant_id=document.tenant_id, source_kind=kind, source_id=document.pk)


def reversal(document, kind: str, original: JournalEntry | None, *, event: str, entry_date: date, why: str):
    """The posting that takes `original` back (None when there is nothing to take back)."""
    if original is None or original.reversed_by.exists():
        return None
    return Posting(
        tenant=document.tenant,
        source_kind=kind,
        source_id=document.pk,
        source_number=original.source_number,
        event=event,
        entry_date=entry_date,
        partner_name=original.partner_name,
        currency=original.currency,
        description=f"{why}: reverses {original.number}",
        lines=[(line.account_role, line.credit, line.debit, line.memo) for line in original.lines.all()],
        reverses=original,
    )


def _reverse_event(kind: str, of_event: str, *, why: str):
    """A rule: the `of_event` entry of the document reversed, dated the day the document was voided."""

    def rule(document) -> list[Posting]:
        original = _entries(document, kind).filter(event=of_event).first()
        moment = getattr(document, "voided_at", None)
        posting = reversal(document, kind, original, event="voided", entry_date=_day(moment), why=why)
        return [posting] if posting else []

    return rule


# --- Receivables ---------------------------------------------------------------------------------------------


def invoice_issued(invoice) -> list[Posting]:
    return [
        Posting(
            tenant=invoice.tenant,
            source_kind=SourceKind.INVOICE,
            source_id=invoice.pk,
            source_number=invoice.number,
            event="issued",
            entry_date=invoice.invoice_date,
            partner_name=invoice.customer.name,
            currency=invoice.currency,
            description=f"Invoice {invoice.number} issued",
            lines=[
                debit(A.ACCOUNTS_RECEIVABLE, invoice.total),
                credit(A.SALES, invoice.subtotal),
                credit(A.FREIGHT_INCOME, invoice.freight_amount),
                credit(A.SALES_TAX_PAYABLE, invoice.tax_amount),
            ],
        )
    ]


def credit_memo_issued(memo) -> list[Posting]:
    invoice = memo.invoice
    return [
        Posting(
            tenant=memo.tenant,
            source_kind=SourceKind.CREDIT_MEMO,
            source_id=memo.pk,
            source_number=memo.number,
            event="issued",
            entry_date=memo.memo_date,
            partner_name=memo.customer.name,
            currency=invoice.currency,
            description=f"Credit memo {memo.number} on invoice {invoice.number} ({memo.get_reason_display().lower()})",
            lines=[debit(A.SALES_CREDITS, memo.amount), credit(A.ACCOUNTS_RECEIVABLE, memo.amount)],
        )
    ]


def _payment_posting(payment, event: str) -> Posting:
    return Posting(
        tenant=payment.tenant,
        source_kind=SourceKind.CUSTOMER_PAYMENT,
        source_id=payment.pk,
        source_number=payment.number,
        event=event,
        entry_date=payment.payment_date,
        partner_name=payment.customer.name,
        currency=payment.currency,
        description=f"Customer payment {payment.number} ({payment.get_payment_method_display()}"
        + (f" {payment.reference})" if payment.reference else ")"),
        lines=[debit(A.CASH, payment.amount), credit(A.ACCOUNTS_RECEIVABLE, payment.amount)],
    )


def _standing_receipt(payment) -> JournalEntry | None:
    """The payment's receipt entry that is not reversed (None: nothing of it stands in the journal)."""
    receipts = _entries(payment, SourceKind.CUSTOMER_PAYMENT).filter(event__startswith="received")
    return receipts.filter(reversed_by__isnull=True).order_by("-id").first()


def payment_received(payment) -> list[Posting]:
    if _entries(payment, SourceKind.CUSTOMER_PAYMENT).filter(event__startswith="received").exists():
        return []  # posted already (possibly corrected since)
    return [_payment_posting(payment, "received")]


def payment_corrected(payment) -> list[Posting]:
    """The payment changed (amount, date, currency, customer): what stands is reversed today and the payment is
    posted again as it is now. Nothing when the posted figures are still the payment's."""
    standing = _standing_receipt(payment)
    if standing is None:
        return payment_received(payment)
    now = (payment.payment_date, round_money(payment.amount), payment.currency, payment.customer.name)
    if (standing.entry_date, standing.amount, standing.currency, standing.partner_name) == now:
        return []
    revision = _entries(payment, SourceKind.CUSTOMER_PAYMENT).filter(event__startswith="received").count() + 1
    taken_back = reversal(
        payment,
        SourceKind.CUSTOMER_PAYMENT,
        standing,
        event=f"corrected-{revision}",
        entry_date=timezone.localdate(),
        why=f"Customer payment {payment.number} corrected",
    )
    return [taken_back, _payment_posting(payment, f"received-{revision}")]


def payment_deleted(payment) -> list[Posting]:
    posting = reversal(
        payment,
        SourceKind.CUSTOMER_PAYMENT,
        _standing_receipt(payment),
        event="deleted",
        entry_date=timezone.localdate(),
        why=f"Customer payment {payment.number} deleted",
    )
    return [posting] if posting else []


# --- Payables --------------------------------------------------------------------------------------------------


def _bill_kind(bill) -> str:
    return SourceKind.FREIGHT_BILL if bill._meta.model_name == "freightbill" else SourceKind.SUPPLIER_BILL


def _payee(document):
    for name in ("supplier", "carrier"):
        if getattr(document, f"{name}_id", None):
            return getattr(document, name)
    return None


def bill_approved(bill) -> list[Posting]:
    kind = _bill_kind(bill)
    if kind == SourceKind.FREIGHT_BILL:
        cost = A.FREIGHT_COST
        description = f"Freight bill {bill.number} (pro {bill.carrier_invoice_number}, load {bill.load.number})"
    else:
        cost = A.PRODUCT_COST
        description = f"Supplier bill {bill.number} (invoice {bill.supplier_invoice_number})"
    return [
        Posting(
            tenant=bill.tenant,
            source_kind=kind,
            source_id=bill.pk,
            source_number=bill.number,
            event="approved",
            entry_date=bill.bill_date,
            partner_name=str(_payee(bill).name),
            currency=bill.currency,
            description=description,
            lines=[debit(cost, bill.total), credit(A.ACCOUNTS_PAYABLE, bill.total)],
        )
    ]


def bill_voided(bill) -> list[Posting]:
    return _reverse_event(_bill_kind(bill), "approved", why=f"Bill {bill.number} voided")(bill)


def bill_marked_paid(bill) -> list[Posting]:
    """What the bill has paid beyond its payments out (posted ones) and earlier marks: paid outside the app."""
    kind = _bill_kind(bill)
    applied = bill.payment_applications.filter(payment__status="posted").aggregate(total=Sum("amount"))["total"]
    marks = _entries(bill, kind).filter(event__startswith="marked_paid")
    marked = marks.aggregate(total=Sum("amount"))["total"]
    outside = round_money(bill.amount_paid - (applied or ZERO) - (marked or ZERO))
    if outside <= 0:
        return []
    count = marks.count()
    return [
        Posting(
            tenant=bill.tenant,
            source_kind=kind,
            source_id=bill.pk,
            source_number=bill.number,
            event="marked_paid" if count == 0 else f"marked_paid-{count + 1}",
            entry_date=_day(bill.paid_at),
            partner_name=str(_payee(bill).name),
            currency=bill.currency,
            description=f"Bill {bill.number} marked paid outside the app",
            lines=[debit(A.ACCOUNTS_PAYABLE, outside), credit(A.CASH, outside)],
        )
    ]


def payment_out_posted(payment) -> list[Posting]:
    return [
        Posting(
            tenant=payment.tenant,
            source_kind=SourceKind.PAYMENT_OUT,
            source_id=payment.pk,
            source_number=payment.number,
            event="posted",
            entry_date=payment.payment_date,
            partner_name=str(_payee(payment).name),
            currency=payment.currency,
            description=f"Payment out {payment.number} ({payment.get_method_display()}"
            + (f" {payment.reference})" if payment.reference else ")"),
            lines=[debit(A.ACCOUNTS_PAYABLE, payment.amount), credit(A.CASH, payment.amount)],
        )
    ]


def debit_memo_issued(memo) -> list[Posting]:
    source = f" ({memo.source})" if memo.source else ""
    return [
        Posting(
            tenant=memo.tenant,
            source_kind=SourceKind.DEBIT_MEMO,
            source_id=memo.pk,
            source_number=memo.number,
            event="issued",
            entry_date=memo.memo_date,
            partner_name=str(_payee(memo).name),
            currency=memo.currency,
            description=f"Debit memo {memo.number}{source}: {memo.reason}"[:255],
            lines=[debit(A.ACCOUNTS_PAYABLE, memo.amount), credit(A.CLAIMS_RECOVERY, memo.amount)],
        )
    ]


RULES = {
    ("invoices.invoice", "issued"): invoice_issued,
    ("invoices.invoice", "voided"): _reverse_event(SourceKind.INVOICE, "issued", why="Invoice voided"),
    ("invoices.creditmemo", "issued"): credit_memo_issued,
    ("invoices.creditmemo", "voided"): _reverse_event(SourceKind.CREDIT_MEMO, "issued", why="Credit memo voided"),
    ("accounts_receivables.payment", "received"): payment_received,
    ("accounts_receivables.payment", "corrected"): payment_corrected,
    ("accounts_receivables.payment", "deleted"): payment_deleted,
    ("payables.supplierbill", "approved"): bill_approved,
    ("payables.supplierbill", "voided"): bill_voided,
    ("payables.supplierbill", "marked_paid"): bill_marked_paid,
    ("payables.freightbill", "approved"): bill_approved,
    ("payables.freightbill", "voided"): bill_voided,
    ("payables.freightbill", "marked_paid"): bill_marked_paid,
    ("payables.paymentout", "posted"): payment_out_posted,
    ("payables.paymentout", "voided"): _reverse_event(SourceKind.PAYMENT_OUT, "posted", why="Payment out voided"),
    ("payables.debitmemo", "issued"): debit_memo_issued,
    ("payables.debitmemo", "voided"): _reverse_event(SourceKind.DEBIT_MEMO, "issued", why="Debit memo voided"),
}


def total_of(lines) -> tuple[Decimal, Decimal]:
    return sum_money(line[1] for line in lines), sum_money(line[2] for line in lines)
