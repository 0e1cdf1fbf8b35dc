"""Load workflows (tender a carrier for one or more purchase orders, move the load along, record the paperwork)
and the freight cost per purchase order that margins are computed from. One transaction per function."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.choices import PriceUnit
from apps.core.exceptions import Conflict
from apps.core.money import line_total, round_money, sum_money, to_decimal
from apps.core.numbering import next_number
from apps.core.workflow import ensure_transition, record_event
from apps.purchase_orders import services as po_services
from apps.purchase_orders.models import PurchaseOrder, PurchaseOrderStatus

from .models import (
    ACTIVE_STATUSES,
    TRANSITIONS,
    Load,
    LoadAccessorial,
    LoadOrder,
    LoadStatus,
)

LOAD_FIELDS = {
    "carrier",
    "currency",
    "linehaul_rate",
    "pickup_date",
    "pickup_appointment_at",
    "delivery_date",
    "delivery_appointment_at",
    "delivery_location",
    "temperature_setpoint_f",
    "seal_number",
    "trailer_number",
    "driver_name",
    "driver_phone",
    "bol_number",
    "pod_received",
    "pod_received_on",
    "notes",
}
# What may still change once the truck has the product: the paperwork and the extra charges.
PAPERWORK_FIELDS = {
    "seal_number",
    "trailer_number",
    "driver_name",
    "driver_phone",
    "bol_number",
    "pod_received",
    "pod_received_on",
    "delivery_date",
    "delivery_appointment_at",
    "delivery_location",
    "notes",
}
ACCESSORIAL_FIELDS = {"charge_type", "description", "amount"}
# Purchase orders that can ride on a load (not cancelled, not already delivered or closed).
LOADABLE_PO_STATUSES = {
    PurchaseOrderStatus.DRAFT,
    PurchaseOrderStatus.SENT,
    PurchaseOrderStatus.CONFIRMED,
    PurchaseOrderStatus.PICKED_UP,
}


def _check_fields(fields: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError({name: [f"Not a field of a {where}."] for name in unknown})


def _check_tenant(tenant, values) -> None:
    for value in values:
        tenant_id = getattr(value, "tenant_id", None)
        if tenant_id is not None and tenant_id != tenant.pk:
            raise ValidationError({"detail": f"{value._meta.verbose_name} {value.pk} belongs to another tenant."})


def _ensure_carrier(carrier) -> None:
    from apps.carriers.services import ensure_carrier_assignable

    ensure_carrier_assignable(carrier)


def _locked(load: Load) -> Load:
    return Load.objects.select_for_update().get(pk=load.pk)


def _fresh(load: Load) -> Load:
    return (
        Load.objects.select_related("carrier")
        .prefetch_related("accessorials", "load_orders__purchase_order__plant")
        .get(pk=load.pk)
    )


def _check_pod(load: Load) -> None:
    if load.pod_received_on and not load.pod_received:
        raise ValidationError({"pod_received_on": ["Tick 'POD received' to record when it arrived."]})
    if load.pod_received and load.status != LoadStatus.DELIVERED:
        raise Conflict("Proof of delivery is recorded once the load is delivered.", current_status=load.status)


def _set_orders(load: Load, orders: list[PurchaseOrder]) -> None:
    ids = [order.pk for order in orders]
    if len(set(ids)) != len(ids):
        raise ValidationError({"purchase_orders": ["A purchase order is listed twice."]})
    for order in PurchaseOrder.objects.select_for_update().filter(pk__in=ids):
        if order.status not in LOADABLE_PO_STATUSES:
            raise Conflict(
                f"Purchase order {order.number} is {order.get_status_display().lower()} and cannot go on a load.",
                purchase_order=order.pk,
            )
    elsewhere = (
        LoadOrder.objects.filter(purchase_order_id__in=ids, load__status__in=ACTIVE_STATUSES)
        .exclude(load=load)
        .select_related("load", "purchase_order")
        .first()
    )
    if elsewhere is not None:
        raise Conflict(
            f"Purchase order {elsewhere.purchase_order.number} is already on load {elsewhere.load.number}; "
            "cancel that load or take the order off it first.",
            purchase_order=elsewhere.purchase_order_id,
            load=elsewhere.load_id,
        )
    LoadOrder.objects.filter(load=load).exclude(purchase_order_id__in=ids).delete()
    current = {stop.purchase_order_id: stop for stop in LoadOrder.objects.filter(load=load)}
    for stop_number, order in enumerate(orders, start=1):
        stop = current.get(order.pk) or LoadOrder(load=load, tenant_id=load.tenant_id, purchase_order=order)
        if stop.pk is None or stop.stop_number != stop_number:
            stop.stop_number = stop_number
            stop.save()
    if orders and load.pickup_date is None:
        dates = [order.pickup_date for order in orders if order.pickup_date]
        if dates:
            load.pickup_date = min(dates)
            load.save(update_fields=["pickup_date", "updated_at"])


def _set_accessorials(load: Load, accessorials: list[dict]) -> None:
    LoadAccessorial.objects.filter(load=load).delete()
    for data in accessorials:
        data = dict(data)
        data.pop("id", None)
        _check_fields(data, ACCESSORIAL_FIELDS, "load accessorial")
        if to_decimal(data.get("amount", 0)) < 0:
            raise ValidationError({"accessorials": ["An accessorial amount cannot be negative."]})
        LoadAccessorial.objects.create(load=load, tenant_id=load.tenant_id, **data)


def recompute_freight(load: Load) -> Load:
    load.accessorials_total = sum_money(LoadAccessorial.objects.filter(load=load).values_list("amount", flat=True))
    load.total_freight_cost = sum_money([load.linehaul_rate, load.accessorials_total])
    load.save(update_fields=["accessorials_total", "total_freight_cost", "updated_at"])
    return load


@transaction.atomic
def create_load(tenant, *, by=None, carrier, purchase_orders=(), accessorials=(), **fields) -> Load:
    """Tender a load to `carrier` for `purchase_orders` (pickup order = list order); number LD-<year>-<n>.
    The carrier must be active with valid insurance (409 otherwise)."""
    _check_fields(fields, LOAD_FIELDS - {"carrier"}, "load")
    purchase_orders = list(purchase_orders)
    _check_tenant(tenant, [carrier, *purchase_orders, *fields.values()])
    _ensure_carrier(carrier)
    load = Load(tenant=tenant, created_by=by if getattr(by, "pk", None) else None, carrier=carrier, **fields)
    if load.pickup_date is None and load.pickup_appointment_at is not None:
        load.pickup_date = timezone.localtime(load.pickup_appointment_at).date()
    _check_pod(load)
    load.number = next_number(tenant, "LD")
    load.save()
    _set_orders(load, purchase_orders)
    _set_accessorials(load, list(accessorials))
    recompute_freight(load)
    record_event(load, "tendered", by=by, to_status=load.status, reason=f"to {carrier}")
    return _fresh(load)


@transaction.atomic
def update_load(load: Load, *, by=None, purchase_orders=None, accessorials=None, **fields) -> Load:
    """Edit a load. While tendered: anything (a new carrier must be assignable). Accepted: not the carrier
    (cancel and re-tender instead). Picked up / delivered: paperwork, delivery details and accessorials only.
    Cancelled: nothing."""
    load = _locked(load)
    _check_fields(fields, LOAD_FIELDS, "load")
    _check_tenant(load.tenant, [*fields.values(), *(purchase_orders or [])])
    if load.status == LoadStatus.CANCELLED:
        raise Conflict("A cancelled load cannot be edited; tender a new one.", current_status=load.status)
    changed = {name: value for name, value in fields.items() if getattr(load, name) != value}
    if purchase_orders is not None:
        current = list(LoadOrder.objects.filter(load=load).values_list("purchase_order_id", flat=True))
        if current != [order.pk for order in purchase_orders]:
            changed["purchase_orders"] = purchase_orders
    if "carrier" in changed and load.status != LoadStatus.TENDERED:
        raise Conflict(
            f"The carrier of a {load.get_status_display().lower()} load cannot change; cancel it and tender anew.",
            current_status=load.status,
        )
    if load.status in (LoadStatus.PICKED_UP, LoadStatus.DELIVERED):
        fixed = sorted(set(changed) - PAPERWORK_FIELDS)
        if fixed:
            raise Conflict(
                "Once picked up, only the paperwork, delivery details and accessorials of a load can change.",
                fields=fixed,
            )
    if changed.get("carrier") is not None:
        _ensure_carrier(changed["carrier"])
    for name, value in changed.items():
        if name != "purchase_orders":
            setattr(load, name, value)
    if load.pod_received and load.pod_received_on is None:
        load.pod_received_on = timezone.localdate()
    _check_pod(load)
    load.save()
    if "purchase_orders" in changed:
        _set_orders(load, list(purchase_orders))
    if accessorials is not None:
        _set_accessorials(load, list(accessorials))
    recompute_freight(load)
    if "carrier" in changed:
        record_event(load, "carrier_changed", by=by, reason=f"to {load.carrier}")
    return _fresh(load)


@transaction.atomic
def delete_load(load: Load, *, by=None) -> None:
    """Only a tender nobody accepted yet (or a cancelled one) is deleted; later loads are history."""
    load = _locked(load)
    if load.status not in (LoadStatus.TENDERED, LoadStatus.CANCELLED):
        raise Conflict(
            f"A {load.get_status_display().lower()} load is not deleted; it is part of the orders' history.",
            current_status=load.status,
        )
    load.delete()


def _orders_on(load: Load) -> list[PurchaseOrder]:
    return [stop.purchase_order for stop in LoadOrder.objects.filter(load=load).select_related("purchase_order")]


def _transition(load: Load, target: str, *, by, reason: str = "") -> tuple[Load, str]:
    load = _locked(load)
    current = ensure_transition(load, target, TRANSITIONS)
    load.status = target
    load.save(update_fields=["status", "updated_at"])
    record_event(load, target, by=by, from_status=current, to_status=target, reason=reason)
    return load, current


@transaction.atomic
def accept_load(load: Load, *, by=None) -> Load:
    """tendered -> accepted: the carrier took the load (signed the rate confirmation). Insurance is checked again."""
    _ensure_carrier(load.carrier)
    load, _ = _transition(load, LoadStatus.ACCEPTED, by=by)
    return _fresh(load)


@transaction.atomic
def pick_up_load(load: Load, *, by=None) -> Load:
    """accepted -> picked up. Its confirmed purchase orders become picked up too; an order not yet confirmed
    by the supplier blocks the pickup (409)."""
    load, _ = _transition(load, LoadStatus.PICKED_UP, by=by)
    orders = _orders_on(load)
    unconfirmed = [o.number for o in orders if o.status in (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT)]
    if unconfirmed:
        raise Conflict(
            "The supplier has not confirmed purchase order(s) " + ", ".join(unconfirmed) + "; confirm them first.",
            purchase_orders=unconfirmed,
        )
    for order in orders:
        if order.status == PurchaseOrderStatus.CONFIRMED:
            po_services.pick_up_purchase_order(order, by=by)
    if load.pickup_date is None:
        load.pickup_date = timezone.localdate()
        load.save(update_fields=["pickup_date", "updated_at"])
    return _fresh(load)


@transaction.atomic
def deliver_load(load: Load, *, by=None) -> Load:
    """picked up -> delivered. Its picked-up purchase orders become received."""
    load, _ = _transition(load, LoadStatus.DELIVERED, by=by)
    for order in _orders_on(load):
        if order.status == PurchaseOrderStatus.PICKED_UP:
            po_services.receive_purchase_order(order, by=by)
    if load.delivery_date is None:
        load.delivery_date = timezone.localdate()
        load.save(update_fields=["delivery_date", "updated_at"])
    return _fresh(load)


@transaction.atomic
def cancel_load(load: Load, *, by=None, reason: str = "") -> Load:
    """tendered / accepted -> cancelled; its orders are free to go on another load."""
    load, _ = _transition(load, LoadStatus.CANCELLED, by=by, reason=reason)
    return _fresh(load)


# --- freight per order, for margins -----------------------------------------------------------------------


def freight_allocation(load: Load) -> dict[int, Decimal]:
    """The load's total freight split over its purchase orders by weight (each order's lines: actual weight
    when known, else the estimate). Every order but the last stop gets weight x (freight / total weight),
    rounded half-up to the cent; the last stop gets the rest, so the shares add up to the freight exactly.
    Orders without any weight split the freight evenly the same way."""
    stops = list(
        LoadOrder.objects.filter(load=load)
        .select_related("purchase_order")
        .prefetch_related("purchase_order__lines")
        .order_by("stop_number", "id")
    )
    if not stops:
        return {}
    freight = to_decimal(load.total_freight_cost)
    weights = [stop.purchase_order.total_weight_lb for stop in stops]
    total_weight = sum(weights, Decimal("0"))
    shares: dict[int, Decimal] = {}
    for stop, weight in zip(stops[:-1], weights[:-1], strict=True):
        if total_weight > 0:
            shares[stop.purchase_order_id] = line_total(PriceUnit.LB, freight / total_weight, weight_lb=weight)
        else:
            shares[stop.purchase_order_id] = round_money(freight / len(stops))
    shares[stops[-1].purchase_order_id] = round_money(freight - sum_money(shares.values()))
    return shares


def freight_cost_for_purchase_order(order: PurchaseOrder) -> Decimal:
    """The freight this purchase order carries: its share of every load it is on that is not cancelled."""
    loads = Load.objects.filter(load_orders__purchase_order=order, status__in=ACTIVE_STATUSES).distinct()
    return sum_money(freight_allocation(load).get(order.pk, Decimal("0")) for load in loads)


def freight_cost_per_lb_for_purchase_order(order: PurchaseOrder) -> Decimal | None:
    """Freight per pound of the order (unrounded), for costing part of an order: line_total("lb", it, weight)."""
    order = PurchaseOrder.objects.prefetch_related("lines").get(pk=order.pk)
    weight = order.total_weight_lb
    if not weight:
        return None
    return freight_cost_for_purchase_order(order) / weight
