"""Order to cash through the API: buy a truckload, haul it, sell it, invoice it at the catch weight, collect it
in two payments, with the AR aging and the dashboard checked to the cent at each step. And on PostgreSQL,
two payments racing to overpay one invoice: exactly one gets through."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from apps.accounts_receivables import services
from apps.accounts_receivables.models import PaymentApplication
from apps.carriers.tests.factories import CarrierFactory
from apps.core import rls
from apps.core.exceptions import Conflict
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.models import Invoice, InvoiceStatus
from apps.plants.tests.factories import PlantFactory
from apps.products.tests.factories import ProductFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import PaymentFactory, open_invoice

API = "/api/v1"


def ok(response, status=200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:800])
    return response.json()


@pytest.mark.django_db
def test_order_to_cash_through_the_api_with_aging_and_dashboard_to_the_cent():
    tenant = TenantFactory(name="High Plains Meat Brokers")
    user = member(tenant, Role.USER)
    client = client_for(user, tenant)
    today = timezone.localdate()
    supplier = SupplierFactory(tenant=tenant, name="Plainsman Beef Packers")
    plant = PlantFactory(tenant=tenant, supplier=supplier)
    product = ProductFactory(tenant=tenant, supplier=supplier, description="Beef chuck roll 116A, USDA Choice")
    customer = CustomerFactory(
        tenant=tenant, name="Gulf Coast Food Service", credit_limit=Decimal("150000.00"), payment_terms_days=21
    )
    carrier = CarrierFactory(tenant=tenant)

    # Buy: 40,000 lb estimated at $2.15/lb.
    po = ok(
        client.post(
            f"{API}/purchase-orders/",
            {
                "supplier": supplier.pk,
                "plant": plant.pk,
                "order_date": today.isoformat(),
                "pickup_date": today.isoformat(),
                "lines": [
                    {
                        "product": product.pk,
                        "boxes": 900,
                        "estimated_weight_lb": "40000.00",
                        "unit_price": "2.1500",
                        "price_unit": "lb",
                    }
                ],
            },
        ),
        201,
    )
    assert (po["status"], po["total"]) == ("draft", "86000.00")
    po_url = f"{API}/purchase-orders/{po['id']}/"
    assert ok(client.post(f"{po_url}send/", {"to": ["orders@plainsman.example"]}))["sent_to"]
    assert ok(client.post(f"{po_url}confirm/", {"supplier_confirmation_number": "PBP-88123"}))["status"] == "confirmed"

    # Haul: one load, $3,200.00 linehaul plus $285.40 fuel.
    load = ok(
        client.post(
            f"{API}/loads/",
            {
                "carrier": carrier.pk,
                "purchase_orders": [po["id"]],
                "linehaul_rate": "3200.00",
                "pickup_date": today.isoformat(),
                "accessorials": [{"charge_type": "fuel", "amount": "285.40"}],
                "temperature_setpoint_f": "28.0",
            },
        ),
        201,
    )
    assert load["total_freight_cost"] == "3485.40"
    load_url = f"{API}/loads/{load['id']}/"
    ok(client.post(f"{load_url}accept/", {}))
    assert ok(client.post(f"{load_url}pick-up/", {}))["status"] == "picked_up"
    po = ok(client.get(po_url))
    assert po["status"] == "picked_up"
    # The plant's scale ticket: 39,875.50 lb actually loaded; the purchase is priced on it.
    po_line = po["lines"][0]["id"]
    po = ok(client.patch(po_url, {"lines": [{"id": po_line, "actual_weight_lb": "39875.50"}]}))
    assert po["total"] == "85732.33"  # 39,875.50 x 2.15 = 85,732.325, half-up

    # Sell: at $2.41/lb, from that purchase line.
    so = ok(
        client.post(
            f"{API}/sales-orders/",
            {
                "customer": customer.pk,
                "customer_po_number": "GCFS-PO-55102",
                "order_date": today.isoformat(),
                "lines": [
                    {
                        "product": product.pk,
                        "boxes": 900,
                        "estimated_weight_lb": "40000.00",
                        "unit_price": "2.4100",
                        "price_unit": "lb",
                        "source_purchase_order_line": po_line,
                    }
                ],
            },
        ),
        201,
    )
    so_url = f"{API}/sales-orders/{so['id']}/"
    assert ok(client.post(f"{so_url}confirm/", {}))["status"] == "confirmed"
    so = ok(client.patch(so_url, {"lines": [{"id": so["lines"][0]["id"], "actual_weight_lb": "39875.50"}]}))
    assert so["total"] == "96099.96"  # 39,875.50 x 2.41 = 96,099.955
    assert (so["buy_cost"], so["freight_cost"], so["margin"]) == ("85732.33", "3485.40", "6882.23")
    ok(client.post(f"{so_url}ship/", {}))
    assert ok(client.post(f"{so_url}deliver/", {}))["status"] == "delivered"

    # Invoice at the catch weight, issued at once; due in 21 days.
    invoice = ok(client.post(f"{so_url}invoice/", {"issue": True}), 201)
    assert (invoice["status"], invoice["total"], invoice["balance_due"]) == ("issued", "96099.96", "96099.96")
    assert invoice["due_date"] == (today + datetime.timedelta(days=21)).isoformat()
    assert invoice["lines"][0]["weight_lb"] == "39875.50"
    invoice_url = f"{API}/invoices/{invoice['id']}/"

    def aging(as_of) -> dict:
        return ok(client.get(f"{API}/accounts-receivables/aging/", {"as_of": as_of.isoformat()}))

    def dashboard() -> dict:
        return ok(client.get(f"{API}/dashboard/"))

    assert aging(today)["totals"][0]["current"] == "96099.96"
    board = dashboard()
    assert board["sales"]["month_to_date"]["sales"] == "96099.96"
    assert board["sales"]["month_to_date"]["gross_margin"] == "6882.23"
    assert board["open_purchase_orders"] == {"count": 1, "value": "85732.33"}
    assert board["loads"]["picking_up_today"] == 1
    assert board["pounds_by_protein"] == [
        {"month": today.replace(day=1).isoformat(), "protein": "beef", "pounds": "39875.50"}
    ]
    assert board["receivables"]["outstanding"] == "96099.96"
    assert board["top_customers"][0]["sales"] == "96099.96"
    assert board["top_suppliers"][0]["purchases"] == "85732.33"

    # First payment: $40,000.00 by ACH, partial.
    first = ok(
        client.post(
            f"{API}/payments/",
            {
                "customer": customer.pk,
                "payment_date": today.isoformat(),
                "amount": "40000.00",
                "payment_method": "ach",
                "reference": "ACH 021000021-7741",
            },
        ),
        201,
    )
    ok(
        client.post(
            f"{API}/payments/{first['id']}/apply/", {"allocations": [{"invoice": invoice["id"], "amount": "40000.00"}]}
        )
    )
    invoice = ok(client.get(invoice_url))
    assert (invoice["status"], invoice["amount_paid"], invoice["balance_due"]) == (
        "partially_paid",
        "40000.00",
        "56099.96",
    )
    report = aging(today)
    assert report["customers"] == [
        {
            "customer": customer.pk,
            "customer_code": customer.code,
            "customer_name": customer.name,
            "currency": "USD",
            "current": "56099.96",
            "days_1_30": "0.00",
            "days_31_60": "0.00",
            "days_61_90": "0.00",
            "days_over_90": "0.00",
            "total": "56099.96",
        }
    ]
    # Left unpaid, it ages: 9 days past due a month from now, 40 days past due in two months' time.
    assert aging(today + datetime.timedelta(days=30))["totals"][0]["days_1_30"] == "56099.96"
    assert aging(today + datetime.timedelta(days=61))["totals"][0]["days_31_60"] == "56099.96"
    assert dashboard()["receivables"] == {
        "outstanding": "56099.96",
        "open_invoices": 1,
        "overdue": "0.00",
        "overdue_invoices": 0,
        "overdue_customers": 0,
    }

    # Second payment: a $60,000.00 check pays the rest; $3,900.04 stays as the customer's credit.
    second = ok(
        client.post(
            f"{API}/payments/",
            {
                "customer": customer.pk,
                "payment_date": today.isoformat(),
                "amount": "60000.00",
                "payment_method": "check",
                "reference": "CHK 100482",
            },
        ),
        201,
    )
    # More than the balance is refused with the figures; the exact balance is accepted.
    refused = client.post(
        f"{API}/payments/{second['id']}/apply/", {"allocations": [{"invoice": invoice["id"], "amount": "56099.97"}]}
    )
    assert refused.status_code == 409 and refused.json()["balance_due"] == "56099.96"
    second = ok(
        client.post(
            f"{API}/payments/{second['id']}/apply/", {"allocations": [{"invoice": invoice["id"], "amount": "56099.96"}]}
        )
    )
    assert (second["applied_amount"], second["unapplied_amount"]) == ("56099.96", "3900.04")
    invoice = ok(client.get(invoice_url))
    assert (invoice["status"], invoice["amount_paid"], invoice["balance_due"]) == ("paid", "96099.96", "0.00")
    assert aging(today)["totals"][0]["total"] == "0.00"
    assert aging(today)["customers"] == []
    assert dashboard()["receivables"]["outstanding"] == "0.00"
    assert dashboard()["sales"]["month_to_date"]["sales"] == "96099.96"  # sales stay booked once paid
    assert ok(client.get(f"{API}/accounts-receivables/credits/"))[0]["unapplied_amount"] == "3900.04"
    statement = ok(client.get(f"{API}/accounts-receivables/statement/{customer.pk}/"))
    assert [(line["kind"], line["balance"]) for line in statement["lines"]] == [
        ("invoice", "96099.96"),
        ("payment", "56099.96"),
        ("payment", "-3900.04"),
    ]
    assert statement["closing_balance"] == "-3900.04" and statement["unapplied_credit"] == "3900.04"


# --- concurrency (PostgreSQL) ---------------------------------------------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL (SQLite serialises writers)"
)


def race(workers) -> list:
    """Run the callables at the same moment in their own threads (own connections); their outcomes in order."""
    outcomes: list = [None] * len(workers)
    start = threading.Barrier(len(workers))

    def run(index, work):
        try:
            start.wait()
            outcomes[index] = work()
        except BaseException as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, work)) for index, work in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_payments_that_would_overpay_an_invoice_exactly_one_succeeds():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant)
    invoice = open_invoice(tenant, customer=customer, total="1000.00")
    payments = [PaymentFactory(tenant=tenant, customer=customer, amount=Decimal("600.00")) for _ in range(2)]

    def apply(payment):
        def work():
            with rls.tenant_context(tenant.pk):  # as the app role, under row-level security
                return services.apply_payment(payment, [(invoice, Decimal("600.00"))], by=None)

        return work

    outcomes = race([apply(payment) for payment in payments])
    assert sum(not isinstance(outcome, BaseException) for outcome in outcomes) == 1, outcomes
    assert sum(isinstance(outcome, Conflict) for outcome in outcomes) == 1, outcomes
    invoice.refresh_from_db()
    assert (invoice.amount_paid, invoice.balance_due, invoice.status) == (
        Decimal("600.00"),
        Decimal("400.00"),
        InvoiceStatus.PARTIALLY_PAID,
    )
    assert PaymentApplication.objects.count() == 1
    unapplied = sorted(payment.unapplied_amount for payment in type(payments[0]).objects.all())
    assert unapplied == [Decimal("0.00"), Decimal("600.00")]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_api_applications_that_would_overpay_an_invoice_exactly_one_is_200():
    tenant = TenantFactory()
    user = member(tenant, Role.USER)
    customer = CustomerFactory(tenant=tenant)
    invoice = open_invoice(tenant, customer=customer, total="1000.00")
    payments = [PaymentFactory(tenant=tenant, customer=customer, amount=Decimal("750.00")) for _ in range(2)]

    def apply(payment):
        def work():
            response = client_for(user, tenant).post(
                f"{API}/payments/{payment.pk}/apply/", {"allocations": [{"invoice": invoice.pk, "amount": "750.00"}]}
            )
            return response.status_code

        return work

    assert sorted(race([apply(payment) for payment in payments])) == [200, 409]
    assert Invoice.objects.get(pk=invoice.pk).amount_paid == Decimal("750.00")
