"""Claims made through apps.claims.services, against an issued invoice of a delivered load."""

from decimal import Decimal

from apps.claims import services
from apps.settlement.tests.factories import delivered_load


def claim_on_load(tenant, *, by=None, **fields):
    """A shortage claim of $100.00 on the invoice of a freshly delivered, invoiced load."""
    made = delivered_load(tenant, cold_storage=False)
    return services.create_claim(
        tenant=tenant,
        by=by,
        invoice=made["invoice"],
        kind=fields.pop("kind", "shortage"),
        amount=fields.pop("amount", Decimal("100.00")),
        description=fields.pop("description", "One box short at the dock."),
        **fields,
    )
