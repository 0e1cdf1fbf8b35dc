"""Resource case for the generic API tests: plants."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

_codes = itertools.count(1)


def create_payload(tenant) -> dict:
    number = next(_codes)
    return {
        "code": f"NEW-PL-{number:05d}",
        "name": "Cactus Beef Plant",
        "establishment_number": f"EST. {90000 + number}C",
        "plant_type": "slaughter",
        "supplier": existing_or_new(SupplierFactory, tenant).pk,
        "city": "Cactus",
        "state": "TX",
        "postal_code": "79013",
        "proteins": ["beef"],
        "capacity": 6000,
        "capacity_unit": "head_per_day",
    }


register(
    ResourceCase(
        basename="plant",
        factory=lambda tenant: PlantFactory(tenant=tenant, supplier=SupplierFactory(tenant=tenant)),
        create_payload=create_payload,
        update_payload=lambda plant: {"manager_name": "Dale Hoffman", "is_active": False},
        search_term=lambda plant: plant.code,
    )
)
