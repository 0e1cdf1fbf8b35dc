"""Resource cases for the generic API tests: loads and cold storage entries."""

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.cases import ResourceCase, register
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders.models import PurchaseOrder
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.suppliers.tests.factories import existing_or_new

from .factories import ColdStorageEntryFactory, LoadFactory


def free_purchase_order(tenant):
    """An order of the tenant that is on no load yet (made once, so the sweep's snapshot of B stays put)."""
    order = PurchaseOrder.objects.filter(tenant=tenant, load_orders__isnull=True).order_by("pk").first()
    return order or PurchaseOrderFactory(tenant=tenant)


def load_payload(tenant) -> dict:
    return {
        "carrier": existing_or_new(CarrierFactory, tenant).pk,
        "purchase_orders": [free_purchase_order(tenant).pk],
        "linehaul_rate": "2850.00",
        "accessorials": [{"charge_type": "fuel", "amount": "210.00"}, {"charge_type": "lumper", "amount": "95.00"}],
        "pickup_appointment_at": "2026-11-05T06:30:00Z",
        "delivery_location": "Sysco Houston, TX",
        "temperature_setpoint_f": "28.0",
    }


def cold_storage_payload(tenant) -> dict:
    return {
        "storage_plant": existing_or_new(PlantFactory, tenant).pk,
        "purchase_order": existing_or_new(PurchaseOrderFactory, tenant).pk,
        "match_status": "not_matched",
        "description": "Pork trimmings 72s, frozen",
        "production_date": "2026-10-20",
        "stored_on": "2026-10-23",
        "boxes": 200,
        "finished_weight_lb": "12000.00",
        "shrink_lb": "30.00",
        "boxing_cost": "250.00",
        "storage_cost": "480.00",
    }


register(
    ResourceCase(
        basename="load",
        factory=lambda tenant: LoadFactory(tenant=tenant),
        create_payload=load_payload,
        update_payload=lambda load: {"seal_number": "SL-448812", "trailer_number": "TR-5310", "bol_number": "BOL-1"},
        search_term=lambda load: load.carrier.code,  # numbers repeat across tenants
    ),
    ResourceCase(
        basename="cold-storage-entry",
        factory=lambda tenant: ColdStorageEntryFactory(tenant=tenant),
        create_payload=cold_storage_payload,
        update_payload=lambda entry: {"match_status": "matched", "released_on": "2026-12-01"},
        search_term=lambda entry: entry.lot_number,
    ),
)
