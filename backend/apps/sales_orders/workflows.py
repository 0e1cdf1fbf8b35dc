"""The sales order lifecycle, declared once; see apps.core.workflow."""

from apps.core.exceptions import Conflict
from apps.core.lines.models import TRACE_FIELDS
from apps.core.workflow import Action, EditRule, SystemTransition, Workflow, register
from apps.tenants.models import Role

from .models import SalesOrderStatus as S

SERVICES = "apps.sales_orders.services"
SERIALIZERS = "apps.sales_orders.serializers"

ORDER_FIELDS = frozenset(
    {
        "customer",
        "ship_to",
        "customer_po_number",
        "order_date",
        "source_purchase_orders",
        "load",
        "carrier",
        "pickup_date",
        "delivery_date",
        "currency",
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
        "source_purchase_order_line",
        *TRACE_FIELDS,
    )
)
PRICE_FIELDS = frozenset({"lines.unit_price", "lines.price_unit"})


def _has_lines(order) -> None:
    if not order.lines.exists():
        raise Conflict(f"Sales order {order.number} has no lines; add what is sold before confirming.")


WORKFLOW = register(
    Workflow(
        model="sales_orders.SalesOrder",
        title="Sales order",
        endpoint="/api/v1/sales-orders/",
        states=S,
        initial=S.DRAFT,
        actions=(
            Action(
                "confirm",
                "Confirm",
                source=(S.DRAFT,),
                target=S.CONFIRMED,
                guard=_has_lines,
                service=f"{SERVICES}.confirm_sales_order",
                body=f"{SERIALIZERS}.ConfirmSalesOrderSerializer",
                notes="needs at least one line (409); **credit check** (override with `override_reason`: manager)",
            ),
            Action(
                "ship",
                "Ship",
                source=(S.CONFIRMED,),
                target=S.SHIPPED,
                service=f"{SERVICES}.ship_sales_order",
                body=f"{SERIALIZERS}.ShipSalesOrderSerializer",
                notes="optional `shipped_on` (sets `pickup_date`, default today if none)",
            ),
            Action(
                "deliver",
                "Delivered",
                source=(S.SHIPPED,),
                target=S.DELIVERED,
                service=f"{SERVICES}.deliver_sales_order",
                body=f"{SERIALIZERS}.DeliverSalesOrderSerializer",
                notes="optional `delivered_on` (sets `delivery_date`, default today if none)",
            ),
            Action(
                "invoice",
                "Create invoice",
                source=(S.DELIVERED,),
                target=S.INVOICED,
                notes="creates the invoice at the catch weights (201 with the invoice); 409 when a weight-priced line "
                "has no actual weight",
            ),
            Action(
                "cancel",
                "Cancel",
                source=(S.DRAFT, S.CONFIRMED),
                target=S.CANCELLED,
                destructive=True,
                service=f"{SERVICES}.cancel_sales_order",
                body=f"{SERIALIZERS}.CancelSalesOrderSerializer",
                notes="optional `reason` on the timeline",
            ),
            Action(
                "send",
                "Send to customer",
                verb="sent",
                source=(),
                repeat_from=(S.DRAFT, S.CONFIRMED, S.SHIPPED, S.DELIVERED, S.INVOICED),
                notes="the order confirmation to the customer's buyer contact (else the customer's e-mail, or `to`)",
            ),
        ),
        system=(
            SystemTransition(
                source=(S.INVOICED,), target=S.DELIVERED, trigger="its invoice is voided or its draft invoice deleted"
            ),
        ),
        edits=(
            EditRule(states=(S.DRAFT,), fields=ORDER_FIELDS | LINE_FIELDS | {"lines"}),
            EditRule(
                states=(S.CONFIRMED, S.SHIPPED, S.DELIVERED),
                fields=(ORDER_FIELDS - {"customer"}) | (LINE_FIELDS - PRICE_FIELDS),
                role_fields={Role.MANAGER: PRICE_FIELDS | {"lines"}},
                message="The customer of a confirmed order cannot change; cancel it and create a new order.",
            ),
        ),
    )
)
