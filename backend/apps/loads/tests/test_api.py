"""Load rules seen through the API: freight totals, carrier checks, the workflow (every illegal transition 409)
and what it does to the purchase orders, one active load per order, paperwork after pickup, the rate
confirmation PDF / e-mail, freight allocated to orders by weight, and cold storage entries."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from apps.carriers.tests.factories import CarrierFactory
from apps.core.models import DocumentDelivery
from apps.core.testing.factories import member
from apps.loads import services
from apps.loads.models import Load, LoadStatus
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders.models import PurchaseOrder
from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line
from apps.tenants.models import Role
from conftest import client_for

from .factories import ColdStorageEntryFactory, LoadFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/loads/"


def detail(load, action: str = "") -> str:
    return f"{URL}{load.pk}/{action + '/' if action else ''}"


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager_client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


@pytest.fixture
def expired_carrier(tenant):
    return CarrierFactory(tenant=tenant, insurance_expires_on=timezone.localdate() - datetime.timedelta(days=1))


def payload(tenant, *orders, **fields) -> dict:
    return {
        "carrier": fields.pop("carrier", None) or CarrierFactory(tenant=tenant).pk,
        "purchase_orders": [order.pk for order in orders],
        "linehaul_rate": "2850.00",
        "accessorials": [
            {"charge_type": "fuel", "amount": "210.10"},
            {"charge_type": "detention", "description": "2 h at shipper", "amount": "150.00"},
        ],
        **fields,
    }


def test_tender_totals_freight_and_lists_stops_in_pickup_order(tenant, client):
    first = PurchaseOrderFactory(tenant=tenant, pickup_date=datetime.date(2026, 11, 9))
    second = PurchaseOrderFactory(tenant=tenant, pickup_date=datetime.date(2026, 11, 10))
    response = client.post(URL, payload(tenant, second, first), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("LD-") and body["status"] == "tendered"
    assert body["accessorials_total"] == "360.10"
    assert body["total_freight_cost"] == "3210.10"
    assert body["purchase_orders"] == [second.pk, first.pk]
    assert [stop["purchase_order_number"] for stop in body["stops"]] == [second.number, first.number]
    assert body["pickup_date"] == "2026-11-09"  # the earliest pickup of its orders


def test_editing_accessorials_recomputes_the_total(tenant, client):
    load = LoadFactory(tenant=tenant)
    response = client.patch(
        detail(load), {"accessorials": [{"charge_type": "lumper", "amount": "85.00"}]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["total_freight_cost"] == "2535.00"


def test_negative_accessorial_is_refused(tenant, client):
    load = LoadFactory(tenant=tenant)
    response = client.patch(
        detail(load), {"accessorials": [{"charge_type": "other", "amount": "-5.00"}]}, format="json"
    )
    assert response.status_code == 400


def test_carrier_with_expired_insurance_is_refused_on_tender(tenant, client, expired_carrier):
    order = PurchaseOrderFactory(tenant=tenant)
    response = client.post(URL, payload(tenant, order, carrier=expired_carrier.pk), format="json")
    assert response.status_code == 409
    assert "insurance" in response.json()["detail"]
    assert not Load.objects.exists()


def test_carrier_with_expired_insurance_is_refused_on_reassignment(tenant, client, expired_carrier):
    load = LoadFactory(tenant=tenant)
    response = client.patch(detail(load), {"carrier": expired_carrier.pk}, format="json")
    assert response.status_code == 409
    load.refresh_from_db()
    assert load.carrier_id != expired_carrier.pk


def test_accepting_rechecks_the_carriers_insurance(tenant, client):
    load = LoadFactory(tenant=tenant)
    load.carrier.insurance_expires_on = timezone.localdate() - datetime.timedelta(days=2)
    load.carrier.save()
    assert client.post(detail(load, "accept")).status_code == 409
    load.refresh_from_db()
    assert load.status == "tendered"


def test_the_carrier_of_an_accepted_load_cannot_change(tenant, client):
    load = services.accept_load(LoadFactory(tenant=tenant))
    response = client.patch(detail(load), {"carrier": CarrierFactory(tenant=tenant).pk}, format="json")
    assert response.status_code == 409


# --- workflow --------------------------------------------------------------------------------------------

STATUSES = [s.value for s in LoadStatus]
ACTIONS = {
    "accept": ({"tendered"}, "accepted"),
    "pick-up": ({"accepted"}, "picked_up"),
    "deliver": ({"picked_up"}, "delivered"),
    "cancel": ({"tendered", "accepted"}, "cancelled"),
}
ILLEGAL = [(status, act) for act, (legal, _) in ACTIONS.items() for status in STATUSES if status not in legal]
LEGAL = [(status, act) for act, (legal, _) in ACTIONS.items() for status in sorted(legal)]


def load_in(tenant, status: str) -> Load:
    """A load with one confirmed order, moved through the services to `status`."""
    load = LoadFactory(tenant=tenant, purchase_orders=[PurchaseOrderFactory(tenant=tenant, status="confirmed")])
    path = {
        "accepted": [services.accept_load],
        "picked_up": [services.accept_load, services.pick_up_load],
        "delivered": [services.accept_load, services.pick_up_load, services.deliver_load],
        "cancelled": [services.cancel_load],
    }
    for step in path.get(status, []):
        load = step(load)
    return load


@pytest.mark.parametrize(("status", "act"), ILLEGAL)
def test_every_illegal_transition_is_409_and_changes_nothing(tenant, client, status, act):
    load = load_in(tenant, status)
    response = client.post(detail(load, act), {}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["current_status"] == status
    load.refresh_from_db()
    assert load.status == status


@pytest.mark.parametrize(("status", "act"), LEGAL)
def test_legal_transitions_move_the_load_and_are_on_the_timeline(tenant, client, status, act):
    load = load_in(tenant, status)
    response = client.post(detail(load, act), {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ACTIONS[act][1]
    last = client.get(detail(load, "timeline")).json()[-1]
    assert (last["from_status"], last["to_status"]) == (status, ACTIONS[act][1])


def test_pickup_and_delivery_move_the_purchase_orders_along(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    load = services.accept_load(LoadFactory(tenant=tenant, purchase_orders=[order]))
    assert client.post(detail(load, "pick-up")).status_code == 200
    order.refresh_from_db()
    assert order.status == "picked_up"
    response = client.post(detail(load, "deliver"))
    assert response.status_code == 200
    assert response.json()["delivery_date"] == timezone.localdate().isoformat()
    order.refresh_from_db()
    assert order.status == "received"


def test_pickup_is_refused_while_an_order_is_unconfirmed(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="sent")
    load = services.accept_load(LoadFactory(tenant=tenant, purchase_orders=[order]))
    response = client.post(detail(load, "pick-up"))
    assert response.status_code == 409
    assert response.json()["purchase_orders"] == [order.number]
    load.refresh_from_db()
    assert load.status == "accepted"


def test_an_order_rides_on_one_active_load_at_a_time(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant)
    first = LoadFactory(tenant=tenant, purchase_orders=[order])
    response = client.post(URL, payload(tenant, order), format="json")
    assert response.status_code == 409
    assert response.json()["load"] == first.pk
    services.cancel_load(first, reason="carrier fell through")
    assert client.post(URL, payload(tenant, order), format="json").status_code == 201


def test_a_cancelled_order_does_not_go_on_a_load(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="cancelled")
    assert client.post(URL, payload(tenant, order), format="json").status_code == 409


def test_after_pickup_only_paperwork_changes(tenant, client):
    load = load_in(tenant, "picked_up")
    ok = client.patch(detail(load), {"seal_number": "SL-99812", "bol_number": "BOL-4471"}, format="json")
    assert ok.status_code == 200, ok.content
    refused = client.patch(detail(load), {"linehaul_rate": "1.00"}, format="json")
    assert refused.status_code == 409
    assert refused.json()["fields"] == ["linehaul_rate"]


def test_proof_of_delivery_is_recorded_on_a_delivered_load(tenant, client):
    early = load_in(tenant, "picked_up")
    assert client.patch(detail(early), {"pod_received": True}, format="json").status_code == 409
    load = load_in(tenant, "delivered")
    response = client.patch(detail(load), {"pod_received": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["pod_received_on"] == timezone.localdate().isoformat()


def test_only_tendered_or_cancelled_loads_are_deleted(tenant, manager_client):
    accepted = load_in(tenant, "accepted")
    assert manager_client.delete(detail(accepted)).status_code == 409
    tendered = LoadFactory(tenant=tenant)
    assert manager_client.delete(detail(tendered)).status_code == 204


def test_deleting_a_carrier_with_loads_is_409(tenant, manager_client):
    load = LoadFactory(tenant=tenant)
    response = manager_client.delete(f"/api/v1/carriers/{load.carrier_id}/")
    assert response.status_code == 409


def test_deleting_a_purchase_order_on_a_load_is_409(tenant, manager_client):
    order = PurchaseOrderFactory(tenant=tenant)
    LoadFactory(tenant=tenant, purchase_orders=[order])
    assert manager_client.delete(f"/api/v1/purchase-orders/{order.pk}/").status_code == 409
    assert PurchaseOrder.objects.filter(pk=order.pk).exists()


# --- rate confirmation -----------------------------------------------------------------------------------


def test_rate_confirmation_pdf(tenant, client):
    load = LoadFactory(tenant=tenant)
    response = client.get(detail(load, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "rate-confirmation" in response["Content-Disposition"]


def test_send_emails_the_rate_confirmation_to_the_carrier(tenant, client):
    carrier = CarrierFactory(tenant=tenant, email="dispatch@coldchainexpress.example")
    load = LoadFactory(tenant=tenant, carrier=carrier)
    response = client.post(detail(load, "send"), {}, format="json")
    assert response.status_code == 200, response.content
    assert mail.outbox[0].to == ["dispatch@coldchainexpress.example"]
    assert mail.outbox[0].attachments[0][1].startswith(b"%PDF")
    delivery = DocumentDelivery.objects.get(object_id=load.pk, document="rate_confirmation")
    assert delivery.recipients == ["dispatch@coldchainexpress.example"]


# --- freight per order -----------------------------------------------------------------------------------


def test_freight_is_allocated_to_orders_by_weight_and_adds_up_to_the_cent(tenant):
    heavy = PurchaseOrderFactory(tenant=tenant, lines=[line(estimated_weight_lb=Decimal("30000"))])
    light = PurchaseOrderFactory(tenant=tenant, lines=[line(estimated_weight_lb=Decimal("10000"))])
    load = LoadFactory(
        tenant=tenant,
        purchase_orders=[heavy, light],
        linehaul_rate=Decimal("3000.00"),
        accessorials=[{"charge_type": "fuel", "amount": Decimal("100.01")}],
    )
    assert services.freight_allocation(load) == {heavy.pk: Decimal("2325.01"), light.pk: Decimal("775.00")}
    assert services.freight_cost_for_purchase_order(heavy) == Decimal("2325.01")
    assert services.freight_cost_for_purchase_order(light) == Decimal("775.00")
    assert services.freight_cost_per_lb_for_purchase_order(light) == Decimal("0.0775")


def test_freight_follows_catch_weights_and_ignores_cancelled_loads(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    other = PurchaseOrderFactory(tenant=tenant)
    cancelled = LoadFactory(tenant=tenant, purchase_orders=[order], linehaul_rate=Decimal("999"), accessorials=[])
    services.cancel_load(cancelled)
    load = LoadFactory(tenant=tenant, purchase_orders=[order, other], linehaul_rate=Decimal("1000"), accessorials=[])
    assert services.freight_cost_for_purchase_order(order) == Decimal("500.00")
    from apps.purchase_orders.services import update_purchase_order

    item = other.lines.get()
    update_purchase_order(other, role="owner", lines=[{"id": item.pk, "actual_weight_lb": Decimal("3600")}])
    assert services.freight_allocation(load) == {order.pk: Decimal("250.00"), other.pk: Decimal("750.00")}


def test_an_order_on_no_load_carries_no_freight(tenant):
    assert services.freight_cost_for_purchase_order(PurchaseOrderFactory(tenant=tenant)) == Decimal("0.00")


# --- cold storage ----------------------------------------------------------------------------------------

COLD = "/api/v1/cold-storage-entries/"


def test_cold_storage_total_cost_is_boxing_plus_storage(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant)
    body = {
        "storage_plant": PlantFactory(tenant=tenant).pk,
        "purchase_order": order.pk,
        "description": "Beef 50s trim, frozen",
        "finished_weight_lb": "20000.00",
        "shrink_lb": "40.00",
        "boxing_cost": "412.35",
        "storage_cost": "1180.40",
        "total_cost": "1.00",
    }
    response = client.post(COLD, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["total_cost"] == "1592.75"
    assert response.json()["match_status"] == "not_matched"
    assert response.json()["purchase_order_number"] == order.number


def test_cold_storage_release_before_storing_is_a_field_error(tenant, client):
    entry = ColdStorageEntryFactory(tenant=tenant, stored_on=datetime.date(2026, 10, 1))
    response = client.patch(f"{COLD}{entry.pk}/", {"released_on": "2026-09-30"}, format="json")
    assert response.status_code == 400
    assert "released_on" in response.json()


def test_cold_storage_needs_a_location(tenant, client):
    response = client.post(COLD, {"description": "Pork bellies"}, format="json")
    assert response.status_code == 400
    assert "storage_plant" in response.json()


def test_cold_storage_filters_by_match_status_and_still_in_storage(tenant, client):
    matched = ColdStorageEntryFactory(tenant=tenant, match_status="matched")
    released = ColdStorageEntryFactory(tenant=tenant, released_on=datetime.date(2026, 11, 1))
    ids = lambda params: {row["id"] for row in client.get(COLD, params).json()["results"]}  # noqa: E731
    assert ids({"match_status": "matched"}) == {matched.pk}
    assert ids({"in_storage": "true"}) == {matched.pk}
    assert ids({"in_storage": "false"}) == {released.pk}


def test_deleting_an_order_with_cold_storage_entries_is_409(tenant, manager_client):
    order = PurchaseOrderFactory(tenant=tenant)
    ColdStorageEntryFactory(tenant=tenant, purchase_order=order)
    assert manager_client.delete(f"/api/v1/purchase-orders/{order.pk}/").status_code == 409


def test_a_purchase_order_shows_the_loads_it_rides_on(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant)
    load = LoadFactory(tenant=tenant, purchase_orders=[order])
    body = client.get(f"/api/v1/purchase-orders/{order.pk}/").json()
    assert body["loads"] == [{"id": load.pk, "number": load.number, "status": "tendered", "carrier": load.carrier_id}]


def test_an_order_on_an_active_load_is_taken_off_it_before_cancelling(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    load = LoadFactory(tenant=tenant, purchase_orders=[order])
    response = client.post(f"/api/v1/purchase-orders/{order.pk}/cancel/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["load"] == load.pk
    assert client.patch(detail(load), {"purchase_orders": []}, format="json").status_code == 200
    assert client.post(f"/api/v1/purchase-orders/{order.pk}/cancel/", {}, format="json").status_code == 200


def test_a_load_shows_its_lane_and_customers_and_filters_by_customer(tenant, client):
    # What the load board's cards show: where the truck loads, where it goes, and whose orders ride on it.
    from apps.customers.tests.factories import CustomerFactory
    from apps.sales_orders.tests.factories import SalesOrderFactory

    plant = PlantFactory(tenant=tenant, name="Greeley Beef", city="Greeley", state="CO")
    order = PurchaseOrderFactory(tenant=tenant, plant=plant)
    load = LoadFactory(tenant=tenant, purchase_orders=[order], delivery_location="Sysco Houston, TX")
    other = LoadFactory(tenant=tenant)
    buyer, stranger = CustomerFactory(tenant=tenant, name="Zeta Foods"), CustomerFactory(tenant=tenant)
    SalesOrderFactory(tenant=tenant, customer=buyer, load=load)
    SalesOrderFactory(tenant=tenant, customer=CustomerFactory(tenant=tenant, name="Alpha Meats"), load=load)
    body = client.get(detail(load)).json()
    assert body["origin"] == "Greeley Beef (Greeley, CO)"
    assert body["delivery_location"] == "Sysco Houston, TX"
    assert body["customer_names"] == ["Alpha Meats", "Zeta Foods"]
    assert client.get(detail(other)).json()["customer_names"] == []
    assert [row["id"] for row in client.get(URL, {"customer": buyer.pk}).json()["results"]] == [load.pk]
    assert client.get(URL, {"customer": stranger.pk}).json()["results"] == []


def test_allowed_actions_name_the_column_each_leads_to(tenant, client):
    load = load_in(tenant, "accepted")
    actions = {action["name"]: action["target"] for action in client.get(detail(load)).json()["allowed_actions"]}
    assert actions == {"pick-up": "picked_up", "cancel": "cancelled", "send": None}
