"""What the settlement reads from the other apps, in one place: their services where they offer one, else their
rows' public fields (read only). Nothing here writes."""

from __future__ import annotations


def posted_costs(load) -> list[dict]:
    """The bills posted against the load: [{kind: "product"|"freight", currency, amount, document, final}]."""
    from apps.payables.services import posted_costs_for_load

    return posted_costs_for_load(load)


def bill_dimensions(tenant_id, number: str) -> dict:
    """A supplier bill's supplier, and its product / protein when its purchase order has one of each."""
    from apps.payables.models import SupplierBill

    bill = (
        SupplierBill.objects.filter(tenant_id=tenant_id, number=number)
        .select_related("purchase_order")
        .prefetch_related("purchase_order__lines")
        .first()
    )
    if bill is None:
        return {}
    lines = list(bill.purchase_order.lines.all())
    products = {line.product_id for line in lines}
    proteins = {line.protein_id for line in lines}
    dims = {"supplier_id": bill.supplier_id}
    if len(products) == 1 and None not in products:
        dims["product_id"] = products.pop()
    if len(proteins) == 1 and None not in proteins:
        dims["protein_id"] = proteins.pop()
    return dims


def unbilled_purchase_orders(purchase_orders) -> list:
    """The purchase orders with a line that is on no supplier bill (void bills do not count)."""
    from apps.payables.models import SupplierBillLine, SupplierBillStatus

    line_ids = {line.pk: order for order in purchase_orders for line in order.lines.all()}
    billed = set(
        SupplierBillLine.objects.filter(purchase_order_line_id__in=list(line_ids))
        .exclude(bill__status=SupplierBillStatus.VOID)
        .values_list("purchase_order_line_id", flat=True)
    )
    result = []
    for order in purchase_orders:
        if any(line.pk not in billed for line in order.lines.all()) and order not in result:
            result.append(order)
    return result


def cold_storage_for(load, purchase_orders) -> list:
    """Cold storage entries of the load, or of one of its purchase orders without a load of their own."""
    from django.db.models import Q

    from apps.loads.models import ColdStorageEntry

    return list(
        ColdStorageEntry.objects.filter(
            Q(load=load) | Q(load__isnull=True, purchase_order__in=[order.pk for order in purchase_orders]),
            tenant_id=load.tenant_id,
        ).order_by("id")
    )


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
