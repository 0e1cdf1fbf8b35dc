"""Purchase orders made the way the app makes them: through services.create_purchase_order (numbers, totals)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders import services
from apps.purchase_orders.models import PurchaseOrder
from apps.suppliers.tests.factories import SupplierFactory, protein


def line(**overrides) -> dict:
    """A boxed beef line priced per lb: 20 boxes, 1,200 lb estimated, $4.25/lb."""
    return {
        "description": "Beef chuck roll 116A, USDA Choice",
        "protein": protein("beef"),
        "fresh_frozen": "fresh",
        "boxes": 20,
        "estimated_weight_lb": Decimal("1200.00"),
        "unit_price": Decimal("4.2500"),
        "price_unit": "lb",
        **overrides,
    }


class PurchaseOrderFactory(DjangoModelFactory):
    """PurchaseOrderFactory(tenant=t, lines=[...], carrier=..., status=...) -> a saved order with lines."""

    class Meta:
        model = PurchaseOrder

    tenant = factory.SubFactory(TenantFactory)
    supplier = factory.SubFactory(SupplierFactory, tenant=factory.SelfAttribute("..tenant"))
    plant = factory.SubFactory(PlantFactory, tenant=factory.SelfAttribute("..tenant"))
    pickup_date = None
    lines = factory.LazyFunction(lambda: [line()])

    @classmethod
    def _create(cls, model_class, *args, tenant, supplier, lines, status=None, by=None, **fields):
        order = services.create_purchase_order(tenant, by=by, supplier=supplier, lines=lines, **fields)
        if status:
            move_to(order, status)
            order.refresh_from_db()
        return order


PATH = ["sent", "confirmed", "picked_up", "received", "closed"]


def move_to(order, status: str, *, by=None):
    """Walk an order along the workflow (through the services) up to `status`."""
    steps = {
        "sent": services.send_purchase_order,
        "confirmed": services.confirm_purchase_order,
        "picked_up": services.pick_up_purchase_order,
        "received": services.receive_purchase_order,
        "closed": services.close_purchase_order,
    }
    if status == "cancelled":
        return services.cancel_purchase_order(order, by=by)
    for step in PATH[: PATH.index(status) + 1] if status != "draft" else []:
        order = steps[step](order, by=by)
    return order
