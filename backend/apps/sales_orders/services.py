"""Sales order workflows: create and edit with lines, confirm (with the credit check), ship, deliver, cancel;
the customer's credit exposure; margins (sell - buy - freight). One transaction each, the order row locked."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from apps.core.choices import PriceUnit
from apps.core.exceptions import Conflict
from apps.core.lines.services import write_lines
from apps.core.money import line_total, round_money, sum_money
from apps.core.numbering import next_number
from apps.core.services import (
    author,
    changed_fields,
    check_date_order,
    check_fields,
    check_not_duplicate,
    check_same_tenant,
    diff_and_save,
    resolve_role,
    typed,
)
from apps.core.workflow import record_event
from apps.tenants.models import Role, role_at_least

from .models import UNINVOICED_OPEN_STATUSES, SalesOrder, SalesOrderLine
from .models import SalesOrderStatus as S
from .workflows import ORDER_FIELDS, WORKFLOW

# Finished orders are not edited; corrections go through the invoice (credit memo). The lifecycle (actions, roles,
# which fields change when) is declared once in workflows.py.
FROZEN_STATUSES = {S.INVOICED, S.CANCELLED}


def _lock(order: SalesOrder) -> SalesOrder:
    return SalesOrder.objects.select_for_update().get(pk=order.pk)


# --- Credit ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerExposure:
    """What a customer owes or is committed to: unpaid invoice balances plus confirmed, not yet invoiced orders."""

    customer_id: int
    open_invoices_balance: Decimal
    uninvoiced_orders_total: Decimal
    open_balance: Decimal
    credit_limit: Decimal | None
    credit_hold: bool
    available_credit: Decimal | None  # None when no credit limit is set

    def as_dict(self) -> dict:
        return {
            "customer": self.customer_id,
            "open_invoices_balance": str(self.open_invoices_balance),
            "uninvoiced_orders_total": str(self.uninvoiced_orders_total),
            "open_balance": str(self.open_balance),
            "credit_limit": None if self.credit_limit is None else str(self.credit_limit),
            "credit_hold": self.credit_hold,
            "available_credit": None if self.available_credit is None else str(self.available_credit),
        }


def customer_exposure(customer) -> CustomerExposure:
    """THE credit exposure of a customer (used by confirmation, the API and reports)."""
    from apps.invoices.models import Invoice, InvoiceStatus

    invoices = (
        Invoice.objects.filter(tenant_id=customer.tenant_id, customer=customer)
        .exclude(status=InvoiceStatus.VOID)
        .aggregate(balance=Sum("balance_due"))["balance"]
    )
    orders = SalesOrder.objects.filter(
        tenant_id=customer.tenant_id, customer=customer, status__in=UNINVOICED_OPEN_STATUSES
    ).aggregate(total=Sum("total"))["total"]
    invoices_balance = round_money(invoices or 0)
    orders_total = round_money(orders or 0)
    open_balance = sum_money([invoices_balance, orders_total])
    limit = customer.credit_limit
    return CustomerExposure(
        customer_id=customer.pk,
        open_invoices_balance=invoices_balance,
        uninvoiced_orders_total=orders_total,
        open_balance=open_balance,
        credit_limit=None if limit is None else round_money(limit),
        credit_hold=customer.credit_hold,
        available_credit=None if limit is None else round_money(limit - open_balance),
    )


def check_credit(order: SalesOrder, *, by, role: str | None, override_reason: str = "") -> None:
    """409 with the figures when the customer is on credit hold or the order would exceed the credit limit
    (no limit set = no limit checked); a manager may override with a reason, which is recorded."""
    from apps.customers.models import Customer

    # One credit decision at a time per customer, so two orders cannot both slip under the limit.
    customer = Customer.objects.select_for_update().get(pk=order.customer_id)
    exposure = customer_exposure(customer)
    if customer.credit_hold:
        problem, message = "credit_hold", f"{customer.name} is on credit hold; accounting must release it first."
    elif exposure.credit_limit is not None and exposure.open_balance + order.total > exposure.credit_limit:
        problem = "credit_limit_exceeded"
        message = (
            f"Credit limit exceeded: {customer.name} has {exposure.open_balance} open and this order adds "
            f"{order.total}, over the limit of {exposure.credit_limit}. Take payment first or ask a manager to "
            "confirm with an override reason."
        )
    else:
        return
    figures = {
        "credit_problem": problem,
        "open_balance": str(exposure.open_balance),
        "order_total": str(order.total),
        "credit_limit": None if exposure.credit_limit is None else str(exposure.credit_limit),
        "credit_hold": customer.credit_hold,
    }
    if not (override_reason or "").strip():
        raise Conflict(message, **figures)
    if not role_at_least(role, Role.MANAGER):
        raise PermissionDenied("Only a manager may confirm over a credit hold or limit.")
    record_event(order, "credit_override", by=by, reason=override_reason.strip(), changes=figures)


# --- Amounts and margin ---------------------------------------------------------------------------


def line_buy_cost(line: SalesOrderLine) -> Decimal | None:
    """The purchase line's cost per lb times this line's weight (the buying side's purchase_cost_for); per case /
    each when this line has no weight. None when the line is not linked to a purchase line or cannot be costed."""
    from apps.purchase_orders.services import purchase_cost_for

    po_line = line.source_purchase_order_line
    if po_line is None:
        return None
    weight = line.weight_lb
    if weight is not None and po_line.cost_per_lb is not None:
        return purchase_cost_for(po_line, weight_lb=weight)
    if po_line.price_unit in (PriceUnit.CASE, PriceUnit.EACH) and line.boxes is not None:
        return line_total(po_line.price_unit, po_line.unit_price, boxes=line.boxes, pieces=line.boxes)
    return None


def freight_cost_for(order: SalesOrder, lines: list[SalesOrderLine]) -> Decimal:
    """Freight this order carries: for each line bought on a purchase order, that order's freight per lb (its
    share of its loads, from the loads app) times this line's weight."""
    from apps.loads.services import freight_cost_per_lb_for_purchase_order

    per_lb: dict[int, Decimal | None] = {}
    shares = []
    for line in lines:
        po_line = line.source_purchase_order_line
        weight = line.weight_lb
        if po_line is None or weight is None:
            continue
        if po_line.order_id not in per_lb:
            per_lb[po_line.order_id] = freight_cost_per_lb_for_purchase_order(po_line.order)
        if per_lb[po_line.order_id] is not None:
            shares.append(line_total(PriceUnit.LB, per_lb[po_line.order_id], weight_lb=weight))
    return sum_money(shares)


