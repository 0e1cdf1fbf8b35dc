"""Resource cases for the generic API tests: customers and their ship-to locations."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.core.testing.factories import MembershipFactory
from apps.customers.tests.factories import CustomerFactory, ShipToLocationFactory
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import existing_or_new

_codes = itertools.count(1)


def make_customer(tenant):
    customer = CustomerFactory(tenant=tenant, sales_rep=MembershipFactory(tenant=tenant), proteins=["beef", "pork"])
    customer.preferred_plants.add(PlantFactory(tenant=tenant))
    return customer


def create_payload(tenant) -> dict:
    return {
        "code": f"NEW-C-{next(_codes):05d}",
        "name": "Gulf Coast Food Service",
        "customer_type": "food_service",
        "industry": "food_service",
        "city": "Houston",
        "state": "TX",
        "postal_code": "77002",
        "proteins": ["beef", "chicken"],
        "preferred_plants": [existing_or_new(PlantFactory, tenant).pk],
        "sales_rep": existing_or_new(MembershipFactory, tenant).pk,
        # No credit terms: those need a manager and a reason (apps/customers/tests/test_credit_controls.py).
    }


def ship_to_payload(tenant) -> dict:
    return {
        "customer": existing_or_new(CustomerFactory, tenant).pk,
        "name": f"Houston DC {next(_codes)}",
        "address_line1": "8800 Market St",
        "city": "Houston",
        "state": "TX",
        "postal_code": "77029",
        "receiving_hours": "Mon-Fri 05:00-13:00",
        "appointment_method": "website",
        "is_default": True,
    }


register(
    ResourceCase(
        basename="customer",
        factory=make_customer,
        create_payload=create_payload,
        update_payload=lambda customer: {"notes": "Prefers morning calls", "name": f"{customer.name} (renamed)"},
        search_term=lambda customer: customer.code,
    ),
    ResourceCase(
        basename="ship-to-location",
        factory=lambda tenant: ShipToLocationFactory(tenant=tenant),
        create_payload=ship_to_payload,
        update_payload=lambda ship_to: {"receiving_hours": "Mon-Sat 03:00-11:00"},
        search_term=lambda ship_to: ship_to.name,
    ),
)
