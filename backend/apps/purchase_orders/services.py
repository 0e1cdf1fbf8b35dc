"""Purchase order workflows, called alike by the API, the admin, the demo seeder and the AI assistant: create,
edit (prices fixed once confirmed), status transitions, and the purchase cost the selling side reads for margins.
Each public function is one transaction and locks the order row it changes."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from rest_framework.exceptions import ValidationError

from apps.core.choices import PriceUnit
from apps.core.exceptions import Conflict
from apps.core.money import kg_to_lb, line_total, sum_money, to_decimal
from apps.core.numbering import next_number
from apps.core.services import check_date_order, check_not_duplicate, resolve_role
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
LINE_FIELDS = {
    "product",
    "description",
    "protein",
    "fresh_frozen",
    "boxes",
    "estimated_weight_lb",
    "actual_weight_lb",
    "unit_price",
    "price_unit",
}
WEIGHT_FIELDS = ("estimated_weight_lb", "actual_weight_lb")
LINE_PRICE_FIELDS = ("unit_price", "price_unit")


# --- helpers ---------------------------------------------------------------------------------------------


def _check_fields(fields: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError({name: [f"Not a field of a {where}."] for name in unknown})


def _check_tenant(tenant, values) -> None:
    """Service callers (assistant, seeders) get the same wall as the API: no links to another tenant's rows."""
    for value in values:
        tenant_id = getattr(value, "tenant_id", None)
        if tenant_id is not None and tenant_id != tenant.pk:
            raise ValidationError({"detail": f"{value._meta.verbose_name} {value.pk} belongs to another tenant."})


def _typed(fields: dict) -> dict:
    """Dates and times given as ISO strings (assistant, scripts) become date/time objects, as the API gives them."""
    typed = {}
    for name, value in fields.items():
        field = PurchaseOrder._meta.get_field(name)
        if isinstance(value, str) and isinstance(field, models.DateField | models.TimeField):
            try:
                value = field.to_python(value)
            except DjangoValidationError as exc:
                raise ValidationError({name: exc.messages}) from None
        typed[name] = value
    return typed


def _ensure_carrier(carrier) -> None:
    from apps.carriers.services import ensure_carrier_assignable

    ensure_carrier_assignable(carrier)


def normalize_line_input(data: dict) -> dict:
    """One line as given (weights in lb, or in kg with weight_unit="kg") -> model field values in pounds,
    with description, protein, fresh/frozen and price defaulted from the product."""
    data = dict(data)
    data.pop("id", None)
    unit = data.pop("weight_unit", None) or "lb"
    if unit not in ("lb", "kg"):
        raise ValidationError({"weight_unit": ['Give weights in "lb" or "kg".']})
    if unit == "kg":
        for name in WEIGHT_FIELDS:
            if data.get(name) is not None:
                data[name] = kg_to_lb(data[name])
    _check_fields(data, LINE_FIELDS, "purchase order line")
    return data


def _apply_product_defaults(line: PurchaseOrderLine) -> None:
    product = line.product
    if product is None:
        return
    if not line.description:
        line.description = product.description
    if line.protein_id is None:
        line.protein_id = product.protein_id
    if not line.fresh_frozen and product.fresh_frozen in ("fresh", "frozen"):
        line.fresh_frozen = product.fresh_frozen


def compute_line_total(line: PurchaseOrderLine) -> Decimal:
    """The line's value: its quantity in the price unit (catch weight when known, else the estimate) x price."""
    try:
        return line_total(line.price_unit, line.unit_price, weight_lb=line.weight_lb, boxes=line.boxes)
    except ValueError:
        if line.price_unit == PriceUnit.CASE or line.price_unit == PriceUnit.EACH:
            raise ValidationError({"boxes": [f"A price per {line.price_unit} needs the number of boxes."]}) from None
        raise ValidationError(
            {"estimated_weight_lb": [f"A price per {line.price_unit} needs an estimated or actual weight."]}
        ) from None


def _line_errors(index: int, total: int, exc: ValidationError) -> ValidationError:
    """Put a line's error at its position in the `lines` list, the way DRF reports nested list errors."""
    errors: list = [{} for _ in range(total)]
    errors[index] = exc.detail
    return ValidationError({"lines": errors})


def _save_line(order: PurchaseOrder, line: PurchaseOrderLine, index: int, count: int) -> None:
    line.order = order
    line.tenant_id = order.tenant_id
    line.line_number = index + 1
    _apply_product_defaults(line)
    if not line.description and line.product_id is None:
        raise _line_errors(index, count, ValidationError({"description": ["Give a product or a description."]}))
    if line.unit_price is None:
        raise _line_errors(index, count, ValidationError({"unit_price": ["Give the unit price."]}))
    if to_decimal(line.unit_price) < 0:
        raise _line_errors(index, count, ValidationError({"unit_price": ["The price cannot be negative."]}))
    try:
        line.line_total = compute_line_total(line)
    except ValidationError as exc:
        raise _line_errors(index, count, exc) from None
    line.save()


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
        .prefetch_related("lines__product", "load_orders__load")
        .get(pk=order.pk)
    )