def refresh_order_amounts(order: SalesOrder) -> SalesOrder:
    """Reprice every line and store the order's total, buy cost, freight and margin (money helpers only)."""
    lines = list(order.lines.select_related("source_purchase_order_line__order"))
    for line in lines:
        before = (line.line_total, line.buy_cost)
        line.price()
        if (line.line_total, line.buy_cost) != before:
            line.save(update_fields=["line_total", "buy_cost", "updated_at"])
    order.total = sum_money(line.line_total for line in lines)
    known_costs = [line.buy_cost for line in lines if line.buy_cost is not None]
    order.buy_cost = sum_money(known_costs)
    order.buy_cost_complete = len(known_costs) == len(lines)
    order.freight_cost = freight_cost_for(order, lines)
    # An uncosted order (a line without a known buy cost) has no margin: never sell price as 100 % margin.
    order.margin = round_money(order.total - order.buy_cost - order.freight_cost) if order.buy_cost_complete else None
    order.save(update_fields=["total", "buy_cost", "buy_cost_complete", "freight_cost", "margin", "updated_at"])
    return order


def refresh_orders_of_purchase_order(purchase_order) -> int:
    """Re-cost the open sales orders filled from a purchase order; the buying side calls it after the order's
    prices, weights or loads change. Returns how many orders were refreshed."""
    count = 0
    orders = SalesOrder.objects.filter(lines__source_purchase_order_line__order=purchase_order).distinct()
    for order in orders.exclude(status__in=FROZEN_STATUSES):
        refresh_order_amounts(order)
        count += 1
    return count


def margin_percent(margin: Decimal, total: Decimal) -> Decimal | None:
    if not total:
        return None
    return round_money(margin * 100 / total)


# --- Create and edit ------------------------------------------------------------------------------


def _write_lines(order: SalesOrder, lines: list[dict], *, by, role: str | None, check: bool = True) -> list[dict]:
    """The shared line write (apps.core.lines); from confirmation on, price changes, added and removed lines need
    a manager (the workflow's edit rules) and price changes are recorded apart."""

    def link_source(line: SalesOrderLine) -> None:
        if line.source_purchase_order_line_id:
            order.source_purchase_orders.add(line.source_purchase_order_line.order_id)

    written = write_lines(
        order,
        lines,
        model=SalesOrderLine,
        by=by,
        check_edit=(lambda names: WORKFLOW.check_edit(order, names, role=role)) if check else None,
        prices_agreed=order.status != S.DRAFT,
        on_saved=link_source,
    )
    if written.prices:
        record_event(order, "price_edited", by=by, changes={"lines": written.prices})
    return written.lines


