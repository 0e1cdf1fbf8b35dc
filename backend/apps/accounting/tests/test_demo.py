"""The demo tenant gets its journal: seed_demo ends with the accounting step (post_journal for the demo tenant), so
every issued invoice, approved bill, payment and memo of the demo business has its entries, each balanced, and a
second seed (or `post_journal`) posts nothing more."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from apps.accounting.models import JournalEntry, JournalLine
from apps.accounts_receivables import demo as receivables_demo
from apps.accounts_receivables.models import Payment
from apps.invoices.models import Invoice
from apps.payables.models import PaymentOut, SupplierBill
from apps.tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_seed_demo_posts_the_demo_journal_once(monkeypatch):
    monkeypatch.setattr(receivables_demo, "ORDERS", 24)  # the real run books about 300 truckloads
    call_command("seed_demo", stdout=io.StringIO())
    tenant = Tenant.objects.get(slug="demo")
    journal = JournalEntry.objects.filter(tenant=tenant)
    issued = Invoice.objects.filter(tenant=tenant, issued_at__isnull=False, total__gt=0)
    assert issued.exists()
    assert journal.filter(source_kind="invoice", event="issued").count() == issued.count()
    assert journal.filter(source_kind="customer_payment", event="received").count() == (
        Payment.objects.filter(tenant=tenant).count()
    )
    assert journal.filter(source_kind="supplier_bill", event="approved").count() == (
        SupplierBill.objects.filter(tenant=tenant, approved_at__isnull=False).count()
    )
    assert journal.filter(source_kind="payment_out").count() == PaymentOut.objects.filter(tenant=tenant).count()
    # Receivables in the journal = what the issued invoices totalled, per currency (no voids in the demo).
    for currency in issued.values_list("currency", flat=True).distinct():
        billed = issued.filter(currency=currency).aggregate(total=Sum("total"))["total"]
        posted = JournalLine.objects.filter(
            tenant=tenant, entry__source_kind="invoice", entry__currency=currency, account_code="1100"
        ).aggregate(total=Sum("debit"))["total"]
        assert posted == billed, currency
    for row in journal.annotate(debits=Sum("lines__debit"), credits=Sum("lines__credit")).values(
        "number", "debits", "credits", "amount"
    ):
        assert row["debits"] == row["credits"] == row["amount"], row
    count = journal.count()
    out = io.StringIO()
    call_command("post_journal", tenant=["demo"], stdout=out)
    assert "demo: 0 journal entries posted" in out.getvalue()
    assert journal.count() == count
