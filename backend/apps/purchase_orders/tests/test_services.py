"""The purchase order services other apps call (sales orders, the assistant, the demo seeder): numbering under
concurrency, the tenant wall, and the purchase cost read for margins."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from rest_framework.exceptions import ValidationError

from apps.core import rls
from apps.core.testing.factories import TenantFactory
from apps.purchase_orders import services
from apps.purchase_orders.models import PurchaseOrder
from apps.suppliers.tests.factories import SupplierFactory

from .factories import PurchaseOrderFactory, line


@pytest.mark.django_db
def test_create_purchase_order_numbers_totals_and_timeline():
    tenant = TenantFactory()
    order = services.create_purchase_order(
        tenant, supplier=SupplierFactory(tenant=tenant), lines=[line(), line(unit_price=Decimal("4.1000"))]
    )
    assert order.number.startswith("PO-") and order.number.endswith("-000001")
    assert order.status == "draft"
    assert order.total == Decimal("10020.00")  # 1,200 lb x 4.25 + 1,200 lb x 4.10
    assert order.total_weight_lb == Decimal("2400.00")


@pytest.mark.django_db
def test_services_refuse_rows_of_another_tenant():
    tenant, other = TenantFactory(), TenantFactory()
    with pytest.raises(ValidationError):
        services.create_purchase_order(tenant, supplier=SupplierFactory(tenant=other), lines=[line()])
    assert not PurchaseOrder.objects.exists()


@pytest.mark.django_db
def test_services_refuse_unknown_fields():
    tenant = TenantFactory()
    with pytest.raises(ValidationError):
        services.create_purchase_order(tenant, supplier=SupplierFactory(tenant=tenant), lines=[], status="closed")


@pytest.mark.django_db
def test_purchase_cost_for_part_of_a_line_uses_its_cost_per_lb():
    order = PurchaseOrderFactory(
        lines=[line(), line(boxes=40, estimated_weight_lb=Decimal("2400"), unit_price=Decimal("60"), price_unit="case")]
    )
    by_lb, by_case = order.lines.order_by("line_number")
    assert by_lb.cost_per_lb == Decimal("4.25")
    assert services.purchase_cost_for(by_lb, weight_lb=Decimal("500")) == Decimal("2125.00")
    assert services.purchase_cost_for(by_lb) == Decimal("5100.00")
    assert by_case.cost_per_lb == Decimal("1")
    assert services.purchase_cost_for(by_case, weight_lb=Decimal("333.335")) == Decimal("333.34")  # half-up


@pytest.mark.django_db
def test_cost_per_lb_follows_the_catch_weight():
    order = PurchaseOrderFactory(lines=[line(boxes=20, unit_price=Decimal("50"), price_unit="case")])
    item = order.lines.get()
    assert item.cost_per_lb == Decimal("1000") / Decimal("1200")
    services.update_purchase_order(order, role="owner", lines=[{"id": item.pk, "actual_weight_lb": Decimal("1000")}])
    item.refresh_from_db()
    assert item.cost_per_lb == Decimal("1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_eight_threads_create_800_orders_with_distinct_gapless_numbers():
    tenant = TenantFactory()
    supplier = SupplierFactory(tenant=tenant)
    beef_line = line()  # the shared protein row is made here, not raced for by the threads
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(100):
                with rls.tenant_context(tenant.pk):  # as the app role, under row-level security
                    order = services.create_purchase_order(tenant, supplier=supplier, lines=[beef_line])
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
    assert len(numbers) == 800
    assert len(set(numbers)) == 800
    assert sorted(int(number.rsplit("-", 1)[1]) for number in numbers) == list(range(1, 801))
    assert PurchaseOrder.objects.filter(tenant=tenant).count() == 800


@pytest.mark.django_db
def test_dates_given_as_text_are_parsed_and_the_number_follows_the_order_year():
    tenant = TenantFactory()
    order = services.create_purchase_order(
        tenant,
        supplier=SupplierFactory(tenant=tenant),
        lines=[line()],
        order_date="2025-12-30",
        pickup_date="2026-01-05",
    )
    assert order.number == "PO-2025-000001"
    assert order.pickup_date.isoformat() == "2026-01-05"
    with pytest.raises(ValidationError):
        services.create_purchase_order(tenant, supplier=order.supplier, lines=[], pickup_date="next tuesday")
