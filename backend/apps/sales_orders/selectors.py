"""Margin reads: the one place the dashboard, reports and the AI assistant's chat get sales and margin figures.

Which orders count: booked sales orders (confirmed, shipped, delivered, invoiced); drafts and cancelled orders
never do. An order is *uncosted* when a line has no known buy cost (no purchase line behind it, or one that
cannot be costed): its stored `margin` is null, it is left out of every margin total, and it is counted
apart (`uncosted_orders`, `uncosted_sales`) instead of counting as 100 % margin."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.money import round_money

from .models import SalesOrder
from .models import SalesOrderStatus as S

MARGIN_STATUSES = (S.CONFIRMED, S.SHIPPED, S.DELIVERED, S.INVOICED)
ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=14, decimal_places=2)
# Costed = every line has a known buy cost (rows stored before margins became null are judged by the flag too).
COSTED = Q(buy_cost_complete=True)


def _money_sum(field: str, **extra) -> Coalesce:
    return Coalesce(Sum(field, **extra), Value(ZERO), output_field=_MONEY)


def booked_orders(tenant, *, since=None, until=None):
    """Sales orders that count for sales and margin, by order date (inclusive bounds)."""
    orders = SalesOrder.objects.for_tenant(tenant).filter(status__in=MARGIN_STATUSES)
    if since is not None:
        orders = orders.filter(order_date__gte=since)
    if until is not None:
        orders = orders.filter(order_date__lte=until)
    return orders


def margin_annotations() -> dict:
    """Aggregates for .aggregate() or .values(...).annotate(): sales of all booked orders, margin of the
    costed ones only, and the uncosted ones counted apart."""
    return {
        "orders": Count("id"),
        "sales": _money_sum("total"),
        "gross_margin": _money_sum("margin", filter=COSTED),
        "costed_orders": Count("id", filter=COSTED),
        "costed_sales": _money_sum("total", filter=COSTED),
        "uncosted_orders": Count("id", filter=~COSTED),
        "uncosted_sales": _money_sum("total", filter=~COSTED),
    }


def margin_figures(row: dict) -> dict:
    """The aggregates of one row, rounded; `margin_percent` is margin over the costed orders' sales."""
    costed_sales = round_money(row.get("costed_sales") or ZERO)
    margin = round_money(row.get("gross_margin") or ZERO)
    return {
        "orders": row.get("orders", 0),
        "sales": round_money(row.get("sales") or ZERO),
        "gross_margin": margin,
        "margin_percent": round_money(margin * 100 / costed_sales) if costed_sales else None,
        "costed_orders": row.get("costed_orders", 0),
        "uncosted_orders": row.get("uncosted_orders", 0),
        "uncosted_sales": round_money(row.get("uncosted_sales") or ZERO),
    }


def margin_summary(orders) -> dict:
    """One set of figures over a queryset of booked orders."""
    return margin_figures(orders.aggregate(**margin_annotations()))


def margin_rows(orders, *group_by: str, order_by: tuple[str, ...] = ()):
    """Figures per group (customer, month, ...) as a values() queryset with the raw aggregates."""
    rows = orders.values(*group_by).annotate(**margin_annotations())
    return rows.order_by(*order_by) if order_by else rows
