"""A few demo loads for the demo purchase orders (tendered, accepted, picked up) and two cold storage entries,
made through the services. The whole-flow demo adds the six-month history with `services.create_load`."""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from apps.purchase_orders.demo import DEMO_MARK

from . import services
from .models import ColdStorageEntry, Load

LOAD_MARK = "Demo load"


def assignable_carriers(tenant):
    from apps.carriers.models import Carrier

    today = timezone.localdate()
    valid = Q(insurance_expires_on__isnull=True) | Q(insurance_expires_on__gte=today)
    return list(Carrier.objects.filter(tenant=tenant, is_active=True).filter(valid).order_by("code"))


def seed(tenant, users) -> None:
    from apps.plants.models import Plant
    from apps.purchase_orders.models import PurchaseOrder

    if Load.objects.filter(tenant=tenant, notes__startswith=LOAD_MARK).exists():
        return
    carriers = assignable_carriers(tenant)
    orders = {
        order.supplier_confirmation_number: order
        for order in PurchaseOrder.objects.filter(tenant=tenant, supplier_confirmation_number__startswith=DEMO_MARK)
    }
    if not carriers or not orders:
        return
    by = users.get("user")
    plans = [  # (demo order, how far the load gets, linehaul, accessorials)
        (f"{DEMO_MARK}003", "tendered", Decimal("2850.00"), [("fuel", Decimal("312.40"))]),
        (f"{DEMO_MARK}004", "accepted", Decimal("3125.00"), [("fuel", Decimal("344.10"))]),
        (
            f"{DEMO_MARK}005",
            "picked_up",
            Decimal("2475.00"),
            [("fuel", Decimal("271.80")), ("lumper", Decimal("125.00")), ("detention", Decimal("150.00"))],
        ),
    ]
    for index, (mark, status, linehaul, extras) in enumerate(plans):
        order = orders.get(mark)
        if order is None or order.load_orders.exists():
            continue
        pickup = order.pickup_date or timezone.localdate()
        load = services.create_load(
            tenant,
            by=by,
            carrier=carriers[index % len(carriers)],
            purchase_orders=[order],
            linehaul_rate=linehaul,
            accessorials=[{"charge_type": kind, "amount": amount} for kind, amount in extras],
            pickup_appointment_at=timezone.make_aware(datetime.datetime.combine(pickup, datetime.time(7, 0))),
            delivery_date=order.delivery_date,
            delivery_location="Sysco Houston, 10710 Greens Crossing Blvd, Houston TX",
            temperature_setpoint_f=Decimal("28.0"),
            assigned_to=by,  # the field app's "assigned to me" for demo_user
            notes=f"{LOAD_MARK}: call the receiver 1 hour out; lumper paid by carrier and rebilled.",
        )
        if status in ("accepted", "picked_up"):
            load = services.accept_load(load, by=by)
        if status == "picked_up":
            load = services.update_load(load, by=by, trailer_number="53R-40817", seal_number="SL-2290417")
            services.pick_up_load(load, by=by)

    storage = Plant.objects.filter(tenant=tenant).order_by("-plant_type", "pk")
    cold = storage.filter(plant_type="cold_storage").first() or storage.first()
    if cold is None or ColdStorageEntry.objects.filter(tenant=tenant, lot_number__startswith="DEMO-").exists():
        return
    received = orders.get(f"{DEMO_MARK}006")
    line = received.lines.select_related("product").first() if received else None
    today = timezone.localdate()
    ColdStorageEntry.objects.create(
        tenant=tenant,
        created_by=by,
        purchase_order=received,
        product=line.product if line else None,
        storage_plant=cold,
        match_status="matched",
        description=line.description if line else "Beef top round, frozen",
        lot_number="DEMO-0001",
        production_date=today - datetime.timedelta(days=9),
        stored_on=today - datetime.timedelta(days=3),
        boxes=line.boxes if line else 50,
        finished_weight_lb=line.weight_lb if line else Decimal("4000.00"),
        shrink_lb=Decimal("12.40"),
        boxing_cost=Decimal("175.00"),
        storage_cost=Decimal("96.00"),
    )
    ColdStorageEntry.objects.create(
        tenant=tenant,
        created_by=by,
        storage_plant=cold,
        match_status="not_matched",
        description="Pork trimmings 72s, frozen, 60 lb boxes",
        lot_number="DEMO-0002",
        production_date=today - datetime.timedelta(days=21),
        stored_on=today - datetime.timedelta(days=18),
        boxes=400,
        finished_weight_lb=Decimal("24000.00"),
        shrink_lb=Decimal("61.00"),
        boxing_cost=Decimal("520.00"),
        storage_cost=Decimal("1140.00"),
    )
