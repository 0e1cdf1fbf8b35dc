"""Money in two currencies is never added together: one customer owing 1,000.00 USD and 700.00 CAD has two aging
rows, two totals, two statements, and the dashboard and the chat lead with the reporting currency and list the
other apart. A payment carries its currency and applies only to invoices in it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts_receivables import reports, services
from apps.ai_assistant.chat import ChatTools
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import open_invoice

pytestmark = pytest.mark.django_db
API = "/api/v1"


def invoice_in(tenant, customer, total, currency, due_in_days=10):
    from apps.invoices.services import create_invoice, issue_invoice
    from apps.products.tests.factories import ProductFactory

    today = timezone.localdate()
    invoice = create_invoice(
        tenant=tenant,
        by=None,
        customer=customer,
        currency=currency,
        invoice_date=today - datetime.timedelta(days=max(5, 5 - due_in_days)),
        due_date=today + datetime.timedelta(days=due_in_days),
        lines=[
            {"product": ProductFactory(tenant=tenant), "boxes": 1, "unit_price": Decimal(total), "price_unit": "each"}
        ],
    )
    return issue_invoice(invoice, by=None)


@pytest.fixture
def two_currencies():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant, name="Maple Leaf Foods", currency="USD")
    usd = invoice_in(tenant, customer, "1000.00", "USD")
    cad = invoice_in(tenant, customer, "700.00", "CAD", due_in_days=-40)  # 40 days past due
    return {"tenant": tenant, "customer": customer, "usd": usd, "cad": cad}


def test_aging_has_a_row_and_a_total_per_currency(two_currencies):
    tenant, customer = two_currencies["tenant"], two_currencies["customer"]
    client = client_for(member(tenant, Role.READONLY), tenant)
    body = client.get(f"{API}/accounts-receivables/aging/").json()
    assert body["currency"] == "USD"
    rows = [(row["customer"], row["currency"], row["total"], row["days_31_60"]) for row in body["customers"]]
    assert rows == [(customer.pk, "CAD", "700.00", "700.00"), (customer.pk, "USD", "1000.00", "0.00")]
    totals = [(row["currency"], row["total"]) for row in body["totals"]]
    assert totals == [("USD", "1000.00"), ("CAD", "700.00")]  # the reporting currency first; never 1,700.00
    assert "1700.00" not in str(body)


def test_reporting_currency_is_the_tenants_setting(two_currencies):
    tenant = two_currencies["tenant"]
    tenant.settings = {"base_currency": "CAD"}
    tenant.save()
    report = reports.aging(tenant, timezone.localdate())
    assert [row["currency"] for row in report["totals"]] == ["CAD", "USD"]


def test_an_unknown_base_currency_setting_is_refused():
    tenant = TenantFactory()
    client = client_for(member(tenant, Role.OWNER), tenant)
    response = client.patch(f"{API}/tenants/{tenant.pk}/", {"settings": {"base_currency": "EUR"}}, format="json")
    assert response.status_code == 400, response.content
    assert "base_currency" in str(response.json())


def test_dashboard_leads_with_the_reporting_currency_and_lists_the_other_apart(two_currencies):
    tenant = two_currencies["tenant"]
    client = client_for(member(tenant, Role.READONLY), tenant)
    body = client.get(f"{API}/dashboard/").json()
    assert body["currency"] == "USD"
    assert body["receivables"]["outstanding"] == "1000.00"
    assert body["receivables"]["overdue"] == "0.00"
    (cad,) = body["other_currencies"]
    assert cad["currency"] == "CAD"
    assert cad["receivables"]["outstanding"] == "700.00"
    assert cad["receivables"]["overdue"] == "700.00"
    assert cad["receivables"]["overdue_invoices"] == 1


def test_chat_aging_agrees_with_the_report(two_currencies):
    result = ChatTools(two_currencies["tenant"]).ar_aging()
    assert (result["currency"], result["total"]) == ("USD", "1,000.00")
    assert [(other["currency"], other["total"]) for other in result["other_currencies"]] == [("CAD", "700.00")]
    assert result["other_currencies"][0]["buckets"]["31-60"] == "700.00"


def test_statement_is_per_currency(two_currencies):
    tenant, customer = two_currencies["tenant"], two_currencies["customer"]
    client = client_for(member(tenant, Role.READONLY), tenant)
    url = f"{API}/accounts-receivables/statement/{customer.pk}/"
    usd = client.get(url).json()
    assert (usd["currency"], usd["closing_balance"], usd["currencies"]) == ("USD", "1000.00", ["USD", "CAD"])
    assert [line["number"] for line in usd["lines"]] == [two_currencies["usd"].number]
    cad = client.get(url, {"currency": "CAD"}).json()
    assert (cad["currency"], cad["closing_balance"], cad["aging"]["days_31_60"]) == ("CAD", "700.00", "700.00")
    assert client.get(url, {"currency": "EUR"}).status_code == 400
    pdf = client.get(f"{url}pdf/", {"currency": "CAD"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "-CAD-" in pdf["Content-Disposition"]


def test_a_payment_takes_the_customers_currency_and_applies_only_in_it(two_currencies):
    tenant, customer = two_currencies["tenant"], two_currencies["customer"]
    client = client_for(member(tenant, Role.USER), tenant)
    body = {"customer": customer.pk, "payment_date": timezone.localdate().isoformat(), "amount": "500.00"}
    usd = client.post(f"{API}/payments/", {**body, "payment_method": "check"}, format="json")
    assert usd.status_code == 201, usd.content
    assert usd.json()["currency"] == "USD"
    cad = client.post(f"{API}/payments/", {**body, "payment_method": "wire", "currency": "CAD"}, format="json")
    assert cad.json()["currency"] == "CAD"

    wrong = client.post(
        f"{API}/payments/{cad.json()['id']}/apply/",
        {"allocations": [{"invoice": two_currencies["usd"].pk, "amount": "100.00"}]},
        format="json",
    )
    assert wrong.status_code == 400
    assert "is in USD; this payment is in CAD" in str(wrong.json())
    two_currencies["usd"].refresh_from_db()
    assert two_currencies["usd"].amount_paid == Decimal("0.00")  # nothing applied

    right = client.post(
        f"{API}/payments/{cad.json()['id']}/apply/",
        {"allocations": [{"invoice": two_currencies["cad"].pk, "amount": "100.00"}]},
        format="json",
    )
    assert right.status_code == 200, right.content
    aging = reports.aging(tenant, timezone.localdate())
    assert [(row["currency"], row["total"]) for row in aging["totals"]] == [
        ("USD", Decimal("1000.00")),
        ("CAD", Decimal("600.00")),
    ]


def test_an_applied_payment_keeps_its_currency(two_currencies):
    tenant, customer = two_currencies["tenant"], two_currencies["customer"]
    payment = services.record_payment(
        tenant=tenant,
        customer=customer,
        payment_date=timezone.localdate(),
        amount="50.00",
        payment_method="check",
    )
    services.apply_payment(payment, [(two_currencies["usd"], "50.00")])
    client = client_for(member(tenant, Role.MANAGER), tenant)
    response = client.patch(f"{API}/payments/{payment.pk}/", {"currency": "CAD"}, format="json")
    assert response.status_code == 409, response.content


def test_single_currency_tenant_has_one_total():
    tenant = TenantFactory()
    open_invoice(tenant, total="250.00", invoice_date=timezone.localdate())
    report = reports.aging(tenant, timezone.localdate())
    assert [(row["currency"], row["total"]) for row in report["totals"]] == [("USD", Decimal("250.00"))]


def test_a_statement_pdf_error_is_json(two_currencies):
    tenant = two_currencies["tenant"]
    client = client_for(member(tenant, Role.READONLY), tenant)
    missing = client.get(f"{API}/accounts-receivables/statement/999999/", {"format": "pdf"})
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert "detail" in missing.json()
    url = f"{API}/accounts-receivables/statement/{two_currencies['customer'].pk}/"
    bad = client.get(url, {"format": "pdf", "currency": "EUR"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/json", bad.content
