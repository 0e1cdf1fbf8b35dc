"""Purchase order workflows, called alike by the API, the admin, the demo seeder and the AI assistant: create,
edit (prices fixed once confirmed), status transitions, and the purchase cost the selling side reads for margins.
Each public function is one transaction and locks the order row it changes."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from apps.core.choices import PriceUnit
from apps.core.exceptions import Conflict
from apps.core.lines.services import write_lines
from apps.core.money import line_total, sum_money, to_decimal
from apps.core.numbering import next_number
from apps.core.services import (
    check_date_order,
    check_fields,
    check_not_duplicate,
    check_same_tenant,
    display,
    resolve_role,
    typed,
)
from apps.core.workflow import record_event

from .models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus
from .workflows import WORKFLOW

ORDER_FIELDS = {
    "supplier",
    "supplier_confirmation_number",
    "plant",
    "supplier_contact",
    "order_date",
    "pickup_date",
    "pickup_window_from",
    "pickup_window_to",
    "delivery_date",
    "freight_terms",
    "carrier",
    "carrier_release_format",
    "carrier_release_number",
    "appointment_method",
    "customer",
    "currency",
    "notes",
}
# --- helpers ---------------------------------------------------------------------------------------------


def _ensure_carrier(carrier) -> None:
    from apps.carriers.services import ensure_carrier_assignable

    ensure_carrier_assignable(carrier)


def recompute_totals(order: PurchaseOrder) -> PurchaseOrder:
    lines = list(PurchaseOrderLine.objects.filter(order=order))
    order.subtotal = sum_money(line.line_total for line in lines)
    order.total = order.subtotal
    order.save(update_fields=["subtotal", "total", "updated_at"])
    return order


def _locked(order: PurchaseOrder) -> PurchaseOrder:
    return PurchaseOrder.objects.select_for_update().get(pk=order.pk)


def _fresh(order: PurchaseOrder) -> PurchaseOrder:
    return (
        PurchaseOrder.objects.select_related("supplier", "plant", "carrier", "customer", "supplier_contact")
        .prefetch_related(
            Prefetch("lines", queryset=PurchaseOrderLine.objects.select_related("product", "protein")),
            "load_orders__load",
        )
        .get(pk=order.pk)
    )


# --- create and edit ------------------------------------------------------------------------------------


def _check_confirmation_number(tenant, supplier, number: str | None, confirm: bool, exclude=None) -> None:
    """One supplier confirmation, one purchase order (the same confirmation uploaded twice, or typed in again),
    unless the broker confirms a second one. Cancelled orders do not count."""
    number = (number or "").strip()
    if not number or supplier is None:
        return
    others = PurchaseOrder.objects.for_tenant(tenant).filter(
        supplier=supplier, supplier_confirmation_number__iexact=number
    )
    others = others.exclude(status=PurchaseOrderStatus.CANCELLED).exclude(pk=exclude)
    check_not_duplicate(others, confirm=confirm, message=f"Supplier confirmation {number} is already on purchase order")


@transaction.atomic
def create_purchase_order(
    tenant, *, by=None, supplier, lines: list[dict] = (), confirm_duplicate: bool = False, **fields
) -> PurchaseOrder:
    """A new draft purchase order with its lines; number PO-<year>-<n> from the tenant's counter. A delivery
    date before the pickup date is a 400; the supplier's confirmation number already on another order of the
    supplier is a 409 naming it, unless confirmed.

    `lines`: dicts of product, description, protein, fresh_frozen, boxes, estimated_weight_lb, actual_weight_lb,
    unit_price, price_unit, and optionally weight_unit="kg" when the weights are given in kilograms.
    """
    check_fields(fields, ORDER_FIELDS - {"supplier"}, "purchase order")
    check_same_tenant(tenant, supplier, fields)
    if fields.get("carrier") is not None:
        _ensure_carrier(fields["carrier"])
    fields = typed(PurchaseOrder, fields)
    check_date_order(None, fields)
    _check_confirmation_number(tenant, supplier, fields.get("supplier_confirmation_number"), confirm_duplicate)
    order = PurchaseOrder(tenant=tenant, created_by=by if getattr(by, "pk", None) else None, supplier=supplier)
    for name, value in fields.items():
        setattr(order, name, value)
    order.number = next_number(tenant, "PO", on=order.order_date)
    order.save()
    write_lines(order, lines, model=PurchaseOrderLine, by=by)
    recompute_totals(order)
    record_event(order, "created", by=by, to_status=order.status)
    return _fresh(order)


@transaction.atomic
def update_purchase_order(
    order: PurchaseOrder, *, by=None, role: str | None = None, lines=None, confirm_duplicate: bool = False, **fields
):
    """Edit an order. Draft and sent orders: anything. From confirmation on: logistics fields only (dates,
    weights, release numbers, carrier); price changes need a manager and are recorded on the timeline.
    Closed and cancelled orders are not edited. `lines` (when given) is the full list: a line with an `id`
    updates that line, one without is added, missing ones are removed."""
    order = _locked(order)
    check_fields(fields, ORDER_FIELDS, "purchase order")
    fields = typed(PurchaseOrder, fields)
    check_same_tenant(order.tenant, fields)
    role = resolve_role(tenant=order.tenant, by=by, role=role)
    changed = {name: value for name, value in fields.items() if getattr(order, name) != value}
    WORKFLOW.check_edit(order, changed, role=role)
    check_date_order(order, changed)
    if "supplier_confirmation_number" in changed or "supplier" in changed:
        _check_confirmation_number(
            order.tenant,
            changed.get("supplier", order.supplier),
            changed.get("supplier_confirmation_number", order.supplier_confirmation_number),
            confirm_duplicate,
            exclude=order.pk,
        )
    if changed.get("carrier") is not None:
        _ensure_carrier(changed["carrier"])
    before = {name: display(getattr(order, name)) for name in changed}
    before_total = order.total
    for name, value in changed.items():
        setattr(order, name, value)
    if changed:
        order.save()
    line_changes = []
    if lines is not None:
        written = write_lines(
            order,
            lines,
            model=PurchaseOrderLine,
            by=by,
            check_edit=lambda names: WORKFLOW.check_edit(order, names, role=role),
            prices_agreed=order.is_price_locked,
        )
        if written.prices:
            record_event(order, "price_edited", by=by, changes={"lines": written.prices})
        line_changes = written.lines
    recompute_totals(order)
    if changed or lines is not None:
        # Prices, weights and lines behind the sales orders filled from this order: re-cost them now.
        from apps.sales_orders.services import refresh_orders_of_purchase_order

        refresh_orders_of_purchase_order(order)
    # Every edit is on the timeline: the order's fields, each line change (catch weights included) and the total.
    changes = {name: {"old": before[name], "new": display(value)} for name, value in changed.items()}
    if line_changes:
        changes["lines"] = line_changes
    if order.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(order.total)}
    if changes:
        record_event(order, "updated", by=by, changes=changes)
    return _fresh(order)


@transaction.atomic
def delete_purchase_order(order: PurchaseOrder, *, by=None) -> None:
    """Only drafts are deleted; an order that went out is cancelled instead, so its history stays."""
    order = _locked(order)
    if order.status != PurchaseOrderStatus.DRAFT:
        raise Conflict(
            f"A {order.get_status_display().lower()} purchase order is not deleted; cancel it instead.",
            current_status=order.status,
        )
    order.delete()


# --- transitions (declared in workflows.py) ---------------------------------------------------------------


@transaction.atomic
def perform_action(order: PurchaseOrder, *, action: str, by=None, role: str | None = None, reason: str = "", **updates):
    """Do a declared workflow action (confirm, pick-up, receive, close, cancel, send): the row locked, role and
    state checked (403 / 409), the guard, the move and the timeline event, then its side effects."""
    return _fresh(follow_action(order, action=action, by=by, role=role, reason=reason, **updates))


@transaction.atomic
def follow_action(order: PurchaseOrder, *, action: str, by=None, role: str | None = None, reason: str = "", **updates):
    """perform_action without re-reading the order for a response: for callers that only need the move done
    (a load's pickup or delivery moving its orders along). Returns the locked, updated order."""
    order = _locked(order)
    WORKFLOW.perform(order, action, by=by, role=role, reason=reason, updates=updates)
    return order


def send_purchase_order(order: PurchaseOrder, *, by=None, role: str | None = None) -> PurchaseOrder:
    """draft -> sent; a later order stays as it is (re-sent). The API's send action also e-mails the PDF."""
    return perform_action(order, action="send", by=by, role=role)


def confirm_purchase_order(
    order: PurchaseOrder, *, by=None, role: str | None = None, supplier_confirmation_number: str = ""
) -> PurchaseOrder:
    """sent -> confirmed: the supplier accepted; from now on prices hold."""
    updates = {"supplier_confirmation_number": supplier_confirmation_number} if supplier_confirmation_number else {}
    return perform_action(order, action="confirm", by=by, role=role, **updates)


def pick_up_purchase_order(order: PurchaseOrder, *, by=None, role: str | None = None) -> PurchaseOrder:
    """confirmed -> picked up: the truck left the plant with the product."""
    return perform_action(order, action="pick-up", by=by, role=role)


def receive_purchase_order(order: PurchaseOrder, *, by=None, role: str | None = None) -> PurchaseOrder:
    """picked up -> received: delivered at destination."""
    return perform_action(order, action="receive", by=by, role=role)


def close_purchase_order(order: PurchaseOrder, *, by=None, role: str | None = None) -> PurchaseOrder:
    """received -> closed: the supplier's invoice is settled; nothing changes any more."""
    return perform_action(order, action="close", by=by, role=role)


def cancel_purchase_order(order: PurchaseOrder, *, by=None, role: str | None = None, reason: str = "") -> PurchaseOrder:
    """draft / sent / confirmed -> cancelled, with the reason on the timeline. An order on a load that is not
    cancelled is taken off it (or the load cancelled) first, so no truck is sent for it."""
    return perform_action(order, action="cancel", by=by, role=role, reason=reason)


# --- read helpers for the selling side --------------------------------------------------------------------


def purchase_cost_for(line: PurchaseOrderLine, *, weight_lb=None) -> Decimal:
    """What `weight_lb` pounds of this purchase line cost the broker (the line's cost per lb x weight, rounded
    half-up to the cent by the money helper); without a weight, the whole line's total."""
    if weight_lb is None:
        return line.line_total
    cost_per_lb = line.cost_per_lb
    if cost_per_lb is None:
        raise ValueError(f"purchase order line {line.pk} has no weight, so it has no cost per lb")
    return line_total(PriceUnit.LB, cost_per_lb, weight_lb=weight_lb)


def purchase_cost_per_lb(order: PurchaseOrder) -> Decimal | None:
    """The order's average cost per lb (total / weight), unrounded; None without weights."""
    weight = order.total_weight_lb
    if not weight:
        return None
    return to_decimal(order.total) / weight
