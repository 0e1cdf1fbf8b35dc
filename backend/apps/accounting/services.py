"""The journal's services: posting (the one place an entry is written), the tenant's account mapping, the backfill of
what is missing, and exports.

`post_event(document, event)` is subscribed to apps.core.money_events: the money apps announce their events inside
their transaction and the rule of apps.accounting.rules says what to post. `post_entry` writes one entry: an event
posts once (idempotent by source kind, source id and event), in one currency, its debits equal to its credits
(UnbalancedEntry otherwise, which fails the event's transaction)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.choices import Currency
from apps.core.exceptions import Conflict
from apps.core.money import round_money, sum_money
from apps.core.numbering import next_number
from apps.core.services import author

from .models import (
    ACCOUNT_CODE_MAX,
    ACCOUNT_NAME_MAX,
    DEFAULT_ACCOUNTS,
    AccountMapping,
    AccountRole,
    ExportBatch,
    JournalEntry,
    JournalLine,
)
from .rules import RULES, Posting

ZERO = Decimal("0.00")


class UnbalancedEntry(Exception):
    """An entry whose debits differ from its credits (or that mixes what cannot be mixed): a rule is wrong."""


# --- Account mapping -------------------------------------------------------------------------------------------


def ensure_accounts(tenant) -> dict[str, AccountMapping]:
    """The tenant's mapping, role -> account; roles not yet mapped get their default (written once)."""
    tenant_id = getattr(tenant, "pk", tenant)
    rows = {row.role: row for row in AccountMapping.objects.filter(tenant_id=tenant_id)}
    missing = [role for role in AccountRole.values if role not in rows]
    for role in missing:
        code, name = DEFAULT_ACCOUNTS[role]
        rows[role] = AccountMapping.objects.create(tenant_id=tenant_id, role=role, code=code, name=name)
    return rows


def clean_account(code, name) -> tuple[str, str]:
    """The code and name stripped; 400 naming the field when empty, too long, or holding a tab or line break
    (the IIF file is tab-separated, one record a line)."""
    errors = {}
    cleaned = {}
    for field, value, limit in (("code", code, ACCOUNT_CODE_MAX), ("name", name, ACCOUNT_NAME_MAX)):
        text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
        if not text:
            errors[field] = ["Required: the account's " + ("number" if field == "code" else "name") + "."]
        elif len(text) > limit:
            errors[field] = [f"At most {limit} characters."]
        elif any(char in text for char in "\t\r\n"):
            errors[field] = ["No tabs or line breaks."]
        cleaned[field] = text
    if errors:
        raise ValidationError(errors)
    return cleaned["code"], cleaned["name"]


@transaction.atomic
def update_account(mapping: AccountMapping, *, by, code=None, name=None) -> AccountMapping:
    """Map a role to another account of the tenant's chart. Entries posted before keep their accounts."""
    mapping = AccountMapping.objects.select_for_update().get(pk=mapping.pk)
    code, name = clean_account(mapping.code if code is None else code, mapping.name if name is None else name)
    mapping.code, mapping.name = code, name
    mapping.save()
    return mapping


# --- Posting ---------------------------------------------------------------------------------------------------


def _check(posting: Posting) -> list[tuple]:
    """The posting's lines without the zero ones; UnbalancedEntry when debits differ from credits, a line has both
    sides or a negative side, or the currency is not one the product keeps."""
    if posting.currency not in Currency.values:
        raise UnbalancedEntry(f"{posting.source_number}: unknown currency {posting.currency!r}")
    lines = []
    for role, dr, cr, memo in posting.lines:
        dr, cr = round_money(dr), round_money(cr)
        if dr < 0 or cr < 0 or (dr > 0 and cr > 0):
            raise UnbalancedEntry(f"{posting.source_number}: a line is {dr} debit and {cr} credit")
        if role not in AccountRole.values:
            raise UnbalancedEntry(f"{posting.source_number}: no account role {role!r}")
        if dr or cr:
            lines.append((role, dr, cr, memo))
    debits, credits = sum_money(line[1] for line in lines), sum_money(line[2] for line in lines)
    if debits != credits:
        raise UnbalancedEntry(
            f"{posting.source_number} {posting.event}: debits {debits} and credits {credits} differ by "
            f"{debits - credits}"
        )
    return lines


