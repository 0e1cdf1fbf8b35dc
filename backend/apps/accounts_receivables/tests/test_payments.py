"""Payments: received as customer credit, applied to one or many invoices in one transaction, never past an
invoice's balance, unapplied back to credit; who may do what through the API."""

import datetime
from decimal import Decimal

import pytest

from apps.accounts_receivables import services
from apps.accounts_receivables.models import Payment, PaymentApplication
from apps.core.exceptions import Conflict
from apps.core.models import TimelineEvent
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.models import InvoiceStatus
from apps.tenants.models import Role
from conftest import client_for

from .factories import PaymentFactory, open_invoice

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/"


@pytest.fixture
def world():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant)
    return {
        "tenant": tenant,
        "customer": customer,
        "user": member(tenant, Role.USER),
        "manager": member(tenant, Role.MANAGER),
        "first": open_invoice(tenant, customer=customer, total="1000.00"),
        "second": open_invoice(tenant, customer=customer, total="600.00"),
    }


def refreshed(*rows):
    for row in rows:
        row.refresh_from_db()
    return rows


# --- services -------------------------------------------------------------------------------------


def test_received_payment_gets_a_number_and_is_all_customer_credit(world):
    payment = services.record_payment(
        tenant=world["tenant"],
        customer=world["customer"],
        payment_date=datetime.date(2026, 11, 3),
        amount="1250.005",
        payment_method="check",
        reference="CHK 4471",
        by=world["user"],
    )
    assert payment.number == "PMT-2026-000001"
    assert payment.amount == Decimal("1250.01")  # half-up at the cent
    assert payment.unapplied_amount == payment.amount


