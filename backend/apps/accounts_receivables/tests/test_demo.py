"""The demo history: made through the services (so the books balance), and seeded only once."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from apps.accounts_receivables import demo
from apps.accounts_receivables.models import Payment, PaymentApplication
from apps.invoices.models import Invoice
from apps.purchase_orders.models import PurchaseOrder
from apps.tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_demo_history_balances_and_is_seeded_once(monkeypatch):
    monkeypatch.setattr(demo, "ORDERS", 24)  # the real run books about 300 truckloads
    call_command("seed_demo", stdout=io.StringIO())
    tenant = Tenant.objects.get(slug="demo")
    history = PurchaseOrder.objects.filter(tenant=tenant, supplier_confirmation_number__startswith=demo.HISTORY_MARK)
    assert history.count() == 24
    invoices = Invoice.objects.filter(tenant=tenant)
    assert invoices.filter(status="paid").exists()
    assert Payment.objects.filter(tenant=tenant).exists()
    for invoice in invoices.annotate(applied=Sum("payment_applications__amount")):
        assert invoice.amount_paid == (invoice.applied or 0), invoice.number
    for payment in Payment.objects.filter(tenant=tenant).annotate(applied=Sum("applications__amount")):
        assert payment.amount - payment.unapplied_amount == payment.applied, payment.number
    counts = (history.count(), invoices.count(), PaymentApplication.objects.count())

    call_command("seed_demo", stdout=io.StringIO())
    assert (history.count(), invoices.count(), PaymentApplication.objects.count()) == counts
