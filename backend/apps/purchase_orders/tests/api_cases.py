"""Resource case for the generic API tests: purchase orders (with nested lines)."""

from apps.core.testing.cases import ResourceCase, register
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

from .factories import PurchaseOrderFactory


def create_payload(tenant) -> dict:
    return {
        "supplier": existing_or_new(SupplierFactory, tenant).pk,
        "plant": existing_or_new(PlantFactory, tenant).pk,
        "order_date": "2026-11-02",
        "pickup_date": "2026-11-05",
        "pickup_window_from": "06:00",
        "pickup_window_to": "10:00",
        "freight_terms": "fob_plant",
        "lines": [
            {
                "description": "Pork loin boneless 1/4 trim",
                "fresh_frozen": "fresh",
                "boxes": 40,
                "estimated_weight_lb": "2400.00",
                "unit_price": "1.8500",
                "price_unit": "lb",
            }
        ],
    }


register(
    ResourceCase(
        basename="purchase-order",
        factory=lambda tenant: PurchaseOrderFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda order: {"notes": "Driver to call 1 hour out.", "carrier_release_number": "REL-7781"},
        search_term=lambda order: order.supplier.code,  # numbers repeat across tenants
    ),
)
