"""Resource case for the generic API tests: products."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new, protein

from .factories import ProductFactory

_numbers = itertools.count(1)


def create_payload(tenant) -> dict:
    n = next(_numbers)
    protein("pork")
    return {
        "code": f"P-{n:04d}",
        "description": f"Pork loin boneless center-cut #{n}",
        "protein": "pork",
        "namp_number": "413a",
        "fresh_frozen": "frozen",
        "pieces_per_carton": 6,
        "box_weight_lbs": "40.00",
        "net_catch": "net",
        "supplier": existing_or_new(SupplierFactory, tenant).pk,
        "plants": [existing_or_new(PlantFactory, tenant).pk],
        "default_price": "2.1500",
        "price_unit": "lb",
        "storage_temp_min_f": "-10",
        "storage_temp_max_f": "0",
    }


register(
    ResourceCase(
        read_back={"namp_number": str.upper},  # NAMP item numbers are stored in capitals
        basename="product",
        factory=lambda tenant: ProductFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda product: {"description": f"{product.description} (revised)", "default_price": "10.25"},
        search_term=lambda product: product.description,
    ),
)