def _check_customer_po(tenant, customer, number: str | None, confirm: bool, exclude=None) -> None:
    """One customer PO, one sales order: the same PO uploaded as a PDF and again as a photo must not become two
    orders without the broker saying so. Cancelled orders do not count."""
    number = (number or "").strip()
    if not number or customer is None:
        return
    others = SalesOrder.objects.for_tenant(tenant).filter(customer=customer, customer_po_number__iexact=number)
    others = others.exclude(status=S.CANCELLED).exclude(pk=exclude)
    check_not_duplicate(others, confirm=confirm, message=f"Customer PO {number} is already on sales order")


def _check_carrier(order: SalesOrder, previous_carrier_id=None) -> None:
    from apps.carriers.services import ensure_carrier_assignable

    if order.carrier_id and order.carrier_id != previous_carrier_id:
        ensure_carrier_assignable(order.carrier)


@transaction.atomic
def create_sales_order(
    *,
    tenant,
    by,
    lines: list[dict] | None = None,
    source_purchase_orders=(),
    confirm_duplicate: bool = False,
    **fields,
) -> SalesOrder:
    """A draft order with its number (SO-2026-000123) and lines. Unknown fields and links to another tenant's
    rows are refused (400), whoever calls (the API, the assistant, a script); so is a delivery date before the
    pickup date. The customer's PO number already on another order is a 409 naming it, unless confirmed."""
    check_fields(fields, ORDER_FIELDS - {"source_purchase_orders"}, "sales order")
    lines = list(lines or [])
    check_same_tenant(tenant, fields, list(source_purchase_orders or []))
    fields = typed(SalesOrder, fields)
    check_date_order(None, fields)
    _check_customer_po(tenant, fields.get("customer"), fields.get("customer_po_number"), confirm_duplicate)
    order = SalesOrder(tenant=tenant, created_by=author(by), **fields)
    _check_carrier(order)
    order.number = next_number(tenant, "SO", on=order.order_date)
    order.save()
    if source_purchase_orders:
        order.source_purchase_orders.set(source_purchase_orders)
    _write_lines(order, lines, by=by, role=None, check=False)
    refresh_order_amounts(order)
    record_event(order, "created", by=by, to_status=order.status)
    return order


@transaction.atomic
def update_sales_order(
    order: SalesOrder,
    *,
    by,
    role: str | None = None,
    lines: list[dict] | None = None,
    source_purchase_orders=None,
    confirm_duplicate: bool = False,
    **fields,
) -> SalesOrder:
    order = _lock(order)
    check_fields(fields, ORDER_FIELDS - {"source_purchase_orders"}, "sales order")
    check_same_tenant(order.tenant, fields, list(source_purchase_orders or []))
    fields = typed(SalesOrder, fields)
    check_date_order(order, fields)
    if "customer_po_number" in fields or "customer" in fields:
        customer = fields.get("customer", order.customer)
        number = fields.get("customer_po_number", order.customer_po_number)
        if (getattr(customer, "pk", customer), number) != (order.customer_id, order.customer_po_number):
            _check_customer_po(order.tenant, customer, number, confirm_duplicate, exclude=order.pk)
    role = resolve_role(tenant=order.tenant, by=by, role=role)
    changing = set(changed_fields(order, fields))
    if source_purchase_orders is not None:
        changing.add("source_purchase_orders")
    if lines is not None and not changing and order.status in FROZEN_STATUSES:
        changing.add("lines")
    WORKFLOW.check_edit(order, changing, role=role)
    previous_carrier = order.carrier_id
    before_total = order.total
    changes = diff_and_save(order, fields, by=by, record=False)
    _check_carrier(order, previous_carrier)
    if source_purchase_orders is not None:
        order.source_purchase_orders.set(source_purchase_orders)
    if lines is not None:
        if line_changes := _write_lines(order, lines, by=by, role=role):
            changes["lines"] = line_changes
    order = refresh_order_amounts(order)
    if order.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(order.total)}
    if changes:
        record_event(order, "updated", by=by, changes=changes)
    return order


