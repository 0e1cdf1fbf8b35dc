"""A handful of demo purchase orders in every status, made through the services from the demo master data.
The six-month history (with sales orders, invoices and payments) is seeded by the whole-flow demo, which calls
`apps.purchase_orders.services` the same way; see `demo_purchase_order` below."""

import datetime
from decimal import Decimal

from django.utils import timezone

from . import services
from .models import PurchaseOrder

DEMO_MARK = "DEMO-BUY-"  # supplier confirmation numbers of these orders; seeding again adds nothing

# (days from today to pickup, final status, [(product code, boxes, est. lb per box, price, price unit)])
ORDERS = [
    (6, "draft", [("1001", 40, Decimal("62"), Decimal("9.8500"), "lb")]),
    (5, "sent", [("1009", 36, Decimal("68"), Decimal("405.0000"), "cwt"), ("1007", 20, Decimal("70"), None, None)]),
    (3, "confirmed", [("1003", 60, Decimal("78"), Decimal("8.4500"), "lb")]),
    (2, "confirmed", [("1010", 48, Decimal("72"), Decimal("5.6000"), "lb")]),
    (0, "picked_up", [("1005", 30, Decimal("46"), Decimal("13.7500"), "lb")]),
    (-4, "received", [("1014", 50, Decimal("80"), Decimal("3.8500"), "lb")]),
    (-12, "closed", [("1012", 44, Decimal("30"), Decimal("11.4000"), "lb")]),
    (-8, "cancelled", [("1016", 24, Decimal("50"), Decimal("6.1500"), "lb")]),
]
PATH = ["sent", "confirmed", "picked_up", "received", "closed"]


def demo_purchase_order(tenant, *, by, product, boxes: int, unit_price=None, price_unit=None, **fields):
    """One order of `boxes` boxes of `product` from its supplier and first plant, priced at the product's default
    unless given; extra fields (pickup_date, customer, carrier...) as for create_purchase_order."""
    supplier = fields.pop("supplier", None) or product.supplier
    plant = fields.pop("plant", None) or product.plants.order_by("pk").first()
    weight = (product.box_weight_lbs or Decimal("60")) * boxes
    line = {
        "product": product,
        "boxes": boxes,
        "estimated_weight_lb": weight,
        "unit_price": unit_price if unit_price is not None else (product.default_price or Decimal("0")),
        "price_unit": price_unit or product.price_unit,
    }
    return services.create_purchase_order(tenant, by=by, supplier=supplier, plant=plant, lines=[line], **fields)


def move_to(order, status: str, *, by):
    if status == "cancelled":
        return services.cancel_purchase_order(order, by=by, reason="Plant cancelled the kill day.")
    steps = {
        "sent": services.send_purchase_order,
        "confirmed": services.confirm_purchase_order,
        "picked_up": services.pick_up_purchase_order,
        "received": services.receive_purchase_order,
        "closed": services.close_purchase_order,
    }
    for step in PATH[: PATH.index(status) + 1] if status in PATH else []:
        order = steps[step](order, by=by)
    return order


def seed(tenant, users) -> None:
    from apps.products.models import Product

    if PurchaseOrder.objects.filter(tenant=tenant, supplier_confirmation_number__startswith=DEMO_MARK).exists():
        return
    products = {p.code: p for p in Product.objects.filter(tenant=tenant, supplier__isnull=False)}
    by = users.get("user")
    today = timezone.localdate()
    for index, (days, status, items) in enumerate(ORDERS, start=1):
        rows = [(products.get(code), boxes, box_lb, price, unit) for code, boxes, box_lb, price, unit in items]
        if not rows or any(product is None for product, *_ in rows):
            continue  # the products app has not seeded the item list
        first = rows[0][0]
        lines = [
            {
                "product": product,
                "boxes": boxes,
                "estimated_weight_lb": box_lb * boxes,
                "unit_price": price if price is not None else product.default_price,
                "price_unit": unit or product.price_unit,
            }
            for product, boxes, box_lb, price, unit in rows
        ]
        pickup = today + datetime.timedelta(days=days)
        order = services.create_purchase_order(
            tenant,
            by=by,
            supplier=first.supplier,
            plant=first.plants.order_by("pk").first(),
            order_date=min(today, pickup - datetime.timedelta(days=3)),
            pickup_date=pickup,
            pickup_window_from=datetime.time(6, 0),
            pickup_window_to=datetime.time(11, 0),
            delivery_date=pickup + datetime.timedelta(days=2),
            supplier_confirmation_number=f"{DEMO_MARK}{index:03d}",
            carrier_release_format="both",
            appointment_method="email",
            notes="Reefer pre-cooled to 28 °F; driver needs closed-toe shoes and a hard hat on the dock.",
            lines=lines,
        )
        move_to(order, status, by=by)
