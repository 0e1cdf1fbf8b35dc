"""Resource cases for the generic API tests: claims (with the declared actions and their documents)."""

from apps.core.testing.cases import ResourceCase, register
from apps.settlement.tests.factories import delivered_load

from .factories import claim_on_load


def claim_payload(tenant) -> dict:
    invoice = delivered_load(tenant, cold_storage=False)["invoice"]
    return {
        "invoice": invoice.pk,
        "kind": "temperature",
        "claim_date": "2026-11-21",
        "description": "Recorder showed 44 °F for three hours.",
        "amount": "350.00",
        "notes": "Photos of the recorder to follow.",
    }


register(
    ResourceCase(
        basename="claim",
        factory=lambda tenant: claim_on_load(tenant),
        create_payload=claim_payload,
        update_payload=lambda claim: {"description": "Two boxes short.", "amount": "180.00"},
        search_term=lambda claim: claim.invoice.customer.code,  # numbers repeat across tenants
    ),
)
