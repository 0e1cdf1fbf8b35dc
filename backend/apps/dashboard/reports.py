"""The dashboard's figures, each one aggregate query (Sum / Count, TruncMonth) whatever the tenant's size:
open purchase orders, loads picking up, sales and gross margin, pounds by protein, receivables, top partners.

Sales and margins come from the one margin selector (apps.sales_orders.selectors): booked sales orders
(confirmed, shipped, delivered or invoiced) by order date; the margin is the stored sell - buy - freight of the
costed orders only, uncosted orders (a line without a known buy cost) are counted apart. Pounds are the lines'
catch weights, else their estimates.

Money figures are in the tenant's reporting currency (apps.core.money.reporting_currency); orders and invoices
in any other currency are summed per currency in `other_currencies`, never added into the reporting figures."""

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from apps.core.money import currencies_in_order, reporting_currency, round_money
from apps.invoices.models import RECEIVABLE_STATUSES, Invoice
from apps.loads.models import Load, LoadStatus
from apps.payables import reports as payables_reports
from apps.purchase_orders.models import OPEN_STATUSES, PurchaseOrder, PurchaseOrderStatus
from apps.sales_orders.models import SalesOrderLine
from apps.sales_orders.selectors import MARGIN_STATUSES, booked_orders, margin_figures, margin_rows

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
BOOKED_SALES_STATUSES = MARGIN_STATUSES
BOUGHT_STATUSES = (
    PurchaseOrderStatus.CONFIRMED,
    PurchaseOrderStatus.PICKED_UP,
    PurchaseOrderStatus.RECEIVED,
    PurchaseOrderStatus.CLOSED,
)
TOP = 5
LOADS_LISTED = 10


def money_sum(field: str, **extra) -> Coalesce:
    return Coalesce(Sum(field, **extra), Value(ZERO), output_field=MONEY)


