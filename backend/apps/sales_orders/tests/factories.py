"""Sales orders made the way the app makes them: through services.create_sales_order (numbers, totals, margin)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.sales_orders import services
from apps.sales_orders.models import SalesOrder
from apps.suppliers.tests.factories import protein


def line(product, **overrides) -> dict:
    """A boxed beef line sold per lb: 20 boxes, 1,200 lb estimated, $5.10/lb."""
    return {
        "product": product,
        "description": "Beef chuck roll 116A, USDA Choice",
        "protein": protein("beef"),
        "fresh_frozen": "fresh",
        "boxes": 20,
        "estimated_weight_lb": Decimal("1200.00"),
        "unit_price": Decimal("5.1000"),
        "price_unit": "lb",
        **overrides,
    }


class SalesOrderFactory(DjangoModelFactory):
    """SalesOrderFactory(tenant=t, customer=..., lines=[...], status="delivered") -> a saved order with lines."""

    class Meta:
        model = SalesOrder

    tenant = factory.SubFactory(TenantFactory)
    customer = factory.SubFactory(CustomerFactory, tenant=factory.SelfAttribute("..tenant"))
    customer_po_number = factory.Sequence(lambda n: f"CPO-{n:05d}")
    lines = None

    @classmethod
    def _create(cls, model_class, *args, tenant, customer, lines=None, status=None, by=None, **fields):
        if lines is None:
            lines = [line(ProductFactory(tenant=tenant))]
        order = services.create_sales_order(tenant=tenant, by=by, customer=customer, lines=lines, **fields)
        if status:
            order = move_to(order, status, by=by)
            order.refresh_from_db()
        return order


PATH = ["confirmed", "shipped", "delivered"]


def move_to(order, status: str, *, by=None):
    """Walk an order along the workflow (through the services) up to `status` (invoiced makes the invoice)."""
    if status == "cancelled":
        return services.cancel_sales_order(order, by=by)
    steps = {
        "confirmed": lambda o: services.confirm_sales_order(o, by=by, role="manager"),
        "shipped": lambda o: services.ship_sales_order(o, by=by),
        "delivered": lambda o: services.deliver_sales_order(o, by=by),
    }
    target = "delivered" if status == "invoiced" else status
    for step in PATH[: PATH.index(target) + 1] if target != "draft" else []:
        order = steps[step](order)
    if status == "invoiced":
        from apps.invoices.services import create_invoice_from_sales_order

        for order_line in order.lines.filter(actual_weight_lb__isnull=True):
            order_line.actual_weight_lb = order_line.estimated_weight_lb
            order_line.save()
        create_invoice_from_sales_order(order, by=by)
    return order
