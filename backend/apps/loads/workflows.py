"""The load lifecycle (the tender to a carrier), declared once; see apps.core.workflow."""

from django.utils import timezone

from apps.core.exceptions import Conflict
from apps.core.workflow import Action, EditRule, Workflow, register

from .models import LoadStatus as L

SERVICES = "apps.loads.services"

LOAD_FIELDS = frozenset(
    {
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
        "purchase_orders",
        "accessorials",
    }
)
# What may still change once the truck has the product: the paperwork and the extra charges.
PAPERWORK_FIELDS = frozenset(
    {
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
        "assigned_to",
        "accessorials",
    }
)


def _carrier_assignable(load) -> None:
    from apps.carriers.services import ensure_carrier_assignable

    ensure_carrier_assignable(load.carrier)


def _orders_confirmed(load) -> None:
    from apps.purchase_orders.models import PurchaseOrderStatus

    unconfirmed = [
        stop.purchase_order.number
        for stop in load.load_orders.select_related("purchase_order")
        if stop.purchase_order.status in (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT)
    ]
    if unconfirmed:
        raise Conflict(
            "The supplier has not confirmed purchase order(s) " + ", ".join(unconfirmed) + "; confirm them first.",
            purchase_orders=unconfirmed,
        )


def _orders_follow(action_name: str, from_status: str):
    def effect(load, *, by, role) -> None:
        from apps.purchase_orders import services as po_services

        for stop in load.load_orders.select_related("purchase_order").order_by("stop_number", "id"):
            if stop.purchase_order.status == from_status:
                # The caller's role (the load action's, same user) passes on: no second membership lookup.
                po_services.follow_action(stop.purchase_order, action=action_name, by=by, role=role)

    effect.__doc__ = f"its {from_status} purchase orders: {action_name}"
    return effect


def _default_date(field: str):
    def effect(load, *, by, role) -> None:
        if getattr(load, field) is None:
            setattr(load, field, timezone.localdate())
            load.save(update_fields=[field, "updated_at"])

    return effect


WORKFLOW = register(
    Workflow(
        model="loads.Load",
        title="Load",
        endpoint="/api/v1/loads/",
        states=L,
        initial=L.TENDERED,
        actions=(
            Action(
                "accept",
                "Accepted by carrier",
                source=(L.TENDERED,),
                target=L.ACCEPTED,
                guard=_carrier_assignable,
                service=f"{SERVICES}.accept_load",
                notes="the carrier's insurance is checked again (409)",
            ),
            Action(
                "pick-up",
                "Picked up",
                source=(L.ACCEPTED,),
                target=L.PICKED_UP,
                guard=_orders_confirmed,
                effects=(_orders_follow("pick-up", "confirmed"), _default_date("pickup_date")),
                service=f"{SERVICES}.pick_up_load",
                notes="every **confirmed** order on the load becomes `picked_up`; an order still draft/sent blocks "
                "the pick-up (409 listing them); pickup date defaults to today",
            ),
            Action(
                "deliver",
                "Delivered",
                source=(L.PICKED_UP,),
                target=L.DELIVERED,
                effects=(_orders_follow("receive", "picked_up"), _default_date("delivery_date")),
                service=f"{SERVICES}.deliver_load",
                notes="every `picked_up` order on the load becomes `received`; delivery date defaults to today",
            ),
            Action(
                "cancel",
                "Cancel",
                source=(L.TENDERED, L.ACCEPTED),
                target=L.CANCELLED,
                destructive=True,
                service=f"{SERVICES}.cancel_load",
                body="apps.purchase_orders.serializers.CancelSerializer",
                notes="its orders may go on another load; its freight no longer counts",
            ),
            Action(
                "send",
                "Send rate confirmation",
                verb="sent",
                source=(),
                repeat_from=(L.TENDERED, L.ACCEPTED, L.PICKED_UP, L.DELIVERED),
                notes="e-mails the rate confirmation to the carrier (or `to`), recorded as a delivery",
            ),
        ),
        edits=(
            EditRule(states=(L.TENDERED,), fields=LOAD_FIELDS),
            EditRule(
                states=(L.ACCEPTED,),
                fields=LOAD_FIELDS - {"carrier"},
                message="The carrier of an accepted load cannot change; cancel it and tender anew.",
            ),
            EditRule(
                states=(L.PICKED_UP, L.DELIVERED),
                fields=PAPERWORK_FIELDS,
                message="Once picked up, only the paperwork, delivery details and accessorials of a load can change.",
            ),
        ),
    )
)
