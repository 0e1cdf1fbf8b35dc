"""Sales order numbers under concurrent creation (PostgreSQL: real row locks, as the app role under RLS)."""

import threading

import pytest
from django.db import connection

from apps.core import rls
from apps.core.testing.factories import TenantFactory
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.sales_orders import services
from apps.sales_orders.models import SalesOrder

from .factories import line


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_eight_threads_create_800_sales_orders_with_distinct_gapless_numbers():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant)
    product = ProductFactory(tenant=tenant)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(100):
                with rls.tenant_context(tenant.pk):
                    order = services.create_sales_order(
                        tenant=tenant, by=None, customer=customer, lines=[line(product)]
                    )
                with lock:
                    numbers.append(order.number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(numbers) == 800 and len(set(numbers)) == 800
    assert sorted(int(number.rsplit("-", 1)[1]) for number in numbers) == list(range(1, 801))
    assert SalesOrder.objects.filter(tenant=tenant).count() == 800
