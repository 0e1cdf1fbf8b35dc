"""The payables demo data: made through the services (bills matched, a freight bill held for detention, a
payment out across bills with balances that add up) and seeded only once."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from apps.accounts_receivables import demo as receivables_demo
from apps.payables.models import DebitMemo, FreightBill, PaymentOut, SupplierBill
from apps.tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_demo_payables_are_real_and_seeded_once(monkeypatch):
    monkeypatch.setattr(receivables_demo, "ORDERS", 24)  # the real run books about 300 truckloads
    call_command("seed_demo", stdout=io.StringIO())
    tenant = Tenant.objects.get(slug="demo")
    bills = SupplierBill.objects.filter(tenant=tenant)
    assert bills.count() == 3
    assert bills.filter(status="held").count() == 1  # billed 3 % over the PO price
    assert FreightBill.objects.get(tenant=tenant).status == "held"  # detention above the rate con
    [payment] = PaymentOut.objects.filter(tenant=tenant)
    applied = payment.applications.aggregate(total=Sum("amount"))["total"]
    assert payment.amount == applied
    for bill in bills.annotate(applied=Sum("payment_applications__amount")):
        assert bill.amount_paid == (bill.applied or 0), bill.number
        assert bill.balance_due == bill.total - bill.amount_paid
    assert DebitMemo.objects.filter(tenant=tenant, status="open").count() == 1
    counts = (bills.count(), FreightBill.objects.count(), PaymentOut.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (bills.count(), FreightBill.objects.count(), PaymentOut.objects.count()) == counts
