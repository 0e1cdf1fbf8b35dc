"""Load workflows (tender a carrier for one or more purchase orders, move the load along, record the paperwork)
and the freight cost per purchase order that margins are computed from. One transaction per function."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.exceptions import Conflict
from apps.core.money import allocate_by_weight, sum_money, to_decimal
from apps.core.numbering import next_number
from apps.core.services import check_date_order, display, resolve_role
from apps.core.workflow import record_event
from apps.purchase_orders import services as po_services
from apps.purchase_orders.models import PurchaseOrder, PurchaseOrderStatus

from .models import (
    ACTIVE_STATUSES,
    ColdStorageEntry,
    Load,
    LoadAccessorial,
    LoadDocument,
    LoadDocumentKind,
    LoadOrder,
    LoadStatus,
)
from .workflows import WORKFLOW

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
    "assigned_to",
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
        Load.objects.select_related("carrier", "assigned_to")
        .prefetch_related(
            "accessorials", Prefetch("load_orders", queryset=LoadOrder.objects.select_related("purchase_order__plant"))
        )
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


def recompute_freight(load: Load, *, also_purchase_order_ids=()) -> Load:
    """Store the load's freight totals, then re-cost the sales orders its purchase orders fill (their freight
    share changed). `also_purchase_order_ids`: orders that just left the load."""
    from apps.sales_orders.services import refresh_orders_of_purchase_order

    load.accessorials_total = sum_money(LoadAccessorial.objects.filter(load=load).values_list("amount", flat=True))
    load.total_freight_cost = sum_money([load.linehaul_rate, load.accessorials_total])
    load.save(update_fields=["accessorials_total", "total_freight_cost", "updated_at"])
    order_ids = set(LoadOrder.objects.filter(load=load).values_list("purchase_order_id", flat=True))
    for order in PurchaseOrder.objects.filter(pk__in=order_ids | set(also_purchase_order_ids)).order_by("pk"):
        refresh_orders_of_purchase_order(order)
    return load


@transaction.atomic
def create_load(tenant, *, by=None, carrier, purchase_orders=(), accessorials=(), **fields) -> Load:
    """Tender a load to `carrier` for `purchase_orders` (pickup order = list order); number LD-<year>-<n>.
    The carrier must be active with valid insurance (409 otherwise)."""
    _check_fields(fields, LOAD_FIELDS - {"carrier"}, "load")
    purchase_orders = list(purchase_orders)
    _check_tenant(tenant, [carrier, *purchase_orders, *fields.values()])
    _ensure_carrier(carrier)
    check_date_order(None, fields)
    load = Load(tenant=tenant, created_by=by if getattr(by, "pk", None) else None, carrier=carrier, **fields)
    if load.pickup_date is None and load.pickup_appointment_at is not None:
        load.pickup_date = timezone.localtime(load.pickup_appointment_at).date()
    _check_pod(load)
    _check_assignee(load)
    load.number = next_number(tenant, "LD")
    load.save()
    _set_orders(load, purchase_orders)
    _set_accessorials(load, list(accessorials))
    recompute_freight(load)
    record_event(load, "tendered", by=by, to_status=load.status, reason=f"to {carrier}")
    _notify(load, "load.tendered", f"{load.number} tendered to {carrier}", by=by)
    return _fresh(load)


@transaction.atomic
def update_load(
    load: Load, *, by=None, role: str | None = None, purchase_orders=None, accessorials=None, **fields
) -> Load:
    """Edit a load. While tendered: anything (a new carrier must be assignable). Accepted: not the carrier
    (cancel and re-tender instead). Picked up / delivered: paperwork, delivery details and accessorials only.
    Cancelled: nothing (the edit rules are declared in workflows.py)."""
    load = _locked(load)
    _check_fields(fields, LOAD_FIELDS, "load")
    _check_tenant(load.tenant, [*fields.values(), *(purchase_orders or [])])
    role = resolve_role(tenant=load.tenant, by=by, role=role)
    changed = {name: value for name, value in fields.items() if getattr(load, name) != value}
    if purchase_orders is not None:
        current = list(LoadOrder.objects.filter(load=load).values_list("purchase_order_id", flat=True))
        if current != [order.pk for order in purchase_orders]:
            changed["purchase_orders"] = purchase_orders
    WORKFLOW.check_edit(load, set(changed) | ({"accessorials"} if accessorials is not None else set()), role=role)
    check_date_order(load, changed)
    if changed.get("carrier") is not None:
        _ensure_carrier(changed["carrier"])
    before = {name: display(getattr(load, name)) for name in [*changed, "pod_received_on"] if name != "purchase_orders"}
    before_freight = load.total_freight_cost
    for name, value in changed.items():
        if name != "purchase_orders":
            setattr(load, name, value)
    if load.pod_received and load.pod_received_on is None:
        load.pod_received_on = timezone.localdate()
    _check_pod(load)
    _check_assignee(load)
    load.save()
    left = set()
    if "purchase_orders" in changed:
        left = set(LoadOrder.objects.filter(load=load).values_list("purchase_order_id", flat=True))
        _set_orders(load, list(purchase_orders))
    if accessorials is not None:
        _set_accessorials(load, list(accessorials))
    recompute_freight(load, also_purchase_order_ids=left)
    if "carrier" in changed:
        record_event(load, "carrier_changed", by=by, reason=f"to {load.carrier}")
    # Every edit is on the timeline (BOL, POD, seal, dates...; the assistant's BOL number too): old -> new.
    changes = {
        name: {"old": old, "new": display(getattr(load, name))}
        for name, old in before.items()
        if old != display(getattr(load, name))
    }
    if "purchase_orders" in changed:
        changes["purchase_orders"] = {"new": [order.pk for order in purchase_orders]}
    if load.total_freight_cost != before_freight:
        changes["total_freight_cost"] = {"old": str(before_freight), "new": str(load.total_freight_cost)}
    if changes:
        record_event(load, "updated", by=by, changes=changes)
    if changed.get("assigned_to") is not None:
        _notify(load, "load.assigned", f"{load.number} is assigned to you", by=by, only_assignee=True)
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


@transaction.atomic
def perform_action(load: Load, *, action: str, by=None, role: str | None = None, reason: str = "") -> Load:
    """Do a declared workflow action (accept, pick-up, deliver, cancel): the row locked, role and state checked
    (403 / 409), the guard, the move and the timeline event, then its side effects (its orders follow)."""
    load = _locked(load)
    before = load.status
    WORKFLOW.perform(load, action, by=by, role=role, reason=reason)
    if load.status != before:
        _notify(load, f"load.{load.status}", f"{load.number} {load.get_status_display().lower()}", by=by, body=reason)
    return _fresh(load)


def accept_load(load: Load, *, by=None, role: str | None = None) -> Load:
    """tendered -> accepted: the carrier took the load (signed the rate confirmation). Insurance is checked again."""
    return perform_action(load, action="accept", by=by, role=role)


def pick_up_load(load: Load, *, by=None, role: str | None = None) -> Load:
    """accepted -> picked up. Its confirmed purchase orders become picked up too; an order not yet confirmed
    by the supplier blocks the pickup (409)."""
    return perform_action(load, action="pick-up", by=by, role=role)


def deliver_load(load: Load, *, by=None, role: str | None = None) -> Load:
    """picked up -> delivered. Its picked-up purchase orders become received."""
    return perform_action(load, action="deliver", by=by, role=role)


def cancel_load(load: Load, *, by=None, role: str | None = None, reason: str = "") -> Load:
    """tendered / accepted -> cancelled; its orders are free to go on another load."""
    load = perform_action(load, action="cancel", by=by, role=role, reason=reason)
    recompute_freight(load)  # a cancelled load's freight no longer counts against the orders' margins
    return _fresh(load)


def _check_assignee(load: Load) -> None:
    if load.assigned_to_id is None:
        return
    from apps.tenants.models import TenantUser

    if not TenantUser.objects.filter(tenant_id=load.tenant_id, user_id=load.assigned_to_id, is_active=True).exists():
        raise ValidationError({"assigned_to": ["Assign the load to an active member of this brokerage."]})


def _notify(load: Load, kind: str, title: str, *, by, body: str = "", only_assignee: bool = False) -> None:
    """Tell the load's assignee (and, for status changes, whoever tendered it) — never the person who acted."""
    from apps.notifications.services import notify

    users = {load.assigned_to} if only_assignee else {load.assigned_to, load.created_by}
    users = [user for user in users if user is not None and user.pk != getattr(by, "pk", None)]
    if users:
        notify(tenant=load.tenant, users=users, kind=kind, title=title, body=body, target=load)


