"""Resource case for the generic API tests: suppliers."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

_codes = itertools.count(1)


def make_supplier(tenant):
    # Linked plants and proteins make the list exercise its prefetches (links do not block a delete).
    supplier = SupplierFactory(tenant=tenant, proteins=["beef", "pork"])
    supplier.plants.add(PlantFactory(tenant=tenant))
    return supplier


def create_payload(tenant) -> dict:
    return {
        "code": f"NEW-S-{next(_codes):05d}",
        "name": "Heartland Beef Packers",
        "supplier_type": "packer",
        "city": "Amarillo",
        "state": "TX",
        "postal_code": "79101",
        "proteins": ["beef"],
        "plants": [existing_or_new(PlantFactory, tenant).pk],
        "certificates": ["sqf", "halal"],
        "payment_terms_days": 10,
        "credit_limit": "500000.00",
        "quality_rating": 4,
    }


register(
    ResourceCase(
        basename="supplier",
        factory=make_supplier,
        create_payload=create_payload,
        update_payload=lambda supplier: {"name": f"{supplier.name} (renamed)", "quality_rating": 5},
        search_term=lambda supplier: supplier.code,
    )
)
