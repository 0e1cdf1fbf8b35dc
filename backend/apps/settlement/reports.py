"""Settled-margin reports and sales rep commissions, from the frozen settlement entries only (an open load has no
settled figures). One aggregate query per report; amounts are summed per currency and never across currencies.

A figure counts under a dimension value when its document names exactly one (an invoice line its product; a
freight bill the customer only when the load has one customer); figures that name none are on the row with
key null ("not attributed"), so every report's rows add up to the same totals per currency."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Case, Count, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from apps.core.csv_io import to_cell
from apps.core.money import currencies_in_order, round_money, to_decimal

from .models import EntryBasis, EntryKind, SettlementEntry, SettlementStatus

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=16, decimal_places=2)
KIND_NAMES = [kind.value for kind in EntryKind]
COST_NAMES = [name for name in KIND_NAMES if name != EntryKind.REVENUE]

# dimension -> (group key, label fields)
DIMENSIONS = {
    "customer": ("customer_id", ["customer__name"]),
    "supplier": ("supplier_id", ["supplier__name"]),
    "product": ("product_id", ["product__code", "product__description"]),
    "protein": ("protein_id", ["protein__name"]),
    "lane": ("lane", []),
    "sales_rep": (
        "sales_rep_id",
        ["sales_rep__user__first_name", "sales_rep__user__last_name", "sales_rep__user__username"],
    ),
    "load": ("settlement__load_id", ["settlement__load__number"]),
}
REPORT_COLUMNS = [
    "dimension",
    "key",
    "label",
    "currency",
    "loads",
    "revenue",
    "product_cost",
    "freight",
    "cold_storage",
    "claims",
    "margin",
    "margin_estimate",
]


def settled_entries(tenant, date_from: datetime.date | None, date_to: datetime.date | None, currency=None):
    entries = SettlementEntry.objects.for_tenant(tenant).filter(settlement__status=SettlementStatus.SETTLED)
    if date_from:
        entries = entries.filter(settlement__period_date__gte=date_from)
    if date_to:
        entries = entries.filter(settlement__period_date__lte=date_to)
    if currency:
        entries = entries.filter(currency=currency)
    return entries


def _sums() -> dict:
    sums = {
        name: Coalesce(Sum("amount", filter=Q(kind=name, basis=EntryBasis.ACTUAL)), Value(ZERO), output_field=MONEY)
        for name in KIND_NAMES
    }
    signed = Case(When(kind=EntryKind.REVENUE, then=F("amount")), default=-F("amount"), output_field=MONEY)
    sums["margin_estimate"] = Coalesce(
        Sum(signed, filter=Q(basis=EntryBasis.ESTIMATE)), Value(ZERO), output_field=MONEY
    )
    sums["loads"] = Count("settlement", distinct=True)
    return sums


def _label(dimension: str, row: dict) -> str:
    if dimension == "lane":
        return row["key"] or ""
    if dimension == "sales_rep":
        name = " ".join(
            part for part in (row.get("sales_rep__user__first_name"), row.get("sales_rep__user__last_name")) if part
        )
        return name or row.get("sales_rep__user__username") or ""
    return " ".join(str(row[field]) for field in DIMENSIONS[dimension][1] if row.get(field))


def _figures(row: dict) -> dict:
    figures = {name: round_money(row[name]) for name in KIND_NAMES}
    figures["margin"] = round_money(figures[EntryKind.REVENUE] - sum((figures[name] for name in COST_NAMES), ZERO))
    figures["margin_estimate"] = round_money(row["margin_estimate"])
    return figures


def margin_report(tenant, *, by: str, date_from=None, date_to=None, currency=None) -> dict:
    """Settled loads with their period day in [date_from, date_to], grouped by `by` (customer, supplier, product,
    protein, lane, sales_rep, load) and currency: the actual revenue, each cost, the margin and the estimated
    margin. `totals`: one row per currency."""
    key, label_fields = DIMENSIONS[by]
    entries = settled_entries(tenant, date_from, date_to, currency)
    grouped = entries.values(key, "currency", *label_fields).annotate(**_sums()).order_by(key, "currency")
    rows = []
    for row in grouped:
        row = {**row, "key": row[key]}
        rows.append(
            {
                "dimension": by,
                "key": row["key"] if row["key"] not in ("",) else None,
                "label": _label(by, row) or "(not attributed)",
                "currency": row["currency"],
                "loads": row["loads"],
                **_figures(row),
            }
        )
    rows.sort(key=lambda r: (r["key"] is None, r["label"].lower(), r["currency"]))
    per_currency = {row["currency"]: row for row in entries.values("currency").annotate(**_sums()).order_by()}
    totals = [
        {"currency": code, "loads": per_currency[code]["loads"], **_figures(per_currency[code])}
        for code in currencies_in_order(tenant, per_currency)
    ]
    return {"dimension": by, "date_from": date_from, "date_to": date_to, "rows": rows, "totals": totals}


class _Echo:
    def write(self, value):
        return value


def margin_report_csv(report: dict):
    """The report's rows as CSV lines (a generator, for a streamed response); formula cells escaped like every
    export (apps.core.csv_io.to_cell)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(REPORT_COLUMNS)
    for row in report["rows"]:
        yield writer.writerow([to_cell(row.get(column)) for column in REPORT_COLUMNS])