# --- the field app: lines with catch weights, attached documents --------------------------------------------


def load_lines(load: Load):
    """The purchase order lines riding on the load, in stop then line order."""
    from apps.purchase_orders.models import PurchaseOrderLine

    return (
        PurchaseOrderLine.objects.filter(tenant_id=load.tenant_id, order__load_orders__load=load)
        .select_related("order", "product")
        .order_by("order__load_orders__stop_number", "order_id", "line_number", "id")
    )


@transaction.atomic
def record_catch_weights(load: Load, *, by=None, entries: list[dict]):
    """Actual (catch) weights and box counts per line, in lb or kg, through the purchase orders' own rules
    (a closed or cancelled order answers 409). Only the lines given change. Returns the load's lines."""
    load = _locked(load)
    if load.status == LoadStatus.CANCELLED:
        raise Conflict("A cancelled load takes no weights.", current_status=load.status)
    lines = {line.pk: line for line in load_lines(load)}
    seen = [entry["id"] for entry in entries]
    if len(set(seen)) != len(seen):
        raise ValidationError({"lines": ["A line appears twice; give each line once."]})
    unknown = sorted(set(seen) - set(lines))
    if unknown:
        raise ValidationError({"lines": [f"Line {pk} is not on load {load.number}." for pk in unknown]})
    by_order: dict[int, dict[int, dict]] = {}
    for entry in entries:
        changes = {"weight_unit": entry.get("weight_unit") or "lb"}
        if "actual_weight" in entry:
            changes["actual_weight_lb"] = entry["actual_weight"]
        if "boxes" in entry:
            changes["boxes"] = entry["boxes"]
        by_order.setdefault(lines[entry["id"]].order_id, {})[entry["id"]] = changes
    for order_id, changed in by_order.items():
        order = lines[next(iter(changed))].order
        current = [line for line in lines.values() if line.order_id == order_id]
        current.sort(key=lambda line: (line.line_number, line.pk))
        po_services.update_purchase_order(
            order, by=by, lines=[{"id": line.pk, **changed.get(line.pk, {})} for line in current]
        )
    record_event(load, "catch_weights", by=by, changes={"lines": [entry["id"] for entry in entries]})
    return load_lines(load)


