"""The demo purchase orders, loads and cold storage entries: made through the services, idempotent."""

import pytest

from apps.carriers import demo as carriers_demo
from apps.core.testing.factories import member
from apps.loads import demo as loads_demo
from apps.loads.models import ColdStorageEntry, Load
from apps.plants.tests.factories import PlantFactory
from apps.products import demo as products_demo
from apps.purchase_orders import demo as purchase_orders_demo
from apps.purchase_orders.models import PurchaseOrder
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role


@pytest.mark.django_db
def test_demo_orders_and_loads_cover_every_status_and_seed_once(tenant):
    supplier = SupplierFactory(tenant=tenant, proteins=["beef", "pork", "chicken", "turkey", "lamb"])
    PlantFactory(tenant=tenant, supplier=supplier)
    PlantFactory(tenant=tenant, plant_type="cold_storage")
    users = {role.value: member(tenant, role) for role in Role}
    carriers_demo.seed(tenant, users)
    products_demo.seed(tenant, users)
    for _ in range(2):
        purchase_orders_demo.seed(tenant, users)
        loads_demo.seed(tenant, users)
    statuses = sorted(PurchaseOrder.objects.filter(tenant=tenant).values_list("status", flat=True))
    assert statuses == sorted(
        ["draft", "sent", "confirmed", "confirmed", "picked_up", "received", "closed", "cancelled"]
    )
    assert sorted(Load.objects.filter(tenant=tenant).values_list("status", flat=True)) == [
        "accepted",
        "picked_up",
        "tendered",
    ]
    assert all(load.total_freight_cost > load.linehaul_rate for load in Load.objects.filter(tenant=tenant))
    assert ColdStorageEntry.objects.filter(tenant=tenant).count() == 2
    assert all(order.total > 0 for order in PurchaseOrder.objects.filter(tenant=tenant))