def months_back(today: datetime.date, count: int) -> list[datetime.date]:
    """First days of the last `count` months, oldest first, ending with this month."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _month_key(value) -> datetime.date:
    # TruncMonth gives a date on PostgreSQL and SQLite alike for a DateField; be lenient with datetimes.
    return value.date() if isinstance(value, datetime.datetime) else value


def dashboard(tenant, today: datetime.date) -> dict:
    months = months_back(today, 12)
    first_month, this_month = months[0], months[-1]
    week_start = today - datetime.timedelta(days=today.weekday())
    week_end = week_start + datetime.timedelta(days=6)

    base = reporting_currency(tenant)
    all_purchase_orders = PurchaseOrder.objects.for_tenant(tenant)
    purchase_orders = all_purchase_orders.filter(currency=base)
    open_orders = purchase_orders.filter(status__in=OPEN_STATUSES).aggregate(
        count=Count("id"), value=money_sum("total")
    )

    loads = Load.objects.for_tenant(tenant).exclude(status=LoadStatus.CANCELLED)
    load_counts = loads.filter(pickup_date__range=(week_start, week_end)).aggregate(
        today=Count("id", filter=Q(pickup_date=today)), this_week=Count("id")
    )
    loads_today = list(
        loads.filter(pickup_date=today)
        .order_by("pickup_appointment_at", "id")
        .values("id", "number", "status", "carrier__name", "pickup_appointment_at", "delivery_location")[:LOADS_LISTED]
    )

    all_booked = booked_orders(tenant, since=first_month, until=today)
    booked = all_booked.filter(currency=base)
    by_month = {
        _month_key(row["month"]): row
        for row in margin_rows(booked.annotate(month=TruncMonth("order_date")), "month", order_by=("month",))
    }
    sales_by_month = [{"month": month, **margin_figures(by_month.get(month, {}))} for month in months]
    month_to_date = sales_by_month[-1]

    pounds = (
        SalesOrderLine.objects.for_tenant(tenant)
        .filter(
            order__status__in=BOOKED_SALES_STATUSES,
            order__order_date__gte=first_month,
            order__order_date__lte=today,
        )
        .annotate(
            month=TruncMonth("order__order_date"),
            protein_code=Coalesce("protein__code", "product__protein__code"),
        )
        .values("month", "protein_code")
        .annotate(
            pounds=Coalesce(
                Sum(Coalesce("actual_weight_lb", "estimated_weight_lb")),
                Value(ZERO),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
        .order_by("month", "protein_code")
    )
    pounds_by_protein = [
        {
            "month": _month_key(row["month"]),
            "protein": row["protein_code"] or "other",
            "pounds": round_money(row["pounds"]),
        }
        for row in pounds
    ]

    all_receivables = Invoice.objects.for_tenant(tenant).filter(status__in=RECEIVABLE_STATUSES, balance_due__gt=0)
    ar_figures = {
        "outstanding": money_sum("balance_due"),
        "open_invoices": Count("id"),
        "overdue": money_sum("balance_due", filter=Q(due_date__lt=today)),
        "overdue_invoices": Count("id", filter=Q(due_date__lt=today)),
        "overdue_customers": Count("customer", filter=Q(due_date__lt=today), distinct=True),
    }
    ar = all_receivables.filter(currency=base).aggregate(**ar_figures)

    top_customers = list(
        margin_rows(booked, "customer", "customer__code", "customer__name", order_by=("-sales", "customer"))[:TOP]
    )
    top_suppliers = list(
        purchase_orders.filter(status__in=BOUGHT_STATUSES, order_date__gte=first_month, order_date__lte=today)
        .values("supplier", "supplier__code", "supplier__name")
        .annotate(orders=Count("id"), purchases=money_sum("total"))
        .order_by("-purchases", "supplier")[:TOP]
    )

    return {
        "as_of": today,
        "currency": base,
        "other_currencies": _other_currencies(
            tenant,
            base,
            open_orders=all_purchase_orders.filter(status__in=OPEN_STATUSES),
            booked_this_month=all_booked.filter(order_date__gte=this_month),
            receivables=all_receivables,
            ar_figures=ar_figures,
        ),
        "open_purchase_orders": {"count": open_orders["count"], "value": round_money(open_orders["value"])},
        "loads": {
            "picking_up_today": load_counts["today"],
            "picking_up_this_week": load_counts["this_week"],
            "week_start": week_start,
            "week_end": week_end,
            "today": [
                {
                    "id": row["id"],
                    "number": row["number"],
                    "status": row["status"],
                    "carrier": row["carrier__name"],
                    "pickup_appointment_at": row["pickup_appointment_at"],
                    "delivery_location": row["delivery_location"],
                }
                for row in loads_today
            ],
        },
        "sales": {
            "month_to_date": {**month_to_date, "month": this_month},
            "by_month": sales_by_month,
        },
        "pounds_by_protein": pounds_by_protein,
        "receivables": {
            "outstanding": round_money(ar["outstanding"]),
            "open_invoices": ar["open_invoices"],
            "overdue": round_money(ar["overdue"]),
            "overdue_invoices": ar["overdue_invoices"],
            "overdue_customers": ar["overdue_customers"],
        },
        # Bills due in the next 7 days (overdue included) less open debit memos, per currency, never summed.
        "payables_due_7_days": payables_reports.cash_requirements(tenant, today + datetime.timedelta(days=7))["totals"],
        "top_customers": [
            {
                "customer": row["customer"],
                "code": row["customer__code"],
                "name": row["customer__name"],
                **margin_figures(row),
            }
            for row in top_customers
        ],
        "top_suppliers": [
            {
                "supplier": row["supplier"],
                "code": row["supplier__code"],
                "name": row["supplier__name"],
                "orders": row["orders"],
                "purchases": round_money(row["purchases"]),
            }
            for row in top_suppliers
        ],
    }


def _other_currencies(tenant, base: str, *, open_orders, booked_this_month, receivables, ar_figures) -> list[dict]:
    """The headline figures of every currency other than `base`, one row per currency (three grouped
    queries): open purchase orders, this month's sales and margin, receivables."""
    others = {}

    def row(currency: str) -> dict:
        return others.setdefault(
            currency,
            {
                "currency": currency,
                "open_purchase_orders": {"count": 0, "value": ZERO},
                "sales_month_to_date": margin_figures({}),
                "receivables": {key: ZERO if key in ("outstanding", "overdue") else 0 for key in ar_figures},
            },
        )

    for found in (
        open_orders.exclude(currency=base)
        .values("currency")
        .annotate(count=Count("id"), value=money_sum("total"))
        .order_by()
    ):
        row(found["currency"])["open_purchase_orders"] = {
            "count": found["count"],
            "value": round_money(found["value"]),
        }
    for found in margin_rows(booked_this_month.exclude(currency=base), "currency", order_by=("currency",)):
        row(found["currency"])["sales_month_to_date"] = margin_figures(found)
    for found in receivables.exclude(currency=base).values("currency").annotate(**ar_figures).order_by():
        row(found["currency"])["receivables"] = {
            key: round_money(found[key]) if key in ("outstanding", "overdue") else found[key] for key in ar_figures
        }
    return [others[code] for code in currencies_in_order(tenant, others)]
