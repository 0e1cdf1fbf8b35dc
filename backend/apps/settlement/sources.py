"""What the settlement reads from the other apps, in one place, always through their services (never their
models). Nothing here writes."""

from __future__ import annotations


def posted_costs(load) -> list[dict]:
    """The bills posted against the load: [{kind: "product"|"freight", currency, amount, document, final}]."""
    from apps.payables.services import posted_costs_for_load

    return posted_costs_for_load(load)


def bill_dimensions(tenant_id, number: str) -> dict:
    """A supplier bill's supplier, and its product / protein when its purchase order has one of each."""
    from apps.payables.services import bill_dimensions as dimensions

    return dimensions(tenant_id, number)


def unbilled_purchase_orders(purchase_orders) -> list:
    """The purchase orders with a line that is on no supplier bill (void bills do not count)."""
    from apps.payables.services import unbilled_purchase_orders as unbilled

    return unbilled(purchase_orders)


def cold_storage_for(load, purchase_orders) -> list:
    """Cold storage entries of the load, or of one of its purchase orders without a load of their own."""
    from apps.loads.services import cold_storage_for as entries

    return entries(load, purchase_orders)


def claim_figures(load) -> list[dict]:
    """Approved claims of the load: the customer's credit (+) and each chargeback (-)."""
    from apps.claims.services import settlement_figures

    return settlement_figures(load)


def claim_credit_memo_ids(load) -> set[int]:
    """Credit memos that are a claim's (counted under claims, not as less revenue)."""
    from apps.claims.services import credit_memo_ids

    return credit_memo_ids(load)


def open_claims(load) -> list[dict]:
    """The load's claims still open or under review: [{number, status}]."""
    from apps.claims.services import open_claims_of_load

    return open_claims_of_load(load)
