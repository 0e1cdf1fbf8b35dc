"""Payables reports: AP aging per payee (supplier or carrier) and currency, and the cash requirements (what is
due by a date).

Both read the documents' current balances: approved bills with money still owed (a bill is payable from its
approval until it is paid; payments out lower the balance as they are applied) and, as credits, the payees'
open debit memos (negative). Amounts in different currencies are never added together."""

import datetime
from decimal import Decimal

from apps.core.money import currencies_in_order, reporting_currency, round_money

from .models import PAYABLE_STATUSES, DebitMemo, DebitMemoStatus, FreightBill, SupplierBill

ZERO = Decimal("0.00")
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


def open_bills(tenant, as_of: datetime.date | None = None, *, model=SupplierBill):
    """Approved bills (supplier bills, or freight bills with `model=FreightBill`) with a balance due (dated on
    or before `as_of` when given)."""
    bills = model.objects.for_tenant(tenant).filter(status__in=PAYABLE_STATUSES, balance_due__gt=0)
    if as_of is not None:
        bills = bills.filter(bill_date__lte=as_of)
    return bills


def open_debit_memos(tenant, as_of: datetime.date | None = None):
    """Debit memos with a balance not yet taken off a payment out (dated on or before `as_of` when given)."""
    memos = DebitMemo.objects.for_tenant(tenant).filter(status=DebitMemoStatus.OPEN, balance__gt=0)
    if as_of is not None:
        memos = memos.filter(memo_date__lte=as_of)
    return memos


def open_items(tenant, *, as_of: datetime.date | None = None, due_by: datetime.date | None = None) -> list[dict]:
    """Every open payables document as one row: supplier and freight bills (positive) and debit memos
    (negative), each with its payee, currency, due date (a debit memo's date) and open balance. One query per
    kind of document."""
    bills = open_bills(tenant, as_of)
    freight = open_bills(tenant, as_of, model=FreightBill)
    memos = open_debit_memos(tenant, as_of)
    if due_by is not None:
        bills = bills.filter(due_date__lte=due_by)
        freight = freight.filter(due_date__lte=due_by)
        memos = memos.filter(memo_date__lte=due_by)
    items = [
        {
            "document_type": "supplier_bill",
            "id": bill.pk,
            "number": bill.number,
            "payee_kind": "supplier",
            "supplier": bill.supplier_id,
            "carrier": None,
            "payee_code": bill.supplier.code,
            "payee_name": bill.supplier.name,
            "reference": bill.supplier_invoice_number,
            "due_date": bill.due_date,
            "currency": bill.currency,
            "balance_due": bill.balance_due,
        }
        for bill in bills.select_related("supplier")
    ]
    items += [
        {
            "document_type": "freight_bill",
            "id": bill.pk,
            "number": bill.number,
            "payee_kind": "carrier",
            "supplier": None,
            "carrier": bill.carrier_id,
            "payee_code": bill.carrier.code,
            "payee_name": bill.carrier.name,
            "reference": bill.carrier_invoice_number,
            "due_date": bill.due_date,
            "currency": bill.currency,
            "balance_due": bill.balance_due,
        }
        for bill in freight.select_related("carrier")
    ]
    for memo in memos.select_related("supplier", "carrier"):
        payee = memo.supplier or memo.carrier
        items.append(
            {
                "document_type": "debit_memo",
                "id": memo.pk,
                "number": memo.number,
                "payee_kind": memo.payee_kind,
                "supplier": memo.supplier_id,
                "carrier": memo.carrier_id,
                "payee_code": payee.code,
                "payee_name": payee.name,
                "reference": "",
                "due_date": memo.memo_date,
                "currency": memo.currency,
                "balance_due": -memo.balance,
            }
        )
    return items


def bucket(due_date: datetime.date, as_of: datetime.date) -> str:
    days = (as_of - due_date).days
    if days <= 0:
        return "current"
    if days <= 30:
        return "days_1_30"
    if days <= 60:
        return "days_31_60"
    if days <= 90:
        return "days_61_90"
    return "days_over_90"


def _empty(currency: str) -> dict:
    return {"currency": currency, **dict.fromkeys(BUCKETS, ZERO), "total": ZERO}


def aging(tenant, as_of: datetime.date) -> dict:
    """AP aging as of `as_of`: per payee and currency, and in total per currency (the reporting currency first,
    always present), in buckets of days past due; open debit memos count negative from their date."""
    payees: dict[tuple, dict] = {}
    totals: dict[str, dict] = {}
    for item in open_items(tenant, as_of=as_of):
        key = (item["payee_kind"], item["supplier"] or item["carrier"], item["currency"])
        row = payees.setdefault(
            key,
            {
                "payee_kind": item["payee_kind"],
                "supplier": item["supplier"],
                "carrier": item["carrier"],
                "payee_code": item["payee_code"],
                "payee_name": item["payee_name"],
                **_empty(item["currency"]),
            },
        )
        total = totals.setdefault(item["currency"], _empty(item["currency"]))
        name = bucket(item["due_date"], as_of)
        for target in (row, total):
            target[name] = round_money(target[name] + item["balance_due"])
            target["total"] = round_money(target["total"] + item["balance_due"])
    base = reporting_currency(tenant)
    return {
        "as_of": as_of,
        "currency": base,
        "payees": sorted(payees.values(), key=lambda row: (row["payee_name"], row["payee_kind"], row["currency"])),
        "totals": [totals.get(code) or _empty(code) for code in currencies_in_order(tenant, [*totals, base])],
    }


def cash_requirements(tenant, due_by: datetime.date, *, currency: str | None = None) -> dict:
    """Approved unpaid bills due on or before `due_by` (overdue ones included), earliest first, the payees'
    open debit memos dated by then (negative), and the money needed per currency (bills less memos)."""
    items = [item for item in open_items(tenant, due_by=due_by) if currency is None or item["currency"] == currency]
    items.sort(key=lambda item: (item["due_date"], item["document_type"], item["id"]))
    totals: dict[str, dict] = {}
    for item in items:
        total = totals.setdefault(item["currency"], {"currency": item["currency"], "items": 0, "balance_due": ZERO})
        total["items"] += 1
        total["balance_due"] = round_money(total["balance_due"] + item["balance_due"])
    return {
        "due_by": due_by,
        "items": items,
        "totals": [totals[code] for code in currencies_in_order(tenant, totals)],
    }
