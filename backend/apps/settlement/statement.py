"""A load's statement, computed live from its documents: every figure as an entry (kind, estimate or actual,
currency, amount, document, report dimensions), the totals per currency, and what is missing before the load can
be settled. Other apps are read through their services or their rows' public fields; nothing here writes.

Where the figures come from (docs/api/settlement.md):
- revenue: estimate = the load's sales order lines; actual = their issued invoices (lines, plus the freight
  charged to the customer; tax is not revenue) less credit memos that are not a claim's;
- product cost: estimate = the purchase order lines at the PO price; actual = the supplier bills
  (apps.payables.services.posted_costs_for_load, kind "product");
- freight: estimate = the carrier's rate confirmation (linehaul + accessorials); actual = the freight bills;
- cold storage: the load's cold storage entries (estimate and actual alike: they are the only source);
- claims: approved claims' credits to the customer less what was charged back to a supplier or carrier.
Amounts in different currencies are never added together: every total is per currency."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal

from apps.core.money import currencies_in_order, round_money, sum_money

from .models import EntryBasis, EntryKind

ZERO = Decimal("0.00")
KINDS = [EntryKind.REVENUE, EntryKind.PRODUCT_COST, EntryKind.FREIGHT, EntryKind.COLD_STORAGE, EntryKind.CLAIMS]
COSTS = [EntryKind.PRODUCT_COST, EntryKind.FREIGHT, EntryKind.COLD_STORAGE, EntryKind.CLAIMS]
DIMENSIONS = ("customer_id", "supplier_id", "product_id", "protein_id", "sales_rep_id")


@dataclass
class Entry:
    kind: str
    basis: str
    currency: str
    amount: Decimal
    document: str = ""
    label: str = ""
    customer_id: int | None = None
    supplier_id: int | None = None
    product_id: int | None = None
    protein_id: int | None = None
    sales_rep_id: int | None = None
    lane: str = ""

    def as_row(self) -> dict:
        return asdict(self)


def _single(values):
    """The one value among `values` (None ignored), else None: a figure is attributed to a customer, a product…
    only when its document has exactly one."""
    found = {value for value in values if value is not None}
    return found.pop() if len(found) == 1 else None


def _place(city: str, state: str) -> str:
    return ", ".join(part for part in (city, state) if part)


@dataclass
class LoadScope:
    """What the load carries: its purchase orders, sales orders (not cancelled), their invoices (issued, not void),
    and the single-valued dimensions every load-level figure (freight, cold storage) is attributed to."""

    load: object
    purchase_orders: list
    sales_orders: list
    invoices: list
    customer_id: int | None
    supplier_id: int | None
    product_id: int | None
    protein_id: int | None
    sales_rep_id: int | None
    lane: str

    def dims(self, **overrides) -> dict:
        values = {
            "customer_id": self.customer_id,
            "supplier_id": self.supplier_id,
            "product_id": self.product_id,
            "protein_id": self.protein_id,
            "sales_rep_id": self.sales_rep_id,
            "lane": self.lane,
        }
        values.update(overrides)
        return values


def scope_of(load) -> LoadScope:
    from apps.invoices.models import InvoiceStatus
    from apps.loads.models import LoadOrder
    from apps.sales_orders.models import SalesOrder, SalesOrderStatus

    purchase_orders = [
        stop.purchase_order
        for stop in LoadOrder.objects.filter(load=load)
        .select_related("purchase_order__plant", "purchase_order__supplier")
        .prefetch_related("purchase_order__lines")
        .order_by("stop_number", "id")
    ]
    sales_orders = list(
        SalesOrder.objects.filter(load=load)
        .exclude(status=SalesOrderStatus.CANCELLED)
        .select_related("customer", "ship_to")
        .prefetch_related("lines", "invoices__lines", "invoices__credit_memos")
        .order_by("id")
    )
    invoices = [
        invoice
        for order in sales_orders
        for invoice in order.invoices.all()
        if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.VOID)
    ]
    po_lines = [line for order in purchase_orders for line in order.lines.all()]
    so_lines = [line for order in sales_orders for line in order.lines.all()]
    origin = ""
    if purchase_orders and purchase_orders[0].plant is not None:
        origin = _place(purchase_orders[0].plant.city, purchase_orders[0].plant.state)
    destination = ""
    if sales_orders and sales_orders[0].ship_to is not None:
        destination = _place(sales_orders[0].ship_to.city, sales_orders[0].ship_to.state)
    destination = destination or load.delivery_location
    lane = f"{origin or '?'} → {destination or '?'}" if (origin or destination) else ""
    return LoadScope(
        load=load,
        purchase_orders=purchase_orders,
        sales_orders=sales_orders,
        invoices=invoices,
        customer_id=_single(order.customer_id for order in sales_orders),
        supplier_id=_single(order.supplier_id for order in purchase_orders),
        product_id=_single(line.product_id for line in [*po_lines, *so_lines]),
        protein_id=_single(line.protein_id for line in [*po_lines, *so_lines]),
        sales_rep_id=_single(order.customer.sales_rep_id for order in sales_orders),
        lane=lane,
    )


# --- the figures ------------------------------------------------------------------------------------------------


def _revenue(scope: LoadScope, claim_memo_ids: set[int]) -> list[Entry]:
    from apps.invoices.models import CreditMemoStatus

    entries = []
    for order in scope.sales_orders:
        rep = order.customer.sales_rep_id
        for line in order.lines.all():
            entries.append(
                Entry(
                    EntryKind.REVENUE,
                    EntryBasis.ESTIMATE,
                    order.currency,
                    line.line_total,
                    order.number,
                    line.description,
                    **scope.dims(
                        customer_id=order.customer_id,
                        product_id=line.product_id,
                        protein_id=line.protein_id,
                        sales_rep_id=rep,
                    ),
                )
            )
    for invoice in scope.invoices:
        order = next(o for o in scope.sales_orders if o.pk == invoice.sales_order_id)
        rep = order.customer.sales_rep_id
        lines = list(invoice.lines.all())
        on_invoice = scope.dims(
            customer_id=invoice.customer_id,
            product_id=_single(line.product_id for line in lines),
            protein_id=_single(line.protein_id for line in lines),
            sales_rep_id=rep,
        )
        for line in lines:
            entries.append(
                Entry(
                    EntryKind.REVENUE,
                    EntryBasis.ACTUAL,
                    invoice.currency,
                    line.line_total,
                    invoice.number,
                    line.description,
                    **scope.dims(
                        customer_id=invoice.customer_id,
                        product_id=line.product_id,
                        protein_id=line.protein_id,
                        sales_rep_id=rep,
                    ),
                )
            )
        if invoice.freight_amount:
            entries.append(
                Entry(
                    EntryKind.REVENUE,
                    EntryBasis.ACTUAL,
                    invoice.currency,
                    invoice.freight_amount,
                    invoice.number,
                    "Freight charged",
                    **on_invoice,
                )
            )
        for memo in invoice.credit_memos.all():
            if memo.status != CreditMemoStatus.APPLIED or memo.pk in claim_memo_ids:
                continue
            entries.append(
                Entry(
                    EntryKind.REVENUE,
                    EntryBasis.ACTUAL,
                    invoice.currency,
                    -memo.amount,
                    memo.number,
                    f"Credit memo ({memo.get_reason_display()})",
                    **on_invoice,
                )
            )
    return entries


def _product_cost(scope: LoadScope, posted: list[dict]) -> list[Entry]:
    from .sources import bill_dimensions

    entries = []
    for order in scope.purchase_orders:
        for line in order.lines.all():
            entries.append(
                Entry(
                    EntryKind.PRODUCT_COST,
                    EntryBasis.ESTIMATE,
                    order.currency,
                    line.line_total,
                    order.number,
                    line.description,
                    **scope.dims(supplier_id=order.supplier_id, product_id=line.product_id, protein_id=line.protein_id),
                )
            )
    for cost in posted:
        if cost["kind"] != "product":
            continue
        dims = bill_dimensions(scope.load.tenant_id, cost["document"])
        entries.append(
            Entry(
                EntryKind.PRODUCT_COST,
                EntryBasis.ACTUAL,
                cost["currency"],
                cost["amount"],
                cost["document"],
                "Supplier bill" if cost["final"] else "Supplier bill (not approved yet)",
                **scope.dims(**dims),
            )
        )
    return entries


def _freight(scope: LoadScope, posted: list[dict]) -> list[Entry]:
    load = scope.load
    entries = []
    if load.total_freight_cost:
        entries.append(
            Entry(
                EntryKind.FREIGHT,
                EntryBasis.ESTIMATE,
                load.currency,
                load.total_freight_cost,
                load.number,
                "Rate confirmation (linehaul + accessorials)",
                **scope.dims(),
            )
        )
    for cost in posted:
        if cost["kind"] == "freight":
            entries.append(
                Entry(
                    EntryKind.FREIGHT,
                    EntryBasis.ACTUAL,
                    cost["currency"],
                    cost["amount"],
                    cost["document"],
                    "Freight bill" if cost["final"] else "Freight bill (not approved yet)",
                    **scope.dims(),
                )
            )
    return entries


def _cold_storage(scope: LoadScope) -> list[Entry]:
    from .sources import cold_storage_for

    entries = []
    for row in cold_storage_for(scope.load, scope.purchase_orders):
        for basis in (EntryBasis.ESTIMATE, EntryBasis.ACTUAL):
            entries.append(
                Entry(
                    EntryKind.COLD_STORAGE,
                    basis,
                    row.currency,
                    row.total_cost,
                    f"CS-{row.pk}",
                    row.description[:200] or "Cold storage",
                    **scope.dims(product_id=row.product_id or scope.product_id),
                )
            )
    return entries


def _claims(scope: LoadScope) -> list[Entry]:
    from .sources import claim_figures

    return [
        Entry(
            EntryKind.CLAIMS,
            EntryBasis.ACTUAL,
            row["currency"],
            row["amount"],
            row["document"],
            row["label"],
            **scope.dims(**row["dims"]),
        )
        for row in claim_figures(scope.load)
    ]


def entries_for(load, scope: LoadScope | None = None) -> list[Entry]:
    from .sources import claim_credit_memo_ids, posted_costs

    scope = scope or scope_of(load)
    posted = posted_costs(load)
    return [
        *_revenue(scope, claim_credit_memo_ids(load)),
        *_product_cost(scope, posted),
        *_freight(scope, posted),
        *_cold_storage(scope),
        *_claims(scope),
    ]


# --- totals -----------------------------------------------------------------------------------------------------


def totals(tenant, entries) -> list[dict]:
    """Per currency (the reporting currency first): each kind's estimate and actual, and the margin (revenue less
    every cost) estimated and actual, with the variance actual - estimate."""
    sums: dict[str, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        row = entry if isinstance(entry, dict) else entry.as_row()
        sums[row["currency"]][(row["kind"], row["basis"])].append(row["amount"])
    result = []
    for currency in currencies_in_order(tenant, sums):
        figures = {}
        for kind in KINDS:
            estimate = sum_money(sums[currency][(kind, EntryBasis.ESTIMATE)])
            actual = sum_money(sums[currency][(kind, EntryBasis.ACTUAL)])
            figures[kind] = {"estimate": estimate, "actual": actual, "variance": round_money(actual - estimate)}
        margin = {}
        for basis in (EntryBasis.ESTIMATE, EntryBasis.ACTUAL):
            margin[basis] = round_money(
                figures[EntryKind.REVENUE][basis] - sum((figures[kind][basis] for kind in COSTS), ZERO)
            )
        margin["variance"] = round_money(margin["actual"] - margin["estimate"])
        result.append({"currency": currency, **figures, "margin": margin})
    return result


def missing_documents(load, scope: LoadScope | None = None) -> list[dict]:
    """What is not in yet, each {"kind", "document", "message"}: [] means the load can be settled. The load must
    be delivered; every sales order on it invoiced (issued); every purchase order billed (all its lines, on bills
    that are approved or paid); the carrier's freight billed and approved; no claim still open."""
    from apps.loads.models import LoadStatus

    from .sources import open_claims, posted_costs, unbilled_purchase_orders

    scope = scope or scope_of(load)
    missing = []
    if load.status != LoadStatus.DELIVERED:
        missing.append(
            {
                "kind": "delivery",
                "document": load.number,
                "message": f"Load {load.number} is {load.get_status_display().lower()}; "
                "loads are settled once delivered.",
            }
        )
    if not scope.sales_orders:
        missing.append({"kind": "invoice", "document": "", "message": "No sales order travels on this load."})
    invoiced = {invoice.sales_order_id for invoice in scope.invoices}
    for order in scope.sales_orders:
        if order.pk not in invoiced:
            missing.append(
                {
                    "kind": "invoice",
                    "document": order.number,
                    "message": f"Sales order {order.number} has no issued invoice.",
                }
            )
    if not scope.purchase_orders:
        missing.append({"kind": "supplier_bill", "document": "", "message": "No purchase order rides on this load."})
    for order in unbilled_purchase_orders(scope.purchase_orders):
        missing.append(
            {
                "kind": "supplier_bill",
                "document": order.number,
                "message": f"Purchase order {order.number} is not (fully) billed by the supplier.",
            }
        )
    posted = posted_costs(load)
    for cost in posted:
        if not cost["final"]:
            word = "Supplier bill" if cost["kind"] == "product" else "Freight bill"
            missing.append(
                {
                    "kind": "supplier_bill" if cost["kind"] == "product" else "freight_bill",
                    "document": cost["document"],
                    "message": f"{word} {cost['document']} is not approved yet.",
                }
            )
    if not any(cost["kind"] == "freight" for cost in posted):
        missing.append(
            {
                "kind": "freight_bill",
                "document": load.number,
                "message": f"No freight bill from {load.carrier} for load {load.number} yet.",
            }
        )
    for claim in open_claims(load):
        missing.append(
            {
                "kind": "claim",
                "document": claim["number"],
                "message": f"Claim {claim['number']} is still {claim['status']}.",
            }
        )
    return missing
