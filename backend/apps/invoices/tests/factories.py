"""Invoices and credit memos made through the services (numbers, totals, balances)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services
from apps.invoices.models import CreditMemo, Invoice
from apps.products.tests.factories import ProductFactory


def invoice_line(product, **overrides) -> dict:
    """1,000 lb at $5.00/lb = $5,000.00."""
    return {
        "product": product,
        "description": "Pork butts bone-in 406",
        "boxes": 20,
        "weight_lb": Decimal("1000.00"),
        "unit_price": Decimal("5.0000"),
        "price_unit": "lb",
        **overrides,
    }


class InvoiceFactory(DjangoModelFactory):
    """InvoiceFactory(tenant=t, issued=True) -> an invoice made by hand (draft unless issued)."""

    class Meta:
        model = Invoice

    tenant = factory.SubFactory(TenantFactory)
    customer = factory.SubFactory(CustomerFactory, tenant=factory.SelfAttribute("..tenant"))
    customer_po_number = factory.Sequence(lambda n: f"BUYER-PO-{n:05d}")
    lines = None

    @classmethod
    def _create(cls, model_class, *args, tenant, customer, lines=None, issued=False, by=None, **fields):
        if lines is None:
            lines = [invoice_line(ProductFactory(tenant=tenant))]
        invoice = services.create_invoice(tenant=tenant, by=by, customer=customer, lines=lines, **fields)
        if issued:
            invoice = services.issue_invoice(invoice, by=by)
        return invoice


class CreditMemoFactory(DjangoModelFactory):
    class Meta:
        model = CreditMemo

    tenant = factory.SubFactory(TenantFactory)
    invoice = factory.SubFactory(InvoiceFactory, tenant=factory.SelfAttribute("..tenant"), issued=True)
    amount = Decimal("125.00")
    reason = "short_weight"
    notes = factory.Sequence(lambda n: f"Short two boxes, claim {n:05d}")

    @classmethod
    def _create(cls, model_class, *args, tenant, invoice, by=None, **fields):
        return services.create_credit_memo(invoice, by=by, **fields)
