"""Receivables reports: AR aging as of any date, the overdue list, customer credits and the customer statement.

Every figure is one aggregate query in the database (no Python loops over invoices): an invoice's balance as
of a date is its total less the payments applied and the credit memos issued on or before that date."""

import datetime
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from apps.core.money import currencies_in_order, reporting_currency, round_money
from apps.invoices.models import RECEIVABLE_STATUSES, CreditMemo, CreditMemoStatus, Invoice, InvoiceStatus

from .models import Payment, PaymentApplication

ZERO = Decimal("0.00")
# "Money still owed" is a balance of at least half a cent: SQLite computes decimal expressions in floating point,
# so a paid invoice's total - payments can come out as 1e-11 there (PostgreSQL's numeric is exact).
HALF_CENT = Decimal("0.005")
MONEY = DecimalField(max_digits=14, decimal_places=2)
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


# Issued invoices count from their invoice date (a paid one was open before it was paid); drafts and void
# invoices never do, nor do void credit memos.
COUNTED_INVOICE_STATUSES = (*RECEIVABLE_STATUSES, InvoiceStatus.PAID)
CREDIT_MEMO_APPLIED = CreditMemoStatus.APPLIED


def _sum_subquery(queryset, field: str) -> Coalesce:
    """SUM(field) of `queryset` (already correlated to the outer invoice) as a scalar subquery, 0 when none."""
    total = (
        queryset.order_by()
        .annotate(_one=Value(1, output_field=IntegerField()))
        .values("_one")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def open_invoices_as_of(tenant, as_of: datetime.date, *, customer=None):
    """Invoices issued on or before `as_of` with money still owed that day, annotated with `balance_as_of`."""
    paid = _sum_subquery(PaymentApplication.objects.filter(invoice=OuterRef("pk"), applied_on__lte=as_of), "amount")
    credited = _sum_subquery(
        CreditMemo.objects.filter(invoice=OuterRef("pk"), status=CREDIT_MEMO_APPLIED, memo_date__lte=as_of), "amount"
    )
    invoices = (
        Invoice.objects.for_tenant(tenant)
        .filter(status__in=COUNTED_INVOICE_STATUSES, invoice_date__lte=as_of)
        .annotate(balance_as_of=ExpressionWrapper(F("total") - paid - credited, output_field=MONEY))
        .filter(balance_as_of__gte=HALF_CENT)
    )
    if customer is not None:
        invoices = invoices.filter(customer=customer)
    return invoices


def _bucket_filters(as_of: datetime.date) -> dict[str, Q]:
    day = datetime.timedelta(days=1)
    return {
        "current": Q(due_date__gte=as_of),
        "days_1_30": Q(due_date__lt=as_of, due_date__gte=as_of - 30 * day),
        "days_31_60": Q(due_date__lt=as_of - 30 * day, due_date__gte=as_of - 60 * day),
        "days_61_90": Q(due_date__lt=as_of - 60 * day, due_date__gte=as_of - 90 * day),
        "days_over_90": Q(due_date__lt=as_of - 90 * day),
    }


def _bucket_sums(as_of: datetime.date) -> dict:
    sums = {
        name: Coalesce(Sum("balance_as_of", filter=condition), Value(ZERO), output_field=MONEY)
        for name, condition in _bucket_filters(as_of).items()
    }
    sums["total"] = Coalesce(Sum("balance_as_of"), Value(ZERO), output_field=MONEY)
    return sums


def _money_row(row: dict) -> dict:
    return {key: round_money(value) if isinstance(value, Decimal) else value for key, value in row.items()}


def aging(tenant, as_of: datetime.date) -> dict:
    """AR aging as of `as_of`: per customer and currency, and in total per currency, buckets by days past due
    (current, 1-30, 31-60, 61-90, over 90). Amounts in different currencies are never added together: a
    customer owing in USD and CAD has a row for each, and `totals` has one row per currency (the tenant's
    reporting currency first). Two queries whatever the number of invoices."""
    invoices = open_invoices_as_of(tenant, as_of)
    per_customer = (
        invoices.values("customer", "currency")
        .annotate(customer_code=F("customer__code"), customer_name=F("customer__name"), **_bucket_sums(as_of))
        .order_by("customer_name", "customer", "currency")
    )
    per_currency = {row["currency"]: row for row in invoices.values("currency").annotate(**_bucket_sums(as_of))}
    base = reporting_currency(tenant)
    nothing = {"total": ZERO, **dict.fromkeys(BUCKETS, ZERO)}
    return {
        "as_of": as_of,
        "currency": base,
        "customers": [_money_row(row) for row in per_customer],
        # The reporting currency always has its row (zero when nothing is owed in it).
        "totals": [
            _money_row(per_currency.get(code) or {"currency": code, **nothing})
            for code in currencies_in_order(tenant, [*per_currency, base])
        ],
    }


def aging_for_customer(tenant, customer, as_of: datetime.date, currency: str) -> dict:
    invoices = open_invoices_as_of(tenant, as_of, customer=customer).filter(currency=currency)
    return _money_row(invoices.aggregate(**_bucket_sums(as_of)))


def overdue_invoices(tenant, today: datetime.date):
    """Invoices past their due date with a balance, most overdue first (a queryset, paginated by the view)."""
    return (
        Invoice.objects.for_tenant(tenant)
        .filter(status__in=RECEIVABLE_STATUSES, balance_due__gt=0, due_date__lt=today)
        .select_related("customer")
        .order_by("due_date", "id")
    )


def customer_credits(tenant):
    """Customers with unapplied payments (credit on account), largest first."""
    return (
        Payment.objects.for_tenant(tenant)
        .filter(unapplied_amount__gt=0)
        .values("customer")
        .annotate(
            customer_code=F("customer__code"),
            customer_name=F("customer__name"),
            payments=Sum(Value(1, output_field=IntegerField())),
            unapplied_amount=Sum("unapplied_amount"),
        )
        .order_by("-unapplied_amount", "customer")
    )


def _total(queryset, field: str) -> Decimal:
    return round_money(queryset.aggregate(total=Coalesce(Sum(field), Value(ZERO), output_field=MONEY))["total"])


def statement_currencies(tenant, customer) -> list[str]:
    """The currencies the customer has invoices or payments in, the customer's own currency first."""
    found = set(
        Invoice.objects.for_tenant(tenant)
        .filter(customer=customer, status__in=COUNTED_INVOICE_STATUSES)
        .values_list("currency", flat=True)
        .distinct()
    )
    found |= set(Payment.objects.for_tenant(tenant).filter(customer=customer).values_list("currency", flat=True))
    found.add(customer.currency)
    return sorted(found, key=lambda code: (code != customer.currency, code))


def statement(tenant, customer, start: datetime.date, end: datetime.date, currency: str | None = None) -> dict:
    """The customer's account in one currency (the customer's own by default) for a period: opening balance,
    every invoice (charge), credit memo and payment (credits) with a running balance, the closing balance,
    what is still open with its aging, and credit on account. The closing balance equals the open invoices
    less the unapplied credit. A customer with business in several currencies has one statement per currency
    (`currencies` lists them); their balances are never added together."""
    currency = currency or customer.currency
    invoices = Invoice.objects.for_tenant(tenant).filter(
        customer=customer, status__in=COUNTED_INVOICE_STATUSES, currency=currency
    )
    memos = CreditMemo.objects.for_tenant(tenant).filter(
        customer=customer, status=CREDIT_MEMO_APPLIED, invoice__currency=currency
    )
    payments = Payment.objects.for_tenant(tenant).filter(customer=customer, currency=currency)
    opening = (
        _total(invoices.filter(invoice_date__lt=start), "total")
        - _total(memos.filter(memo_date__lt=start), "amount")
        - _total(payments.filter(payment_date__lt=start), "amount")
    )
    events = [
        (row["invoice_date"], 0, row["id"], "invoice", row["number"], row["customer_po_number"], row["total"], ZERO)
        for row in invoices.filter(invoice_date__range=(start, end)).values(
            "id", "invoice_date", "number", "customer_po_number", "total"
        )
    ]
    events += [
        (row["memo_date"], 1, row["id"], "credit_memo", row["number"], row["invoice__number"], ZERO, row["amount"])
        for row in memos.filter(memo_date__range=(start, end)).values(
            "id", "memo_date", "number", "invoice__number", "amount"
        )
    ]
    events += [
        (row["payment_date"], 2, row["id"], "payment", row["number"], row["reference"], ZERO, row["amount"])
        for row in payments.filter(payment_date__range=(start, end)).values(
            "id", "payment_date", "number", "reference", "amount"
        )
    ]
    balance = opening
    lines = []
    for day, _order, _pk, kind, number, reference, charges, credits in sorted(events):
        balance = balance + charges - credits
        lines.append(
            {
                "date": day,
                "kind": kind,
                "number": number,
                "reference": reference or "",
                "charges": round_money(charges),
                "credits": round_money(credits),
                "balance": round_money(balance),
            }
        )
    open_rows = open_invoices_as_of(tenant, end, customer=customer).filter(currency=currency).order_by("due_date", "id")
    open_invoices = [
        {
            "invoice": row["id"],
            "number": row["number"],
            "invoice_date": row["invoice_date"],
            "due_date": row["due_date"],
            "days_past_due": max((end - row["due_date"]).days, 0),
            "total": round_money(row["total"]),
            "balance_due": round_money(row["balance_as_of"]),
        }
        for row in open_rows.values("id", "number", "invoice_date", "due_date", "total", "balance_as_of")
    ]
    applied_by_end = _total(
        PaymentApplication.objects.for_tenant(tenant).filter(
            payment__customer=customer, payment__currency=currency, applied_on__lte=end
        ),
        "amount",
    )
    unapplied = _total(payments.filter(payment_date__lte=end), "amount") - applied_by_end
    return {
        "customer": customer.pk,
        "customer_code": customer.code,
        "customer_name": customer.name,
        "currency": currency,
        "currencies": statement_currencies(tenant, customer),
        "start": start,
        "end": end,
        "opening_balance": round_money(opening),
        "lines": lines,
        "closing_balance": round_money(balance),
        "open_invoices": open_invoices,
        "aging": {"currency": currency, **aging_for_customer(tenant, customer, end, currency)},
        "unapplied_credit": round_money(unapplied),
    }