def delete_sales_order(order: SalesOrder) -> None:
    if order.status != S.DRAFT:
        raise Conflict(
            f"Sales order {order.number} is {order.get_status_display().lower()}; only drafts can be deleted "
            "(cancel it instead).",
            current_status=order.status,
        )
    order.delete()


# --- Transitions ----------------------------------------------------------------------------------


@transaction.atomic
def perform_action(
    order: SalesOrder, *, action: str, by=None, role: str | None = None, reason: str = "", **updates
) -> SalesOrder:
    """Do a declared workflow action: the row locked, role and state checked (403 / 409), the guard, the move,
    the timeline event. Every move but cancelling refreshes the order's amounts first."""
    order = _lock(order)
    declared = WORKFLOW.action(action)
    role = resolve_role(tenant=order.tenant, by=by, role=role)
    WORKFLOW.ensure_allowed(order, declared, role=role)
    if declared.target not in (None, S.CANCELLED):
        refresh_order_amounts(order)
    return _move(order, declared, by=by, role=role, reason=reason, updates=updates)


def _move(order: SalesOrder, declared, *, by, role, reason: str = "", updates: dict) -> SalesOrder:
    """The move itself, on a locked order whose amounts are current (perform_action, confirm_sales_order)."""
    stamp = STAMPS.get(declared.target)
    if stamp:
        updates[stamp] = timezone.now()
    return WORKFLOW.perform(order, declared.name, by=by, role=role, reason=reason, updates=updates)


STAMPS = {
    S.CONFIRMED: "confirmed_at",
    S.SHIPPED: "shipped_at",
    S.DELIVERED: "delivered_at",
    S.CANCELLED: "cancelled_at",
}


@transaction.atomic
def confirm_sales_order(order: SalesOrder, *, by, role: str | None = None, override_reason: str = "") -> SalesOrder:
    """draft -> confirmed after the credit check (a manager may override it with a reason)."""
    order = _lock(order)
    role = resolve_role(tenant=order.tenant, by=by, role=role)
    declared = WORKFLOW.action("confirm")
    WORKFLOW.ensure_allowed(order, declared, role=role)
    declared.guard(order)
    refresh_order_amounts(order)
    check_credit(order, by=by, role=role, override_reason=override_reason)
    return _move(order, declared, by=by, role=role, updates={})  # locked and refreshed just above


@transaction.atomic
def ship_sales_order(order: SalesOrder, *, by, role: str | None = None, shipped_on=None) -> SalesOrder:
    order = _lock(order)
    WORKFLOW.ensure_allowed(order, WORKFLOW.action("ship"), role=resolve_role(tenant=order.tenant, by=by, role=role))
    updates = {}
    if shipped_on is not None or order.pickup_date is None:
        updates["pickup_date"] = shipped_on or timezone.localdate()
    return perform_action(order, action="ship", by=by, role=role, **updates)


@transaction.atomic
def deliver_sales_order(order: SalesOrder, *, by, role: str | None = None, delivered_on=None) -> SalesOrder:
    order = _lock(order)
    WORKFLOW.ensure_allowed(order, WORKFLOW.action("deliver"), role=resolve_role(tenant=order.tenant, by=by, role=role))
    updates = {}
    if delivered_on is not None or order.delivery_date is None:
        updates["delivery_date"] = delivered_on or timezone.localdate()
    return perform_action(order, action="deliver", by=by, role=role, **updates)


def cancel_sales_order(order: SalesOrder, *, by, role: str | None = None, reason: str = "") -> SalesOrder:
    return perform_action(order, action="cancel", by=by, role=role, reason=reason)


def mark_invoiced(order: SalesOrder, *, by, invoice) -> SalesOrder:
    """Called by the invoice service inside its transaction (order row already locked)."""
    refresh_order_amounts(order)
    return WORKFLOW.perform(order, "invoice", by=by, reason=f"invoice {invoice.number}")


def reopen_after_invoice_removed(order: SalesOrder, *, by, invoice, verb: str) -> SalesOrder:
    """An invoice of this order was voided or its draft deleted: the order is back to delivered, to re-invoice."""
    order = _lock(order)
    if order.status != S.INVOICED:
        return order
    order.status = S.DELIVERED
    order.save(update_fields=["status", "updated_at"])
    record_event(
        order,
        "invoice_removed",
        by=by,
        from_status=S.INVOICED,
        to_status=S.DELIVERED,
        reason=f"{verb} {invoice.number}",
    )
    return order
