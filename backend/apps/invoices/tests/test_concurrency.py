"""Invoice numbers and payments under concurrency (PostgreSQL: real row locks, as the app role under RLS)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from apps.core import rls
from apps.core.exceptions import Conflict
from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services
from apps.invoices.models import Invoice
from apps.products.tests.factories import ProductFactory

from .factories import InvoiceFactory, invoice_line

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")


def run_threads(count: int, work) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def worker(index):
        try:
            start.wait()
            work(index)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_eight_threads_create_800_invoices_with_distinct_gapless_numbers():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant)
    product = ProductFactory(tenant=tenant)
    numbers: list[str] = []
    lock = threading.Lock()

    def work(_index):
        for _ in range(100):
            with rls.tenant_context(tenant.pk):
                invoice = services.create_invoice(
                    tenant=tenant, by=None, customer=customer, lines=[invoice_line(product)]
                )
            with lock:
                numbers.append(invoice.number)

    errors = run_threads(8, work)
    assert not errors, errors
    assert len(numbers) == 800 and len(set(numbers)) == 800
    assert sorted(int(number.rsplit("-", 1)[1]) for number in numbers) == list(range(1, 801))
    assert Invoice.objects.filter(tenant=tenant).count() == 800


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_payments_that_would_overpay_exactly_one_succeeds():
    tenant = TenantFactory()
    invoice = InvoiceFactory(tenant=tenant, issued=True)  # $5,000.00
    outcomes: list[str] = []
    lock = threading.Lock()

    def work(_index):
        try:
            with rls.tenant_context(tenant.pk):
                services.apply_payment_to_invoice(invoice, Decimal("3000.00"), by=None)
            outcome = "applied"
        except Conflict:
            outcome = "refused"
        with lock:
            outcomes.append(outcome)

    errors = run_threads(2, work)
    assert not errors, errors
    assert sorted(outcomes) == ["applied", "refused"]
    invoice.refresh_from_db()
    assert (invoice.amount_paid, invoice.balance_due, invoice.status) == (
        Decimal("3000.00"),
        Decimal("2000.00"),
        "partially_paid",
    )
