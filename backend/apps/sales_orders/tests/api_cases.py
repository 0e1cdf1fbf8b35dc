"""Resource case for the generic API tests: sales orders (with lines, actions, PDF, credit exposure)."""

from itertools import count

from apps.core.testing.cases import ResourceCase, register
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.suppliers.tests.factories import existing_or_new

from .factories import SalesOrderFactory

# Each payload its own customer PO: the same PO twice for one customer is a 409 (apps.core.services).
_po_numbers = count(77812)


def create_payload(tenant) -> dict:
    product = existing_or_new(ProductFactory, tenant)
    return {
        "customer": existing_or_new(CustomerFactory, tenant).pk,
        "customer_po_number": f"HEB-{next(_po_numbers)}",
        "pickup_date": "2026-12-02",
        "delivery_date": "2026-12-04",
        "notes": "Deliver to dock 4; appointment required.",
        "lines": [
            {
                "product": product.pk,
                "boxes": 24,
                "estimated_weight_lb": "1440.00",
                "unit_price": "5.2500",
                "price_unit": "lb",
            }
        ],
    }


def check_customer_exposure(ctx, path: str, method: str) -> None:
    """Another tenant's customer is 'does not exist' (400); one's own customer answers."""
    customer_b = ctx.rows_b["sales-order"].customer
    response = ctx.client.get(path, {"customer": customer_b.pk})
    if response.status_code != 400:
        ctx.fail(f"GET {path} with tenant B's customer: {response.status_code}, expected 400")
    customer_a = ctx.rows_a["sales-order"].customer
    response = ctx.client.get(path, {"customer": customer_a.pk})
    if response.status_code != 200 or response.json().get("customer") != customer_a.pk:
        ctx.fail(f"GET {path} with tenant A's customer: {response.status_code}, expected 200")


register(
    ResourceCase(
        basename="sales-order",
        factory=lambda tenant: SalesOrderFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda order: {
            "notes": "Customer asked for a morning delivery.",
            "customer_po_number": f"PO-{next(_po_numbers)}",
        },
        search_term=lambda order: order.customer_po_number,
        extra_operations={"get customer-exposure": check_customer_exposure},
    ),
)