# --- commissions ------------------------------------------------------------------------------------------------

DEFAULT_RULE = {"commission_percent": Decimal("0"), "commission_floor": Decimal("0")}


def commission_rule(tenant) -> dict[str, Decimal]:
    """The tenant's rule (Tenant.settings, checked by apps.tenants.settings_schema): `commission_percent` of each
    settled load's margin, at least `commission_floor` per load (default 0: a loss earns no negative commission)."""
    settings = getattr(tenant, "settings", None) or {}
    rule = {}
    for key, default in DEFAULT_RULE.items():
        value = settings.get(key)
        try:
            rule[key] = default if value in (None, "") else to_decimal(value)
        except (InvalidOperation, ValueError, TypeError):
            rule[key] = default
    return rule


def commissions(tenant, *, date_from=None, date_to=None, sales_rep=None) -> dict:
    """Per sales rep and currency, over settled loads with their period day in the range: the loads, their
    settled margin attributed to the rep, and the commission by the tenant's rule (per load: margin x percent,
    rounded to the cent, never under the floor). `loads` lists each load's figures."""
    rule = commission_rule(tenant)
    signed = Case(When(kind=EntryKind.REVENUE, then=F("amount")), default=-F("amount"), output_field=MONEY)
    entries = settled_entries(tenant, date_from, date_to).filter(basis=EntryBasis.ACTUAL, sales_rep__isnull=False)
    if sales_rep is not None:
        entries = entries.filter(sales_rep=sales_rep)
    per_load = (
        entries.values(
            "sales_rep_id",
            "sales_rep__user__first_name",
            "sales_rep__user__last_name",
            "sales_rep__user__username",
            "currency",
            "settlement_id",
            "settlement__load_id",
            "settlement__load__number",
            "settlement__period_date",
        )
        .annotate(margin=Coalesce(Sum(signed), Value(ZERO), output_field=MONEY))
        .order_by("sales_rep_id", "currency", "settlement__period_date", "settlement_id")
    )
    reps: dict[tuple, dict] = {}
    loads = []
    for row in per_load:
        margin = round_money(row["margin"])
        commission = max(round_money(margin * rule["commission_percent"] / 100), round_money(rule["commission_floor"]))
        name = _label("sales_rep", row)
        loads.append(
            {
                "sales_rep": row["sales_rep_id"],
                "sales_rep_name": name,
                "currency": row["currency"],
                "load": row["settlement__load_id"],
                "load_number": row["settlement__load__number"],
                "period_date": row["settlement__period_date"],
                "margin": margin,
                "commission": commission,
            }
        )
        key = (row["sales_rep_id"], row["currency"])
        total = reps.setdefault(
            key,
            {
                "sales_rep": row["sales_rep_id"],
                "sales_rep_name": name,
                "currency": row["currency"],
                "loads": 0,
                "margin": ZERO,
                "commission": ZERO,
            },
        )
        total["loads"] += 1
        total["margin"] = round_money(total["margin"] + margin)
        total["commission"] = round_money(total["commission"] + commission)
    return {
        "date_from": date_from,
        "date_to": date_to,
        "commission_percent": rule["commission_percent"],
        "commission_floor": rule["commission_floor"],
        "reps": sorted(reps.values(), key=lambda r: (r["sales_rep_name"].lower(), r["currency"])),
        "loads": loads,
    }
