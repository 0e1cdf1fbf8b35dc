"""The purchase order lifecycle, declared once (apps.core.workflow turns it into the API actions, the 403/409
refusals, the timeline events, allowed_actions / editable_fields and the tables of docs/WORKFLOWS.md)."""

from apps.core.exceptions import Conflict
from apps.core.lines.models import TRACE_FIELDS
from apps.core.workflow import Action, EditRule, Workflow, register
from apps.tenants.models import Role

from .models import PurchaseOrderStatus as S

SERVICES = "apps.purchase_orders.services"
SERIALIZERS = "apps.purchase_orders.serializers"

# The order's own fields (everything a draft may change).
ORDER_FIELDS = frozenset(
    {
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
)
# What stays editable after confirmation (logistics); all else is fixed by the deal.
LOGISTICS_FIELDS = frozenset(
    {
        "supplier_confirmation_number",
        "pickup_date",
        "pickup_window_from",
        "pickup_window_to",
        "delivery_date",
        "carrier",
        "carrier_release_format",
        "carrier_release_number",
        "appointment_method",
        "supplier_contact",
        "notes",
    }
)
LINE_FIELDS = frozenset(
    f"lines.{name}"
    for name in (
        "product",
        "description",
        "protein",
        "fresh_frozen",
        "boxes",
        "estimated_weight_lb",
        "actual_weight_lb",
        "unit_price",
        "price_unit",
        *TRACE_FIELDS,
    )
)
# The weights and the packer's lots are known at pickup and receiving.
LINE_LOGISTICS_FIELDS = frozenset(
    {"lines.boxes", "lines.estimated_weight_lb", "lines.actual_weight_lb", "lines.description"}
) | frozenset(f"lines.{name}" for name in TRACE_FIELDS)
LINE_PRICE_FIELDS = frozenset({"lines.unit_price", "lines.price_unit"})


def _has_lines(order) -> None:
    if not order.lines.exists():
        raise Conflict("Add at least one line before confirming the purchase order.")


def _not_on_active_load(order) -> None:
    stop = (
        order.load_orders.exclude(load__status__in=["cancelled", "delivered"])
        .select_related("load")
        .order_by("pk")
        .first()
    )
    if stop is not None:
        raise Conflict(
            f"Purchase order {order.number} is on load {stop.load.number}; take it off the load or cancel the load "
            "first.",
            load=stop.load_id,
        )


WORKFLOW = register(
    Workflow(
        model="purchase_orders.PurchaseOrder",
        title="Purchase order",
        endpoint="/api/v1/purchase-orders/",
        states=S,
        initial=S.DRAFT,
        actions=(
            Action(
                "send",
                "Send to supplier",
                verb="sent",
                source=(S.DRAFT,),
                target=S.SENT,
                repeat_from=(S.SENT, S.CONFIRMED, S.PICKED_UP, S.RECEIVED, S.CLOSED),
                notes="e-mails the PDF to the supplier contact (else the supplier's e-mail, or the `to` list given) "
                "and records the delivery; from a later status it re-sends and the status stays",
            ),
            Action(
                "confirm",
                "Confirm",
                source=(S.SENT,),
                target=S.CONFIRMED,
                guard=_has_lines,
                service=f"{SERVICES}.confirm_purchase_order",
                body=f"{SERIALIZERS}.ConfirmPurchaseOrderSerializer",
                notes="optional `supplier_confirmation_number`; needs at least one line (409); prices hold from now on",
            ),
            Action(
                "pick-up",
                "Picked up",
                source=(S.CONFIRMED,),
                target=S.PICKED_UP,
                service=f"{SERVICES}.pick_up_purchase_order",
                notes="also done by its load's pick-up",
            ),
            Action(
                "receive",
                "Received",
                source=(S.PICKED_UP,),
                target=S.RECEIVED,
                service=f"{SERVICES}.receive_purchase_order",
                notes="also done by its load's delivery",
            ),
            Action(
                "close",
                "Close",
                source=(S.RECEIVED,),
                target=S.CLOSED,
                service=f"{SERVICES}.close_purchase_order",
                notes="nothing changes any more",
            ),
            Action(
                "cancel",
                "Cancel",
                source=(S.DRAFT, S.SENT, S.CONFIRMED),
                target=S.CANCELLED,
                destructive=True,
                guard=_not_on_active_load,
                service=f"{SERVICES}.cancel_purchase_order",
                body=f"{SERIALIZERS}.CancelSerializer",
                notes="optional `reason` on the timeline; an order on a load that is not cancelled or delivered: 409 "
                "naming the `load`",
            ),
        ),
        edits=(
            EditRule(states=(S.DRAFT, S.SENT), fields=ORDER_FIELDS | LINE_FIELDS | {"lines"}),
            EditRule(
                states=(S.CONFIRMED, S.PICKED_UP, S.RECEIVED),
                fields=LOGISTICS_FIELDS | LINE_LOGISTICS_FIELDS,
                role_fields={Role.MANAGER: LINE_PRICE_FIELDS},
                message="A confirmed purchase order keeps its terms; only logistics fields (dates, weights, release "
                "numbers, carrier) can change, prices by a manager, and lines are not added or removed. Cancel it "
                "and raise a new order to change the rest.",
            ),
        ),
    )
)
