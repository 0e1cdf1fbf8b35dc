import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.accounts_receivables.models import Payment
from apps.core.choices import PaymentMethod
from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory


class PaymentFactory(DjangoModelFactory):
    """An unapplied payment (all of it customer credit); apply it with services.apply_payment."""

    class Meta:
        model = Payment

    tenant = factory.SubFactory(TenantFactory)
    customer = factory.SubFactory(CustomerFactory, tenant=factory.SelfAttribute("..tenant"))
    number = factory.Sequence(lambda n: f"PMT-2026-{n:06d}")
    payment_date = datetime.date(2026, 11, 2)
    amount = Decimal("2500.00")
    unapplied_amount = factory.SelfAttribute("amount")
    payment_method = PaymentMethod.CHECK
    reference = factory.Sequence(lambda n: f"CHK {10400 + n}")


def open_invoice(tenant, *, customer=None, total="1000.00", invoice_date=datetime.date(2026, 10, 1), due_date=None):
    """An issued invoice of `total` (one line priced per each) made through the invoices app's services."""
    from apps.invoices.services import create_invoice, issue_invoice
    from apps.products.models import Product
    from apps.products.tests.factories import ProductFactory

    customer = customer or CustomerFactory(tenant=tenant)
    product = Product.objects.filter(tenant=tenant).order_by("pk").first() or ProductFactory(tenant=tenant)
    fields = {"invoice_date": invoice_date}
    if due_date is not None:
        fields["due_date"] = due_date
    invoice = create_invoice(
        tenant=tenant,
        by=None,
        customer=customer,
        lines=[{"product": product, "boxes": 1, "unit_price": Decimal(total), "price_unit": "each"}],
        **fields,
    )
    return issue_invoice(invoice, by=None)