@transaction.atomic
def post_entry(posting: Posting, *, by=None) -> JournalEntry | None:
    """Write `posting` as a journal entry, once: the entry already posted for its (source kind, source id, event) is
    returned as it is. Nothing is written for an entry of 0 (an invoice of 0.00). Checked by `_check`."""
    existing = JournalEntry.objects.filter(
        tenant_id=posting.tenant.pk,
        source_kind=posting.source_kind,
        source_id=posting.source_id,
        event=posting.event,
    ).first()
    if existing is not None:
        return existing
    lines = _check(posting)
    if not lines:
        return None
    accounts = ensure_accounts(posting.tenant)
    entry = JournalEntry(
        tenant=posting.tenant,
        created_by=author(by),
        entry_date=posting.entry_date,
        source_kind=posting.source_kind,
        source_id=posting.source_id,
        source_number=posting.source_number,
        event=posting.event,
        partner_name=(posting.partner_name or "")[:200],
        currency=posting.currency,
        description=posting.description[:255],
        amount=sum_money(line[1] for line in lines),
        reverses=posting.reverses,
    )
    entry.number = next_number(posting.tenant, "JE", on=posting.entry_date)
    entry.save()
    JournalLine.objects.bulk_create(
        [
            JournalLine(
                tenant_id=entry.tenant_id,
                entry=entry,
                line_number=number,
                account_role=role,
                account_code=accounts[role].code,
                account_name=accounts[role].name,
                debit=dr,
                credit=cr,
                memo=(memo or "")[:255],
            )
            for number, (role, dr, cr, memo) in enumerate(lines, start=1)
        ]
    )
    return entry


def postings_for(document, event: str) -> list[Posting]:
    rule = RULES.get((document._meta.label_lower, event))
    if rule is None:
        label = document._meta.label_lower
        raise ImproperlyConfigured(f"No journal rule for {label} {event!r} (apps.accounting.rules)")
    return [posting for posting in rule(document) if posting is not None]


def post_event(document, event: str, *, by=None, **details) -> list[JournalEntry]:
    """The money_events subscriber: post what `event` on `document` means (see apps.accounting.rules)."""
    entries = [post_entry(posting, by=by) for posting in postings_for(document, event)]
    return [entry for entry in entries if entry is not None]


# --- Backfill --------------------------------------------------------------------------------------------------


def _pending(tenant) -> list[tuple[date, int, object, str]]:
    """(business date, order, document, event) of every money event the tenant's documents imply."""
    from apps.accounts_receivables.models import Payment
    from apps.invoices.models import CreditMemo, Invoice
    from apps.payables.models import DebitMemo, FreightBill, PaymentOut, SupplierBill

    def day(moment):
        return timezone.localdate(moment) if moment else timezone.localdate()

    events = []
    for invoice in Invoice.objects.filter(tenant=tenant, issued_at__isnull=False).select_related("customer", "tenant"):
        events.append((invoice.invoice_date, 0, invoice, "issued"))
        if invoice.status == "void":
            events.append((day(invoice.voided_at), 5, invoice, "voided"))
    for memo in CreditMemo.objects.filter(tenant=tenant).select_related("invoice", "customer", "tenant"):
        events.append((memo.memo_date, 1, memo, "issued"))
        if memo.status == "void":
            events.append((day(memo.voided_at), 5, memo, "voided"))
    for payment in Payment.objects.filter(tenant=tenant).select_related("customer", "tenant"):
        events.append((payment.payment_date, 2, payment, "received"))
    for model in (SupplierBill, FreightBill):
        payee = "supplier" if model is SupplierBill else "carrier"
        related = [payee, "tenant"] + (["load"] if model is FreightBill else [])
        for bill in model.objects.filter(tenant=tenant, approved_at__isnull=False).select_related(*related):
            events.append((bill.bill_date, 0, bill, "approved"))
            if bill.status == "void":
                events.append((day(bill.voided_at), 5, bill, "voided"))
            elif bill.status in ("paid", "partially_paid"):
                events.append((day(bill.paid_at), 4, bill, "marked_paid"))
    for memo in DebitMemo.objects.filter(tenant=tenant).select_related("supplier", "carrier", "tenant"):
        events.append((memo.memo_date, 1, memo, "issued"))
        if memo.status == "void":
            events.append((day(memo.voided_at), 5, memo, "voided"))
    for payment in PaymentOut.objects.filter(tenant=tenant).select_related("supplier", "carrier", "tenant"):
        events.append((payment.payment_date, 3, payment, "posted"))
        if payment.status == "void":
            events.append((day(payment.voided_at), 5, payment, "voided"))
    events.sort(key=lambda item: (item[0], item[1], item[2]._meta.label, item[2].pk))
    return events


