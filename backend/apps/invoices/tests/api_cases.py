"""Resource cases for the generic API tests: invoices (actions and PDF included) and credit memos."""

from decimal import Decimal

from apps.core.testing.cases import ResourceCase, register
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.models import RECEIVABLE_STATUSES, Invoice
from apps.products.tests.factories import ProductFactory
from apps.suppliers.tests.factories import existing_or_new

from .factories import CreditMemoFactory, InvoiceFactory


def invoice_payload(tenant) -> dict:
    return {
        "customer": existing_or_new(CustomerFactory, tenant).pk,
        "customer_po_number": "SYS-22019",
        "freight_amount": "350.00",
        "lines": [
            {
                "product": existing_or_new(ProductFactory, tenant).pk,
                "description": "Beef 81/19 trim, fresh",
                "boxes": 40,
                "weight_lb": "2400.00",
                "unit_price": "2.8750",
                "price_unit": "lb",
            }
        ],
    }


def open_invoice(tenant) -> Invoice:
    """An issued invoice of the tenant with room for a small credit (an existing one when there is one)."""
    invoice = (
        Invoice.objects.filter(tenant=tenant, status__in=RECEIVABLE_STATUSES, balance_due__gte=Decimal("50"))
        .order_by("pk")
        .first()
    )
    return invoice or InvoiceFactory(tenant=tenant, issued=True)


def credit_memo_payload(tenant) -> dict:
    return {
        "invoice": open_invoice(tenant).pk,
        "reason": "short_weight",
        "amount": "42.50",
        "notes": "Two boxes short on delivery.",
    }


register(
    ResourceCase(
        basename="invoice",
        factory=lambda tenant: InvoiceFactory(tenant=tenant),
        create_payload=invoice_payload,
        update_payload=lambda invoice: {"notes": "Remit to the lockbox.", "tax_amount": "12.40"},
        search_term=lambda invoice: invoice.customer_po_number,
    ),
    ResourceCase(
        basename="credit-memo",
        factory=lambda tenant: CreditMemoFactory(tenant=tenant),
        create_payload=credit_memo_payload,
        update_payload=lambda memo: {"notes": "Agreed with the buyer by phone."},
        search_term=lambda memo: memo.notes,
        soft_delete=True,
    ),
)
