"""Resource cases for the generic API tests: payments, the AR reports (list-level actions checked by
extra_operations) and the customer statement (keyed by customer id, so its detail actions get the 404 check)."""

import datetime
import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.customers.tests.factories import CustomerFactory
from apps.suppliers.tests.factories import existing_or_new

from .factories import PaymentFactory, open_invoice

_references = itertools.count(1)


def payment_payload(tenant) -> dict:
    return {
        "customer": existing_or_new(CustomerFactory, tenant).pk,
        "payment_date": "2026-11-20",
        "amount": "18250.40",
        "payment_method": "ach",
        "reference": f"ACH TRACE 0210000{next(_references):05d}",
        "notes": "Remittance for the October loads.",
    }


def _b_ids(ctx, response, key: str) -> set:
    data = response.json()
    rows = data.get("results", data.get("customers", [])) if isinstance(data, dict) else data
    return {row.get(key) for row in rows if isinstance(row, dict)}


def check_report(key: str):
    """The report answers 200 in tenant A and names none of tenant B's customers."""

    def check(ctx, path, method):
        response = ctx.client.get(path)
        if response.status_code != 200:
            ctx.fail(f"{method.upper()} {path}: {response.status_code}")
            return
        customer_b = ctx.rows_b["customer-statement"].pk
        customers_b = {customer_b, ctx.rows_b["accounts-receivable"].customer_id}
        if _b_ids(ctx, response, key) & customers_b:
            ctx.fail(f"{method.upper()} {path}: lists tenant B's customer")

    return check


def overdue_invoice_with_credit(tenant):
    invoice = open_invoice(tenant, invoice_date=datetime.date(2026, 1, 2), due_date=datetime.date(2026, 1, 16))
    PaymentFactory(tenant=tenant, customer=invoice.customer)
    return invoice


register(
    ResourceCase(
        basename="payment",
        factory=lambda tenant: PaymentFactory(tenant=tenant),
        create_payload=payment_payload,
        update_payload=lambda payment: {"reference": "CHK 20931", "notes": "Check scanned"},
        search_term=lambda payment: payment.number,
    ),
    ResourceCase(
        basename="accounts-receivable",
        # an overdue open invoice with some credit on account: tenant B shows up in every report of its own
        factory=overdue_invoice_with_credit,
        extra_operations={
            "get aging": check_report("customer"),
            "get overdue": check_report("customer"),
            "get credits": check_report("customer"),
        },
    ),
    ResourceCase(basename="customer-statement", factory=lambda tenant: CustomerFactory(tenant=tenant)),
)