@transaction.atomic
def attach_document(load: Load, *, by=None, document, kind: str) -> LoadDocument:
    """Attach an uploaded document to the load (again: the same link). A POD on a delivered load also ticks
    'POD received'."""
    load = _locked(load)
    if load.status == LoadStatus.CANCELLED:
        raise Conflict("Documents are not attached to a cancelled load.", current_status=load.status)
    if document.tenant_id != load.tenant_id:
        raise ValidationError({"document": ["No such document."]})
    link, _ = LoadDocument.objects.get_or_create(
        tenant_id=load.tenant_id, load=load, document=document, defaults={"kind": kind, "created_by": by}
    )
    if kind == LoadDocumentKind.POD and load.status == LoadStatus.DELIVERED and not load.pod_received:
        load.pod_received = True
        load.pod_received_on = timezone.localdate()
        load.save(update_fields=["pod_received", "pod_received_on", "updated_at"])
    record_event(load, "document_attached", by=by, reason=f"{link.get_kind_display()}: {document.original_name}")
    return link


# --- freight per order, for margins -----------------------------------------------------------------------


def _stops_with_weights():
    return LoadOrder.objects.select_related("purchase_order").prefetch_related("purchase_order__lines")


def _split_freight(freight, stops: list[LoadOrder]) -> dict[int, Decimal]:
    """One load's freight over its stops (in stop order) by each order's weight: see freight_allocation."""
    if not stops:
        return {}
    weights = [stop.purchase_order.total_weight_lb for stop in stops]
    shares = allocate_by_weight(to_decimal(freight), weights)
    return {stop.purchase_order_id: share for stop, share in zip(stops, shares, strict=True)}


def freight_allocation(load: Load) -> dict[int, Decimal]:
    """The load's total freight split over its purchase orders by weight (each order's lines: actual weight
    when known, else the estimate), by largest remainder (`apps.core.money.allocate_by_weight`): the shares add
    up to the freight exactly, none is negative, each is within a cent of weight x freight / total weight.
    Orders without any weight split the freight evenly the same way."""
    stops = list(_stops_with_weights().filter(load=load).order_by("stop_number", "id"))
    return _split_freight(load.total_freight_cost, stops)


def _active_stops_by_load(order: PurchaseOrder) -> dict[int, list[LoadOrder]]:
    """Every stop of every load the order is on that is not cancelled, grouped by load in stop order (one query
    and the lines' prefetch, however many loads)."""
    loads = Load.objects.filter(load_orders__purchase_order=order, status__in=ACTIVE_STATUSES)
    stops = _stops_with_weights().select_related("load").filter(load__in=loads).order_by("load_id", "stop_number", "id")
    grouped: dict[int, list[LoadOrder]] = {}
    for stop in stops:
        grouped.setdefault(stop.load_id, []).append(stop)
    return grouped


def _freight_share(order: PurchaseOrder, grouped: dict[int, list[LoadOrder]]) -> Decimal:
    return sum_money(
        _split_freight(stops[0].load.total_freight_cost, stops).get(order.pk, Decimal("0"))
        for stops in grouped.values()
    )


def freight_cost_for_purchase_order(order: PurchaseOrder) -> Decimal:
    """The freight this purchase order carries: its share of every load it is on that is not cancelled."""
    return _freight_share(order, _active_stops_by_load(order))


def freight_cost_per_lb_for_purchase_order(order: PurchaseOrder) -> Decimal | None:
    """Freight per pound of the order (unrounded), for costing part of an order: line_total("lb", it, weight)."""
    grouped = _active_stops_by_load(order)
    ours = next(
        (stop.purchase_order for stops in grouped.values() for stop in stops if stop.purchase_order_id == order.pk),
        None,
    )
    if ours is None:  # on no active load: no freight, but "no weight" (None) is still told apart from 0
        ours = PurchaseOrder.objects.prefetch_related("lines").get(pk=order.pk)
    weight = ours.total_weight_lb
    if not weight:
        return None
    return _freight_share(order, grouped) / weight


def cold_storage_for(load: Load, purchase_orders) -> list:
    """Cold storage entries of the load, or of one of its purchase orders without a load of their own."""
    return list(
        ColdStorageEntry.objects.filter(
            Q(load=load) | Q(load__isnull=True, purchase_order__in=[order.pk for order in purchase_orders]),
            tenant_id=load.tenant_id,
        ).order_by("id")
    )