def _text(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "_meta"):
        return str(value.pk)
    return str(value)


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
    _check_fields(fields, ORDER_FIELDS - {"supplier"}, "purchase order")
    lines = [normalize_line_input(line) for line in lines]
    _check_tenant(tenant, [supplier, *fields.values(), *(v for line in lines for v in line.values())])
    if fields.get("carrier") is not None:
        _ensure_carrier(fields["carrier"])
    fields = _typed(fields)
    check_date_order(None, fields)
    _check_confirmation_number(tenant, supplier, fields.get("supplier_confirmation_number"), confirm_duplicate)
    order = PurchaseOrder(tenant=tenant, created_by=by if getattr(by, "pk", None) else None, supplier=supplier)
    for name, value in fields.items():
        setattr(order, name, value)
    order.number = next_number(tenant, "PO", on=order.order_date)
    order.save()
    for index, data in enumerate(lines):
        _save_line(order, PurchaseOrderLine(**data), index, len(lines))
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
    _check_fields(fields, ORDER_FIELDS, "purchase order")
    fields = _typed(fields)
    _check_tenant(order.tenant, fields.values())
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
    before = {name: _text(getattr(order, name)) for name in changed}
    before_total = order.total
    for name, value in changed.items():
        setattr(order, name, value)
    if changed:
        order.save()
    line_changes = _sync_lines(order, list(lines), by=by, role=role) if lines is not None else []
    recompute_totals(order)
    if changed or lines is not None:
        # Prices, weights and lines behind the sales orders filled from this order: re-cost them now.
        from apps.sales_orders.services import refresh_orders_of_purchase_order

        refresh_orders_of_purchase_order(order)
    # Every edit is on the timeline: the order's fields, each line change (catch weights included) and the total.
    changes = {name: {"old": before[name], "new": _text(value)} for name, value in changed.items()}
    if line_changes:
        changes["lines"] = line_changes
    if order.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(order.total)}
    if changes:
        record_event(order, "updated", by=by, changes=changes)
    return _fresh(order)


def _sync_lines(order: PurchaseOrder, lines: list[dict], *, by, role) -> list[dict]:
    existing = {line.pk: line for line in PurchaseOrderLine.objects.filter(order=order)}
    given_ids = [data.get("id") for data in lines if data.get("id") is not None]
    wanted_ids = set(given_ids)
    if len(wanted_ids) != len(given_ids):
        raise ValidationError({"lines": ["A line id appears twice; give each line once."]})
    unknown = wanted_ids - set(existing)
    if unknown:
        raise ValidationError({"lines": [f"Line id {pk} is not a line of this order." for pk in sorted(unknown)]})
    removed = [line for pk, line in existing.items() if pk not in wanted_ids]
    locked = order.is_price_locked
    if removed or len(wanted_ids) != len(lines):
        WORKFLOW.check_edit(order, {"lines"}, role=role)
    price_changes = []
    line_changes = []
    for index, raw in enumerate(lines):
        pk = raw.get("id")
        data = normalize_line_input(raw)
        _check_tenant(order.tenant, data.values())
        line = existing[pk] if pk is not None else PurchaseOrderLine()
        changes = {name: value for name, value in data.items() if pk is None or _differs(getattr(line, name), value)}
        WORKFLOW.check_edit(order, {f"lines.{name}" for name in changes}, role=role)
        if pk is None:
            line_changes.append({"line": index + 1, "added": True})
        elif changes:
            line_changes.append(
                {
                    "line": line.line_number,
                    "line_id": line.pk,
                    **{name: {"old": _text(getattr(line, name)), "new": _text(v)} for name, v in changes.items()},
                }
            )
        if locked:
            priced = {name: changes[name] for name in LINE_PRICE_FIELDS if name in changes}
            if priced:
                price_changes.append(
                    {
                        "line": line.line_number,
                        "line_id": line.pk,
                        **{name: {"old": _text(getattr(line, name)), "new": _text(v)} for name, v in priced.items()},
                    }
                )
        for name, value in changes.items():
            setattr(line, name, value)
        if not locked or changes:
            _save_line(order, line, index, len(lines))
    if price_changes:
        record_event(order, "price_edited", by=by, changes={"lines": price_changes})
    for line in removed:
        line_changes.append({"line": line.line_number, "line_id": line.pk, "removed": True})
        line.delete()
    return line_changes


def _differs(current, new) -> bool:
    if hasattr(new, "_meta"):
        return getattr(current, "pk", current) != new.pk
    if current is None or new is None:
        return current is not new
    if isinstance(current, Decimal):
        return current != to_decimal(new)
    return current != new


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
    order = _locked(order)
    WORKFLOW.perform(order, action, by=by, role=role, reason=reason, updates=updates)
    return _fresh(order)


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
