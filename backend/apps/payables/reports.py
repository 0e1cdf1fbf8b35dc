"""Payables reports: AP aging per supplier and currency, and the cash requirements (what is due by a date).

Both read the bills' current balances: approved bills with money still owed (a bill is payable from its approval
until it is paid). Amounts in different currencies are never added together."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.money import currencies_in_order, reporting_currency, round_money

from .models import PAYABLE_STATUSES, SupplierBill

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


def open_bills(tenant, as_of: datetime.date | None = None):
    """Approved bills with a balance due (dated on or before `as_of` when given)."""
    bills = SupplierBill.objects.for_tenant(tenant).filter(status__in=PAYABLE_STATUSES, balance_due__gt=0)
    if as_of is not None:
        bills = bills.filter(bill_date__lte=as_of)
    return bills


def _bucket_sums(as_of: datetime.date) -> dict:
    day = datetime.timedelta(days=1)
    filters = {
        "current": Q(due_date__gte=as_of),
        "days_1_30": Q(due_date__lt=as_of, due_date__gte=as_of - 30 * day),
        "days_31_60": Q(due_date__lt=as_of - 30 * day, due_date__gte=as_of - 60 * day),
        "days_61_90": Q(due_date__lt=as_of - 60 * day, due_date__gte=as_of - 90 * day),
        "days_over_90": Q(due_date__lt=as_of - 90 * day),
    }
    sums = {
        name: Coalesce(Sum("balance_due", filter=condition), Value(ZERO), output_field=MONEY)
        for name, condition in filters.items()
    }
    sums["total"] = Coalesce(Sum("balance_due"), Value(ZERO), output_field=MONEY)
    return sums


def _money_row(row: dict) -> dict:
    return {key: round_money(value) if isinstance(value, Decimal) else value for key, value in row.items()}


def aging(tenant, as_of: datetime.date) -> dict:
    """AP aging as of `as_of`: per supplier and currency, and in total per currency (the reporting currency first,
    always present), in buckets of days past due. Two queries whatever the number of bills."""
    bills = open_bills(tenant, as_of)
    per_supplier = (
        bills.values("supplier", "currency")
        .annotate(supplier_code=F("supplier__code"), supplier_name=F("supplier__name"), **_bucket_sums(as_of))
        .order_by("supplier_name", "supplier", "currency")
    )
    per_currency = {row["currency"]: row for row in bills.values("currency").annotate(**_bucket_sums(as_of))}
    base = reporting_currency(tenant)
    nothing = {"total": ZERO, **dict.fromkeys(BUCKETS, ZERO)}
    return {
        "as_of": as_of,
        "currency": base,
        "suppliers": [_money_row(row) for row in per_supplier],
        "totals": [
            _money_row(per_currency.get(code) or {"currency": code, **nothing})
            for code in currencies_in_order(tenant, [*per_currency, base])
        ],
    }


def cash_requirements(tenant, due_by: datetime.date, *, currency: str | None = None) -> dict:
    """Approved unpaid bills due on or before `due_by` (overdue ones included), earliest first, and the money
    needed per currency."""
    bills = open_bills(tenant).filter(due_date__lte=due_by).select_related("supplier").order_by("due_date", "id")
    if currency:
        bills = bills.filter(currency=currency)
    totals = {
        row["currency"]: row
        for row in bills.order_by().values("currency").annotate(bills=Count("id"), balance_due=Sum("balance_due"))
    }
    return {
        "due_by": due_by,
        "bills": [
            {
                "bill": bill.pk,
                "number": bill.number,
                "supplier": bill.supplier_id,
                "supplier_name": bill.supplier.name,
                "supplier_invoice_number": bill.supplier_invoice_number,
                "due_date": bill.due_date,
                "currency": bill.currency,
                "balance_due": bill.balance_due,
            }
            for bill in bills
        ],
        "totals": [_money_row(totals[code]) for code in currencies_in_order(tenant, totals)],
    }
