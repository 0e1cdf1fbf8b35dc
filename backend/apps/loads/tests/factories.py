"""Loads and cold storage entries, made through the load services (numbers, carrier checks, freight)."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import TenantFactory
from apps.loads import services
from apps.loads.models import ColdStorageEntry, Load
from apps.plants.models import PlantType
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory


class LoadFactory(DjangoModelFactory):
    """LoadFactory(tenant=t, purchase_orders=[...], accessorials=[...]) -> a tendered load."""

    class Meta:
        model = Load

    tenant = factory.SubFactory(TenantFactory)
    carrier = factory.SubFactory(CarrierFactory, tenant=factory.SelfAttribute("..tenant"))
    purchase_orders = factory.LazyAttribute(lambda o: [PurchaseOrderFactory(tenant=o.tenant)])
    accessorials = factory.LazyFunction(lambda: [{"charge_type": "fuel", "amount": Decimal("185.00")}])
    linehaul_rate = Decimal("2450.00")
    temperature_setpoint_f = Decimal("28.0")

    @classmethod
    def _create(cls, model_class, *args, tenant, carrier, by=None, **fields):
        return services.create_load(tenant, by=by, carrier=carrier, **fields)


class ColdStorageEntryFactory(DjangoModelFactory):
    class Meta:
        model = ColdStorageEntry

    tenant = factory.SubFactory(TenantFactory)
    storage_plant = factory.SubFactory(
        PlantFactory, tenant=factory.SelfAttribute("..tenant"), plant_type=PlantType.COLD_STORAGE
    )
    description = "Beef 90s trim, frozen, 60 lb boxes"
    lot_number = factory.Sequence(lambda n: f"LOT-{n:05d}")
    boxes = 300
    finished_weight_lb = Decimal("18000.00")
    shrink_lb = Decimal("45.50")
    boxing_cost = Decimal("420.00")
    storage_cost = Decimal("612.75")
