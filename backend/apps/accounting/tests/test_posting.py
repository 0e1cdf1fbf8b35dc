"""The journal as the money events post it, through each app's own services. Every expected figure is worked out by
hand from the factories' documented figures (never read back from the code under test):

- an invoice made by hand (apps/invoices/tests/factories.py): 1,000 lb x $5.00/lb = $5,000.00;
- a supplier bill of a received PO (apps/payables/tests/factories.py): 1,187.40 lb x $4.25/lb = $5,046.45;
- a freight bill of a new load billed as agreed: $2,450.00 line haul + $185.00 fuel = $2,635.00;
- a delivered load (apps/settlement/tests/factories.py): its invoice 1,187.40 lb x $7.50/lb = $8,905.50 + $150.00
  freight = $9,055.50."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounting import rules, services
from apps.accounting.models import JournalEntry
from apps.accounts_receivables import services as ar_services
from apps.claims import services as claim_services
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services as invoice_services
from apps.invoices.tests.factories import InvoiceFactory
from apps.payables import services as payables
from apps.payables.tests.factories import FreightBillFactory, SupplierBillFactory, received_line, received_order
from apps.settlement.tests.factories import delivered_load
from apps.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


def lines_of(entry) -> list[tuple[str, str, str]]:
    """(account code, debit, credit) per line, as text."""
    return [(line.account_code, str(line.debit), str(line.credit)) for line in entry.lines.order_by("line_number")]


def entries(tenant, **filters):
    return list(JournalEntry.objects.filter(tenant=tenant, **filters).order_by("id"))


def assert_every_entry_balances(tenant) -> None:
    for entry in JournalEntry.objects.filter(tenant=tenant).prefetch_related("lines"):
        debits = sum(line.debit for line in entry.lines.all())
        credits = sum(line.credit for line in entry.lines.all())
        assert debits == credits == entry.amount, f"{entry.number}: {debits} / {credits} / {entry.amount}"


def test_an_issued_invoice_posts_receivable_against_sales_and_its_void_reverses_it(tenant):
    invoice = InvoiceFactory(tenant=tenant, issued=True, invoice_date=datetime.date(2026, 11, 3))
    [entry] = entries(tenant)
    assert (entry.source_kind, entry.source_id, entry.source_number) == ("invoice", invoice.pk, invoice.number)
    assert (entry.event, entry.entry_date, entry.currency) == ("issued", datetime.date(2026, 11, 3), "USD")
    assert entry.partner_name == invoice.customer.name
    assert entry.number == "JE-2026-000001"
    assert lines_of(entry) == [("1100", "5000.00", "0.00"), ("4000", "0.00", "5000.00")]
    assert [line.account_name for line in entry.lines.order_by("line_number")] == ["Accounts Receivable", "Sales"]

    invoice_services.void_invoice(invoice, by=None, reason="Billed the wrong customer.")
    first, reversal = entries(tenant)
    assert first == entry
    assert (reversal.event, reversal.reverses_id, reversal.source_number) == ("voided", entry.pk, invoice.number)
    assert reversal.entry_date == timezone.localdate()  # a reversal is dated the day of the void
    assert lines_of(reversal) == [("1100", "0.00", "5000.00"), ("4000", "5000.00", "0.00")]
    assert_every_entry_balances(tenant)


def test_a_draft_invoice_posts_nothing_not_even_when_voided(tenant):
    invoice = InvoiceFactory(tenant=tenant)
    invoice_services.void_invoice(invoice, by=None, reason="Entered twice.")
    assert entries(tenant) == []


def test_an_invoice_with_freight_credits_freight_income(tenant):
    made = delivered_load(tenant, bill=False, cold_storage=False)
    [entry] = entries(tenant, source_kind="invoice")
    assert lines_of(entry) == [
        ("1100", "9055.50", "0.00"),
        ("4000", "0.00", "8905.50"),
        ("4200", "0.00", "150.00"),
    ]
    assert entry.source_number == made["invoice"].number


def test_a_payment_out_across_three_bills_posts_payables_against_cash(tenant):
    supplier = SupplierFactory(tenant=tenant)
    bills = [
        SupplierBillFactory(tenant=tenant, purchase_order=received_order(tenant, supplier=supplier), submit=True)
        for _ in range(3)
    ]
    for bill in bills:
        [entry] = entries(tenant, source_kind="supplier_bill", source_id=bill.pk)
        assert (entry.event, entry.entry_date, entry.partner_name) == ("approved", bill.bill_date, supplier.name)
        assert lines_of(entry) == [("5000", "5046.45", "0.00"), ("2000", "0.00", "5046.45")]
    payment = payables.create_payment_out(
        tenant=tenant,
        by=None,
        method="ach",
        currency="USD",
        supplier=supplier,
        payment_date=datetime.date(2026, 11, 30),
        reference="ACH 55120",
        applications=[
            {"supplier_bill": bills[0], "amount": Decimal("5046.45")},
            {"supplier_bill": bills[1], "amount": Decimal("5046.45")},
            {"supplier_bill": bills[2], "amount": Decimal("1000.00")},
        ],
    )
    [entry] = entries(tenant, source_kind="payment_out")
    # 5,046.45 + 5,046.45 + 1,000.00 = 11,092.90
    assert lines_of(entry) == [("2000", "11092.90", "0.00"), ("1000", "0.00", "11092.90")]
    assert (entry.entry_date, entry.source_number, entry.partner_name) == (
        datetime.date(2026, 11, 30),
        payment.number,
        supplier.name,
    )

    payables.void_payment_out(payment, by=None, reason="Sent to the wrong account.")
    [_, reversal] = entries(tenant, source_kind="payment_out")
    assert reversal.reverses == entry
    assert lines_of(reversal) == [("2000", "0.00", "11092.90"), ("1000", "11092.90", "0.00")]
    assert_every_entry_balances(tenant)


def test_a_freight_bill_posts_freight_cost_against_payables_and_mark_paid_pays_it(tenant):
    bill = FreightBillFactory(tenant=tenant, submit=True)
    assert bill.status == "approved"
    [entry] = entries(tenant, source_kind="freight_bill")
    assert lines_of(entry) == [("5100", "2635.00", "0.00"), ("2000", "0.00", "2635.00")]
    assert entry.partner_name == bill.carrier.name

    payables.mark_bill_paid(bill, by=None, reason="Quick pay, check 88120")
    [_, paid] = entries(tenant, source_kind="freight_bill")
    assert paid.event == "marked_paid"
    assert lines_of(paid) == [("2000", "2635.00", "0.00"), ("1000", "0.00", "2635.00")]


def test_a_held_bill_posts_when_a_manager_approves_it_and_a_void_before_approval_posts_nothing(tenant):
    # Billed at $4.50 instead of $4.25: a price variance beyond 0.5 % holds it; 1,187.40 x 4.50 = 5,343.30.
    order = received_order(tenant)
    [po_line] = order.lines.all()
    bill = SupplierBillFactory(
        tenant=tenant,
        purchase_order=order,
        lines=[{"purchase_order_line": po_line, "unit_price": Decimal("4.5000")}],
        submit=True,
    )
    assert bill.status == "held" and entries(tenant) == []
    payables.approve_bill(bill, by=None, reason="Market moved; agreed by phone.")
    [entry] = entries(tenant)
    assert lines_of(entry) == [("5000", "5343.30", "0.00"), ("2000", "0.00", "5343.30")]

    draft = SupplierBillFactory(tenant=tenant, purchase_order=received_order(tenant, lines=[received_line()]))
    payables.void_bill(draft, by=None, reason="Duplicate.")
    assert len(entries(tenant)) == 1


def test_a_shortage_claim_approval_posts_the_credit_memo_and_the_chargeback(tenant):
    made = delivered_load(tenant, cold_storage=False)
    claim = claim_services.create_claim(
        tenant=tenant,
        by=None,
        invoice=made["invoice"],
        kind="shortage",
        amount=Decimal("445.28"),
        description="Two boxes short.",
        responsible_supplier=made["supplier"],
        chargeback_amount=Decimal("252.32"),
    )
    claim_services.start_review(claim, by=None)
    claim = claim_services.approve_claim(claim, by=None, reason="POD shows 18 of 20 boxes.")
    [credit] = entries(tenant, source_kind="credit_memo")
    assert (credit.source_number, credit.partner_name) == (claim.credit_memo.number, made["customer"].name)
    assert lines_of(credit) == [("4100", "445.28", "0.00"), ("1100", "0.00", "445.28")]
    [chargeback] = entries(tenant, source_kind="debit_memo")
    assert (chargeback.source_number, chargeback.partner_name) == (claim.debit_memo.number, made["supplier"].name)
    assert lines_of(chargeback) == [("2000", "252.32", "0.00"), ("5200", "0.00", "252.32")]
    assert claim.number in chargeback.description

    payables.void_debit_memo(claim.debit_memo, by=None, reason="Packer disputes it; credited elsewhere.")
    invoice_services.void_credit_memo(claim.credit_memo, by=None)
    [_, dm_back] = entries(tenant, source_kind="debit_memo")
    [_, cm_back] = entries(tenant, source_kind="credit_memo")
    assert lines_of(dm_back) == [("2000", "0.00", "252.32"), ("5200", "252.32", "0.00")]
    assert lines_of(cm_back) == [("4100", "0.00", "445.28"), ("1100", "445.28", "0.00")]
    assert_every_entry_balances(tenant)


def test_a_customer_payment_posts_cash_and_a_correction_or_a_delete_reverses_it(tenant):
    customer = CustomerFactory(tenant=tenant)
    payment = ar_services.record_payment(
        tenant=tenant,
        customer=customer,
        payment_date=datetime.date(2026, 11, 12),
        amount=Decimal("1200.00"),
        payment_method="check",
        reference="CHK 4410",
    )
    [received] = entries(tenant)
    assert (received.event, received.entry_date) == ("received", datetime.date(2026, 11, 12))
    assert lines_of(received) == [("1000", "1200.00", "0.00"), ("1100", "0.00", "1200.00")]

    ar_services.update_payment(payment, notes="Deposited Friday.")  # nothing posted changes
    assert len(entries(tenant)) == 1
    ar_services.update_payment(payment, amount=Decimal("1250.00"))
    _, taken_back, again = entries(tenant)
    assert (taken_back.event, taken_back.reverses) == ("corrected-2", received)
    assert lines_of(taken_back) == [("1000", "0.00", "1200.00"), ("1100", "1200.00", "0.00")]
    assert again.event == "received-2"
    assert lines_of(again) == [("1000", "1250.00", "0.00"), ("1100", "0.00", "1250.00")]

    ar_services.delete_payment(payment)
    deleted = entries(tenant)[-1]
    assert (deleted.event, deleted.reverses) == ("deleted", again)
    assert lines_of(deleted) == [("1000", "0.00", "1250.00"), ("1100", "1250.00", "0.00")]
    assert deleted.source_number == payment.number


def test_two_currencies_give_separate_entries(tenant):
    InvoiceFactory(tenant=tenant, customer=CustomerFactory(tenant=tenant, currency="CAD"), currency="CAD", issued=True)
    InvoiceFactory(tenant=tenant, issued=True)
    cad, usd = entries(tenant)
    assert (cad.currency, usd.currency) == ("CAD", "USD")
    assert cad.amount == usd.amount == Decimal("5000.00")


def test_an_event_posts_once(tenant):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    services.post_event(invoice, "issued")
    services.post_event(invoice, "issued")
    assert len(entries(tenant)) == 1
    assert services.post_missing(tenant) == 0


def test_an_unbalanced_posting_is_refused_and_fails_its_event(tenant, monkeypatch):
    def lopsided(invoice):
        [posting] = rules.invoice_issued(invoice)
        posting.lines = [rules.debit("accounts_receivable", invoice.total), rules.credit("sales", "4999.99")]
        return [posting]

    monkeypatch.setitem(rules.RULES, ("invoices.invoice", "issued"), lopsided)
    invoice = InvoiceFactory(tenant=tenant)
    with pytest.raises(services.UnbalancedEntry, match="debits 5000.00 and credits 4999.99 differ by 0.01"):
        invoice_services.issue_invoice(invoice, by=None)
    invoice.refresh_from_db()
    assert invoice.status == "draft" and invoice.issued_at is None  # the issue rolled back with the posting
    assert entries(tenant) == []


def test_a_line_on_both_sides_or_an_unknown_event_is_refused(tenant):
    invoice = InvoiceFactory(tenant=tenant)
    posting = rules.Posting(
        tenant=tenant,
        source_kind="invoice",
        source_id=invoice.pk,
        source_number=invoice.number,
        event="test",
        entry_date=datetime.date(2026, 11, 1),
        partner_name="",
        currency="USD",
        description="Both sides",
        lines=[("cash", Decimal("1.00"), Decimal("1.00"), "")],
    )
    with pytest.raises(services.UnbalancedEntry, match="a line is 1.00 debit and 1.00 credit"):
        services.post_entry(posting)
    with pytest.raises(Exception, match="No journal rule for invoices.invoice 'sent'"):
        services.post_event(invoice, "sent")


def test_the_backfill_posts_what_is_missing_once(tenant):
    """Documents from before the journal: their entries are posted by post_missing, in date order, once."""
    old = InvoiceFactory(tenant=tenant, issued=True, invoice_date=datetime.date(2026, 3, 2))
    newer = InvoiceFactory(tenant=tenant, issued=True, invoice_date=datetime.date(2026, 2, 1))
    invoice_services.void_invoice(old, by=None, reason="Wrong price.")
    bill = FreightBillFactory(tenant=tenant, submit=True)
    from apps.accounting.models import JournalLine

    JournalLine.objects.filter(tenant=tenant).delete()
    JournalEntry.objects.filter(tenant=tenant, reverses__isnull=False).delete()
    JournalEntry.objects.filter(tenant=tenant).delete()

    assert services.post_missing(tenant) == 4  # two invoices issued, one voided, the freight bill approved
    assert services.post_missing(tenant) == 0
    issued = entries(tenant, event="issued")
    # Date order: February's invoice before March's
    assert [entry.source_number for entry in issued] == [newer.number, old.number]
    assert issued[0].number < issued[1].number  # numbered in date order too
    assert entries(tenant, event="voided")[0].reverses == entries(tenant, source_id=old.pk, event="issued")[0]
    assert entries(tenant, source_kind="freight_bill")[0].source_number == bill.number
    assert_every_entry_balances(tenant)
