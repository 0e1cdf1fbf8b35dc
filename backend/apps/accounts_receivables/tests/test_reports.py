"""AR aging as of any date (bucket edges to the day), the overdue list, the customer statement (JSON, PDF,
e-mail) and their scoping to the request's tenant."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts_receivables import reports, services
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.services import create_credit_memo, create_invoice
from apps.products.tests.factories import ProductFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import PaymentFactory, open_invoice

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2026, 11, 30)
AGING_URL = "/api/v1/accounts-receivables/aging/"


def pay(invoice, amount, on):
    payment = PaymentFactory(tenant=invoice.tenant, customer=invoice.customer, amount=Decimal(amount), payment_date=on)
    services.apply_payment(payment, [(invoice, amount)], by=None)
    return payment


@pytest.fixture
def book():
    """Invoices of two customers whose due dates sit on every bucket edge as of 2026-11-30."""
    tenant = TenantFactory()
    acme, bravo = CustomerFactory(tenant=tenant, name="Acme Meats"), CustomerFactory(tenant=tenant, name="Bravo Foods")
    by_due = {}
    for due, total in [
        (D(2026, 11, 30), "100.00"),  # due today: current
        (D(2026, 11, 29), "200.00"),  # 1 day: 1-30
        (D(2026, 10, 31), "300.00"),  # 30 days: 1-30
        (D(2026, 10, 30), "400.00"),  # 31 days: 31-60
        (D(2026, 10, 1), "500.00"),  # 60 days: 31-60
        (D(2026, 9, 30), "600.00"),  # 61 days: 61-90
        (D(2026, 9, 1), "700.00"),  # 90 days: 61-90
        (D(2026, 8, 31), "800.00"),  # 91 days: over 90
    ]:
        by_due[due] = open_invoice(tenant, customer=acme, total=total, invoice_date=D(2026, 8, 1), due_date=due)
    create_credit_memo(
        by_due[D(2026, 11, 30)], by=None, amount="50.00", reason="short_weight", memo_date=D(2026, 11, 10)
    )
    create_credit_memo(
        by_due[D(2026, 11, 29)], by=None, amount="20.00", reason="price_adjustment", memo_date=D(2026, 12, 2)
    )
    pay(by_due[D(2026, 8, 31)], "100.00", D(2026, 12, 5))  # after the as-of date
    bravo_invoice = open_invoice(
        tenant, customer=bravo, total="1000.00", invoice_date=D(2026, 11, 15), due_date=D(2026, 12, 15)
    )
    pay(bravo_invoice, "250.00", D(2026, 11, 20))
    open_invoice(tenant, customer=bravo, total="999.00", invoice_date=D(2026, 12, 1), due_date=D(2026, 12, 31))
    create_invoice(  # a draft is no receivable
        tenant=tenant,
        by=None,
        customer=bravo,
        invoice_date=D(2026, 11, 1),
        lines=[
            {"product": ProductFactory(tenant=tenant), "boxes": 1, "unit_price": Decimal("5000"), "price_unit": "each"}
        ],
    )
    return {"tenant": tenant, "acme": acme, "bravo": bravo, "by_due": by_due}


def money(value: str) -> Decimal:
    return Decimal(value)


def test_aging_buckets_by_days_past_due_to_the_day(book):
    report = reports.aging(book["tenant"], AS_OF)
    acme, bravo = report["customers"]
    assert acme["customer"] == book["acme"].pk
    assert {bucket: acme[bucket] for bucket in reports.BUCKETS} == {
        "current": money("50.00"),  # 100 less the credit memo of 11-10
        "days_1_30": money("500.00"),  # the 12-02 credit memo is not counted yet
        "days_31_60": money("900.00"),
        "days_61_90": money("1300.00"),
        "days_over_90": money("800.00"),  # the 12-05 payment is not counted yet
    }
    assert acme["total"] == money("3550.00")
    assert bravo["current"] == money("750.00") and bravo["total"] == money("750.00")
    assert report["totals"] == [
        {
            "currency": "USD",
            "current": money("800.00"),
            "days_1_30": money("500.00"),
            "days_31_60": money("900.00"),
            "days_61_90": money("1300.00"),
            "days_over_90": money("800.00"),
            "total": money("4300.00"),
        }
    ]


def test_aging_later_counts_later_payments_and_credit_memos(book):
    report = reports.aging(book["tenant"], D(2026, 12, 10))
    acme = report["customers"][0]
    assert acme["days_over_90"] == money("1400.00")  # 700 (91+ days by now) + 800 - 100 paid
    assert report["totals"][0]["total"] == money("3550.00") - money("20.00") - money("100.00") + money(
        "750.00"
    ) + money("999.00")


def test_aging_before_anything_was_invoiced_is_empty(book):
    report = reports.aging(book["tenant"], D(2026, 7, 31))
    assert report["customers"] == [] and report["totals"][0]["total"] == 0


def test_aging_api_as_of_and_bad_date(book):
    client = client_for(member(book["tenant"], Role.READONLY), book["tenant"])
    response = client.get(AGING_URL, {"as_of": "2026-11-30"})
    assert response.status_code == 200
    assert response.json()["totals"][0]["days_61_90"] == "1300.00"
    assert client.get(AGING_URL, {"as_of": "30/11/2026"}).status_code == 400


def test_aging_query_count_does_not_grow_with_invoices(book):
    client = client_for(member(book["tenant"], Role.OWNER), book["tenant"])
    with CaptureQueriesContext(connection) as few:
        client.get(AGING_URL, {"as_of": "2026-11-30"})
    for _ in range(15):
        open_invoice(
            book["tenant"], customer=CustomerFactory(tenant=book["tenant"]), total="10.00", invoice_date=D(2026, 9, 1)
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(AGING_URL, {"as_of": "2026-11-30"})
    assert len(response.json()["customers"]) == 17
    assert len(many) == len(few)


def test_overdue_list_is_invoices_past_due_with_a_balance_most_overdue_first():
    tenant = TenantFactory()
    today = timezone.localdate()
    customer = CustomerFactory(tenant=tenant)
    late = open_invoice(
        tenant,
        customer=customer,
        total="300.00",
        invoice_date=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=45),
    )
    later = open_invoice(
        tenant,
        customer=customer,
        total="200.00",
        invoice_date=today - datetime.timedelta(days=20),
        due_date=today - datetime.timedelta(days=6),
    )
    open_invoice(
        tenant, customer=customer, total="100.00", invoice_date=today, due_date=today
    )  # due today: not overdue
    paid = open_invoice(
        tenant,
        customer=customer,
        total="50.00",
        invoice_date=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=30),
    )
    pay(paid, "50.00", today)
    pay(later, "80.00", today)
    body = client_for(member(tenant, Role.READONLY), tenant).get("/api/v1/accounts-receivables/overdue/").json()
    assert [(row["number"], row["days_past_due"], row["balance_due"]) for row in body["results"]] == [
        (late.number, 45, "300.00"),
        (later.number, 6, "120.00"),
    ]


# --- statement ------------------------------------------------------------------------------------


def statement_url(customer) -> str:
    return f"/api/v1/accounts-receivables/statement/{customer.pk}/"


def test_statement_has_opening_balance_running_balance_and_closing_equal_to_open_items_less_credit(book):
    acme = book["acme"]
    unapplied = PaymentFactory(
        tenant=book["tenant"], customer=acme, amount=Decimal("75.00"), payment_date=D(2026, 11, 25)
    )
    client = client_for(member(book["tenant"], Role.READONLY), book["tenant"])
    body = client.get(statement_url(acme), {"start": "2026-11-01", "end": "2026-11-30"}).json()
    assert body["opening_balance"] == "3600.00"  # every invoice dated 08-01, nothing paid or credited before 11-01
    assert [
        (line["kind"], line["number"], line["charges"], line["credits"], line["balance"]) for line in body["lines"]
    ] == [
        ("credit_memo", body["lines"][0]["number"], "0.00", "50.00", "3550.00"),
        ("payment", unapplied.number, "0.00", "75.00", "3475.00"),
    ]
    assert body["closing_balance"] == "3475.00"
    assert body["unapplied_credit"] == "75.00"
    assert sum(Decimal(row["balance_due"]) for row in body["open_invoices"]) - Decimal("75.00") == Decimal("3475.00")
    assert body["aging"]["days_over_90"] == "800.00"


def test_statement_pdf_by_format_and_by_path_and_send_by_email(book):
    acme = book["acme"]
    acme.email = "ap@acmemeats.example"
    acme.save()
    client = client_for(member(book["tenant"], Role.USER), book["tenant"])
    as_query = client.get(statement_url(acme), {"format": "pdf", "end": "2026-11-30"})
    assert as_query.status_code == 200 and as_query["Content-Type"] == "application/pdf"
    assert as_query.content.startswith(b"%PDF")
    by_path = client.get(f"{statement_url(acme)}pdf/", {"end": "2026-11-30"})
    assert by_path.status_code == 200 and by_path.content.startswith(b"%PDF")
    sent = client.post(f"{statement_url(acme)}send/", {})
    assert sent.status_code == 200, sent.content
    assert mail.outbox[-1].to == ["ap@acmemeats.example"]
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


def test_statement_of_another_tenants_customer_is_404(book):
    other = TenantFactory()
    client = client_for(member(other, Role.OWNER), other)
    assert client.get(statement_url(book["acme"])).status_code == 404
    assert client.get(f"{statement_url(book['acme'])}pdf/").status_code == 404
    assert client.get(AGING_URL, {"as_of": "2026-11-30"}).json()["customers"] == []


def test_readonly_members_read_statements_but_do_not_send_them(book):
    client = client_for(member(book["tenant"], Role.READONLY), book["tenant"])
    assert client.get(statement_url(book["acme"])).status_code == 200
    assert client.post(f"{statement_url(book['acme'])}send/", {"to": ["ap@acme.example"]}).status_code == 403
    assert mail.outbox == []
