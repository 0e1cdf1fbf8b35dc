"""The recall query: which customers received product from an establishment (and/or a lot, a product) produced
between two dates, on which lines, lots, loads and invoices.

The lot of what a customer received is read from the lines that reached them:
- a sales order line that has shipped (shipped, delivered or invoiced), with its own lot fields, or, when it has
  none, those of the purchase order line it was bought on (the same rule as SalesOrderLine.lot());
- an invoice line billed by hand (no sales order line), on an invoice that was issued (not a draft, not void).
Loads are the sales order's load and the loads its purchase order rode on; invoices are the invoices billing
the line (drafts too, not void ones). No model of its own: it reads the order apps' lines, scoped to one tenant."""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Case, F, Prefetch, Q, When

from apps.invoices.models import InvoiceLine, InvoiceStatus
from apps.sales_orders.models import SalesOrderLine, SalesOrderStatus

SHIPPED = (SalesOrderStatus.SHIPPED, SalesOrderStatus.DELIVERED, SalesOrderStatus.INVOICED)
BILLED = (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAID)
_TYPES = {
    "lot_number": models.CharField(),
    "establishment_number": models.CharField(),
    "production_date": models.DateField(),
    "pack_date": models.DateField(),
}


@dataclass(frozen=True)
class Criteria:
    establishment: str = ""  # normalised (apps.core.establishment)
    produced_from: date | None = None
    produced_to: date | None = None
    lot: str = ""
    product: int | None = None


@dataclass
class CustomerRecall:
    customer: int
    customer_code: str
    customer_name: str
    lots: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)


def _matching(queryset, criteria: Criteria, prefix: str = "t_"):
    """The criteria on the (annotated) lot fields; only lines that carry some lot data."""
    queryset = queryset.filter(
        Q(**{f"{prefix}lot_number__gt": ""})
        | Q(**{f"{prefix}establishment_number__gt": ""})
        | Q(**{f"{prefix}production_date__isnull": False})
    )
    if criteria.establishment:
        queryset = queryset.filter(**{f"{prefix}establishment_number": criteria.establishment})
    if criteria.produced_from:
        queryset = queryset.filter(**{f"{prefix}production_date__gte": criteria.produced_from})
    if criteria.produced_to:
        queryset = queryset.filter(**{f"{prefix}production_date__lte": criteria.produced_to})
    if criteria.lot:
        queryset = queryset.filter(**{f"{prefix}lot_number__iexact": criteria.lot})
    if criteria.product:
        queryset = queryset.filter(product_id=criteria.product)
    return queryset


def _sales_lines(tenant, criteria: Criteria):
    own = (
        Q(lot_number__gt="")
        | Q(establishment_number__gt="")
        | Q(production_date__isnull=False)
        | Q(pack_date__isnull=False)
    )
    lot = {
        f"t_{name}": Case(When(own, then=F(name)), default=F(f"source_purchase_order_line__{name}"), output_field=kind)
        for name, kind in _TYPES.items()
    }
    queryset = (
        SalesOrderLine.objects.filter(tenant=tenant, order__status__in=SHIPPED)
        .annotate(**lot)
        .select_related("order__customer", "order__load", "product", "source_purchase_order_line__order")
        .prefetch_related(
            "source_purchase_order_line__order__load_orders__load",
            Prefetch(
                "invoice_lines",
                queryset=InvoiceLine.objects.exclude(invoice__status=InvoiceStatus.VOID).select_related("invoice"),
                to_attr="billed",
            ),
        )
        .order_by("order__customer__name", "order__number", "line_number")
    )
    return _matching(queryset, criteria)


def _hand_invoice_lines(tenant, criteria: Criteria):
    queryset = (
        InvoiceLine.objects.filter(tenant=tenant, sales_order_line__isnull=True, invoice__status__in=BILLED)
        .annotate(**{f"t_{name}": F(name) for name in _TYPES})
        .select_related("invoice__customer", "product")
        .order_by("invoice__customer__name", "invoice__number", "line_number")
    )
    return _matching(queryset, criteria)


def _row(line, *, customer, sales_order, loads, invoices, weight_lb) -> dict:
    return {
        "customer": customer.pk,
        "customer_code": customer.code,
        "customer_name": customer.name,
        "sales_order": sales_order.pk if sales_order else None,
        "sales_order_number": sales_order.number if sales_order else "",
        "line_number": line.line_number,
        "product": line.product_id,
        "product_code": line.product.code if line.product_id else "",
        "description": line.description,
        "lot_number": line.t_lot_number or "",
        "establishment_number": line.t_establishment_number or "",
        "production_date": line.t_production_date,
        "pack_date": line.t_pack_date,
        "boxes": line.boxes,
        "weight_lb": weight_lb,
        "loads": loads,
        "invoices": invoices,
    }


def recall_rows(tenant, criteria: Criteria) -> list[dict]:
    """One row per line that reached a customer, by customer name, then document number and line."""
    rows = []
    for line in _sales_lines(tenant, criteria):
        order = line.order
        loads = {order.load.number} if order.load_id else set()
        source = line.source_purchase_order_line
        if source is not None:
            loads |= {stop.load.number for stop in source.order.load_orders.all()}
        rows.append(
            _row(
                line,
                customer=order.customer,
                sales_order=order,
                loads=sorted(loads),
                invoices=sorted({billed.invoice.number for billed in line.billed}),
                weight_lb=line.weight_lb,
            )
        )
    for line in _hand_invoice_lines(tenant, criteria):
        invoice = line.invoice
        rows.append(
            _row(
                line,
                customer=invoice.customer,
                sales_order=None,
                loads=[],
                invoices=[invoice.number],
                weight_lb=line.weight_lb,
            )
        )
    rows.sort(key=lambda row: (row["customer_name"], row["customer"]))  # stable: documents stay in order
    return rows


def recall(tenant, criteria: Criteria) -> list[CustomerRecall]:
    """The rows grouped by customer (customer name order), each with its lots, loads and invoices."""
    groups: dict[int, CustomerRecall] = {}
    for row in recall_rows(tenant, criteria):
        group = groups.get(row["customer"])
        if group is None:
            group = groups[row["customer"]] = CustomerRecall(
                row["customer"], row["customer_code"], row["customer_name"]
            )
        group.lines.append(row)
    for group in groups.values():
        group.lots = sorted({row["lot_number"] for row in group.lines if row["lot_number"]})
        group.loads = sorted({load for row in group.lines for load in row["loads"]})
        group.invoices = sorted({number for row in group.lines for number in row["invoices"]})
    return list(groups.values())