def test_one_payment_pays_one_invoice_fully_and_another_partly_and_keeps_the_rest_as_credit(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1500.00"))
    services.apply_payment(payment, [(world["first"], "1000.00"), (world["second"], "350.00")], by=world["user"])
    payment, first, second = refreshed(payment, world["first"], world["second"])
    assert (first.status, first.amount_paid, first.balance_due) == (InvoiceStatus.PAID, Decimal("1000.00"), 0)
    assert (second.status, second.balance_due) == (InvoiceStatus.PARTIALLY_PAID, Decimal("250.00"))
    assert payment.unapplied_amount == Decimal("150.00")
    assert sorted(payment.applications.values_list("amount", flat=True)) == [Decimal("350.00"), Decimal("1000.00")]
    assert all(app.applied_on == payment.payment_date for app in payment.applications.all())


def test_applying_past_an_invoice_balance_is_refused_and_nothing_is_applied(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("2000.00"))
    with pytest.raises(Conflict):
        services.apply_payment(payment, [(world["first"], "500.00"), (world["second"], "600.01")], by=world["user"])
    payment, first, second = refreshed(payment, world["first"], world["second"])
    assert first.amount_paid == second.amount_paid == 0
    assert payment.unapplied_amount == Decimal("2000.00")
    assert not PaymentApplication.objects.exists()


def test_applying_more_than_the_payment_has_left_is_refused(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("900.00"))
    services.apply_payment(payment, [(world["first"], "500.00")], by=world["user"])
    with pytest.raises(Conflict) as refused:
        services.apply_payment(payment, [(world["second"], "400.01")], by=world["user"])
    assert refused.value.extra["unapplied_amount"] == "400.00"
    assert refreshed(world["second"])[0].amount_paid == 0


def test_the_same_invoice_twice_in_one_application_is_one_amount(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1000.00"))
    services.apply_payment(payment, [(world["first"], "300.00"), (world["first"], "200.00")], by=world["user"])
    assert refreshed(world["first"])[0].amount_paid == Decimal("500.00")
    assert payment.applications.count() == 1


def test_unapply_returns_the_money_to_credit_and_reopens_the_invoices(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1600.00"))
    services.apply_payment(payment, [(world["first"], "1000.00"), (world["second"], "600.00")], by=world["user"])
    services.unapply_payment(payment, invoice=world["first"], by=world["manager"], reason="Check applied twice")
    payment, first, second = refreshed(payment, world["first"], world["second"])
    assert (first.status, first.balance_due) == (InvoiceStatus.ISSUED, Decimal("1000.00"))
    assert second.status == InvoiceStatus.PAID
    assert payment.unapplied_amount == Decimal("1000.00")
    services.unapply_payment(payment, by=world["manager"])
    assert refreshed(payment)[0].unapplied_amount == Decimal("1600.00")
    verbs = list(TimelineEvent.objects.filter(object_id=payment.pk).values_list("verb", flat=True))
    assert verbs.count("unapplied") == 2


def test_amount_cannot_drop_below_what_is_applied_and_applied_payment_cannot_move_customer(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1000.00"))
    services.apply_payment(payment, [(world["first"], "700.00")], by=world["user"])
    with pytest.raises(Exception) as too_low:
        services.update_payment(payment, amount=Decimal("699.99"), by=world["user"])
    assert "amount" in too_low.value.detail
    with pytest.raises(Conflict):
        services.update_payment(payment, customer=CustomerFactory(tenant=world["tenant"]), by=world["user"])
    payment = services.update_payment(payment, amount=Decimal("800.00"), by=world["user"])
    assert payment.unapplied_amount == Decimal("100.00")


# --- API ------------------------------------------------------------------------------------------


def test_api_apply_with_allocations_and_list_of_customer_credits(world):
    client = client_for(world["user"], world["tenant"])
    created = client.post(
        URL,
        {
            "customer": world["customer"].pk,
            "payment_date": "2026-11-05",
            "amount": "1200.00",
            "payment_method": "wire",
            "reference": "FED REF 20261105-77",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["unapplied_amount"] == "1200.00"
    pk = created.json()["id"]
    response = client.post(
        f"{URL}{pk}/apply/",
        {
            "allocations": [
                {"invoice": world["first"].pk, "amount": "1000.00"},
                {"invoice": world["second"].pk, "amount": "100.00"},
            ]
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["applied_amount"], body["unapplied_amount"]) == ("1100.00", "100.00")
    assert {row["invoice_number"] for row in body["applications"]} == {world["first"].number, world["second"].number}
    credits = client.get("/api/v1/accounts-receivables/credits/").json()
    assert credits == [
        {
            "customer": world["customer"].pk,
            "customer_code": world["customer"].code,
            "customer_name": world["customer"].name,
            "payments": 1,
            "unapplied_amount": "100.00",
        }
    ]
    assert [row["id"] for row in client.get(URL, {"has_credit": "true"}).json()["results"]] == [pk]


def test_api_overpaying_an_invoice_is_409_with_the_balance(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("5000.00"))
    response = client_for(world["user"], world["tenant"]).post(
        f"{URL}{payment.pk}/apply/", {"allocations": [{"invoice": world["second"].pk, "amount": "600.01"}]}
    )
    assert response.status_code == 409
    assert response.json()["balance_due"] == "600.00"


def test_api_apply_to_another_tenants_invoice_is_400(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"])
    foreign = open_invoice(TenantFactory(), total="100.00")
    response = client_for(world["user"], world["tenant"]).post(
        f"{URL}{payment.pk}/apply/", {"allocations": [{"invoice": foreign.pk, "amount": "10.00"}]}
    )
    assert response.status_code == 400
    assert refreshed(foreign)[0].amount_paid == 0


def test_api_apply_to_another_customers_invoice_is_400(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=CustomerFactory(tenant=world["tenant"]))
    response = client_for(world["user"], world["tenant"]).post(
        f"{URL}{payment.pk}/apply/", {"allocations": [{"invoice": world["first"].pk, "amount": "10.00"}]}
    )
    assert response.status_code == 400
    assert "another customer" in str(response.json())


def test_api_unapply_needs_a_manager(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1000.00"))
    services.apply_payment(payment, [(world["first"], "1000.00")], by=world["user"])
    url = f"{URL}{payment.pk}/unapply/"
    assert client_for(world["user"], world["tenant"]).post(url, {}).status_code == 403
    response = client_for(world["manager"], world["tenant"]).post(url, {"invoice": world["first"].pk})
    assert response.status_code == 200, response.content
    assert response.json()["unapplied_amount"] == "1000.00"


def test_api_applied_payment_cannot_be_deleted(world):
    payment = PaymentFactory(tenant=world["tenant"], customer=world["customer"], amount=Decimal("1000.00"))
    services.apply_payment(payment, [(world["first"], "10.00")], by=world["user"])
    response = client_for(world["manager"], world["tenant"]).delete(f"{URL}{payment.pk}/")
    assert response.status_code == 409
    assert response.json()["detail"] == "This payment is applied to invoices; unapply it before deleting it."
    assert Payment.objects.filter(pk=payment.pk).exists()
    # unapplied again, it can go
    services.unapply_payment(payment, by=world["user"])
    response = client_for(world["manager"], world["tenant"]).delete(f"{URL}{payment.pk}/")
    assert response.status_code == 204
    assert not Payment.objects.filter(pk=payment.pk).exists()


def test_api_unapplied_amount_and_number_are_not_writable(world):
    client = client_for(world["user"], world["tenant"])
    response = client.post(
        URL,
        {
            "customer": world["customer"].pk,
            "payment_date": "2026-11-05",
            "amount": "100.00",
            "payment_method": "card",
            "unapplied_amount": "0.00",
            "number": "PMT-1",
        },
    )
    assert response.status_code == 201
    assert response.json()["unapplied_amount"] == "100.00"
    assert response.json()["number"].startswith("PMT-2026-")
    assert (
        client.post(
            URL,
            {
                "customer": world["customer"].pk,
                "payment_date": "2026-11-05",
                "amount": "0.00",
                "payment_method": "card",
            },
        ).status_code
        == 400
    )
