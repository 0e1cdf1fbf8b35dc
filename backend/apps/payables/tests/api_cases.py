"""Resource cases for the generic API tests: supplier bills (with the declared actions) and the AP reports
(list-level actions checked by extra_operations)."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.loads.tests.factories import LoadFactory
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

from .factories import DebitMemoFactory, FreightBillFactory, PaymentOutFactory, SupplierBillFactory, received_order

_numbers = itertools.count(1)


def bill_payload(tenant) -> dict:
    """Bill a freshly received order as it stands (no lines: the PO's lines at catch weight)."""
    return {
        "purchase_order": received_order(tenant).pk,
        "supplier_invoice_number": f"INV-77{next(_numbers):05d}",
        "bill_date": "2026-11-20",
        "notes": "Packer invoice received by e-mail.",
    }


def _ids(response, key: str) -> set:
    data = response.json()
    rows = data.get(key, []) if isinstance(data, dict) else []
    return {row.get("supplier") for row in rows if isinstance(row, dict)}


def check_report(key: str):
    """The report answers 200 in tenant A and names none of tenant B's suppliers."""

    def check(ctx, path, method):
        response = ctx.client.get(path)
        if response.status_code != 200:
            ctx.fail(f"{method.upper()} {path}: {response.status_code}")
            return
        if ctx.rows_b["accounts-payable"].supplier_id in _ids(response, key):
            ctx.fail(f"{method.upper()} {path}: lists tenant B's supplier")

    return check


def approved_bill(tenant):
    """An approved bill (within tolerance), due in the past so it shows up in every report."""
    import datetime

    return SupplierBillFactory(
        tenant=tenant, bill_date=datetime.date(2026, 1, 5), due_date=datetime.date(2026, 1, 12), submit=True
    )


def payment_out_payload(tenant) -> dict:
    """A check paying part of a freshly approved bill."""
    bill = SupplierBillFactory(tenant=tenant, submit=True)
    return {
        "method": "check",
        "supplier": bill.supplier_id,
        "currency": "USD",
        "payment_date": "2026-11-25",
        "reference": "CHK 20417",
        "notes": "Mailed to the packer's lockbox.",
        "applications": [{"supplier_bill": bill.pk, "amount": "1000.00"}],
    }


register(
    ResourceCase(
        basename="supplier-bill",
        factory=lambda tenant: SupplierBillFactory(tenant=tenant),
        create_payload=bill_payload,
        update_payload=lambda bill: {"notes": "Remit to the packer's lockbox.", "due_date": "2026-12-31"},
        search_term=lambda bill: bill.supplier_invoice_number,
    ),
    ResourceCase(
        basename="freight-bill",
        factory=lambda tenant: FreightBillFactory(tenant=tenant),
        create_payload=lambda tenant: {
            "load": LoadFactory(tenant=tenant).pk,
            "carrier_invoice_number": f"PRO-88{next(_numbers):05d}",
            "bill_date": "2026-11-21",
            "notes": "Freight bill with the signed POD.",
        },
        update_payload=lambda bill: {"notes": "Quick pay declined.", "due_date": "2026-12-30"},
        search_term=lambda bill: bill.carrier_invoice_number,
    ),
    ResourceCase(
        basename="payment-out",
        factory=lambda tenant: PaymentOutFactory(tenant=tenant),
        create_payload=payment_out_payload,
        search_term=lambda payment: payment.reference,
    ),
    ResourceCase(
        basename="debit-memo",
        factory=lambda tenant: DebitMemoFactory(tenant=tenant),
        create_payload=lambda tenant: {
            "supplier": existing_or_new(SupplierFactory, tenant).pk,
            "amount": "212.40",
            "currency": "USD",
            "memo_date": "2026-11-24",
            "reason": "Temperature claim: 3 boxes rejected at receiving.",
            "source": "CLM-2026-000004",
        },
        # Numbers restart in every tenant: the source is what tells tenant B's memo from tenant A's.
        search_term=lambda memo: memo.source,
    ),
    ResourceCase(
        basename="accounts-payable",
        factory=approved_bill,
        extra_operations={
            "get aging": check_report("payees"),
            "get cash-requirements": check_report("items"),
        },
    ),
)
