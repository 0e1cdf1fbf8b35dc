"""Resource case for the generic API tests: contacts."""

import itertools

from apps.contacts.tests.factories import ContactFactory
from apps.core.testing.cases import ResourceCase, register
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

_emails = itertools.count(1)


def create_payload(tenant) -> dict:
    return {
        "first_name": "Maria",
        "last_name": "Gonzalez",
        "title": "Beef Sales",
        "contact_types": ["sales", "coa"],
        "email": f"maria.gonzalez{next(_emails)}@example.com",
        "main_phone": "806-555-0133",
        "supplier": existing_or_new(SupplierFactory, tenant).pk,
    }


register(
    ResourceCase(
        basename="contact",
        factory=lambda tenant: ContactFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda contact: {"title": "Director of Sales", "is_primary": True},
        search_term=lambda contact: contact.email,
    )
)