@transaction.atomic
def post_missing(tenant) -> int:
    """Post every money event of the tenant's documents that the journal does not hold yet (documents from before
    the journal, demo data); in date order. Idempotent: a second run posts nothing. Returns the entries posted."""
    before = JournalEntry.objects.filter(tenant=tenant).count()
    ensure_accounts(tenant)
    for _day, _order, document, event in _pending(tenant):
        post_event(document, event)
    return JournalEntry.objects.filter(tenant=tenant).count() - before


# --- Exports ---------------------------------------------------------------------------------------------------


@transaction.atomic
def create_export(*, tenant, by, to_date: date, from_date: date | None = None) -> ExportBatch:
    """A batch of every posted entry dated up to `to_date` (from `from_date` when given) that no batch holds yet.
    409 when there is none (nothing new: a second export right after the first); 400 when from is after to."""
    if from_date is not None and from_date > to_date:
        raise ValidationError({"from_date": [f"After the to date ({to_date.isoformat()})."]})
    pending = JournalEntry.objects.filter(tenant=tenant, export_batch__isnull=True, entry_date__lte=to_date)
    if from_date is not None:
        pending = pending.filter(entry_date__gte=from_date)
    ids = list(pending.select_for_update().values_list("pk", flat=True))
    if not ids:
        since = f" from {from_date.isoformat()}" if from_date else ""
        raise Conflict(
            f"Nothing new to export{since} up to {to_date.isoformat()}: every entry posted for those days is in an "
            "earlier export (download it again from the export list).",
            entry_count=0,
        )
    batch = ExportBatch(tenant=tenant, created_by=author(by), from_date=from_date, to_date=to_date)
    batch.number = next_number(tenant, "EXP")
    batch.save()
    for start in range(0, len(ids), 500):
        JournalEntry.objects.filter(pk__in=ids[start : start + 500]).update(export_batch=batch)
    entries = JournalEntry.objects.filter(export_batch=batch)
    batch.entry_count = len(ids)
    batch.line_count = JournalLine.objects.filter(entry__export_batch=batch).count()
    batch.totals = {
        row["currency"]: str(round_money(row["total"]))
        for row in entries.values("currency").annotate(total=Sum("amount"), n=Count("id")).order_by("currency")
    }
    batch.save()
    return batch


def batch_lines(batch: ExportBatch, *, currency: str | None = None):
    """The batch's lines with their entries, in entry date, entry number and line order."""
    lines = JournalLine.objects.filter(entry__export_batch=batch).select_related("entry")
    if currency:
        lines = lines.filter(entry__currency=currency)
    return lines.order_by("entry__entry_date", "entry__number", "line_number")


def batch_currencies(batch: ExportBatch) -> list[str]:
    return sorted(batch.totals) if batch.totals else []


def grouped(lines) -> dict:
    entries = defaultdict(list)
    for line in lines:
        entries[line.entry].append(line)
    return entries
