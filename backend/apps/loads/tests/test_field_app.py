"""What the field app needs from loads: "assigned to me", today / this week (pickup OR delivery in range), the
lines with catch weights in lb or kg, attached documents, and notifications to the assignee."""

import datetime
from decimal import Decimal

import pytest

from apps.ai_assistant.tests.factories import DocumentFactory
from apps.core.testing.factories import member
from apps.loads import services
from apps.loads.models import LoadStatus
from apps.notifications.models import Notification
from apps.purchase_orders.models import PurchaseOrderLine
from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line, move_to
from apps.tenants.models import Role
from conftest import client_for

from .factories import LoadFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/loads/"
D = datetime.date


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_assigned_to_me_filter_and_member_check(tenant, other_tenant):
    me, colleague = member(tenant, Role.USER), member(tenant, Role.USER)
    outsider = member(other_tenant, Role.OWNER)
    mine, theirs, nobodys = LoadFactory(tenant=tenant), LoadFactory(tenant=tenant), LoadFactory(tenant=tenant)
    client = client_for(me, tenant)
    assert client.patch(f"{URL}{mine.pk}/", {"assigned_to": me.pk}, format="json").status_code == 200
    assert client.patch(f"{URL}{theirs.pk}/", {"assigned_to": colleague.pk}, format="json").status_code == 200
    assert ids(client.get(URL, {"assigned_to": "me"})) == {mine.pk}
    assert ids(client.get(URL, {"assigned_to": str(colleague.pk)})) == {theirs.pk}
    assert client.get(URL, {"assigned_to": "someone"}).status_code == 400
    body = client.get(f"{URL}{mine.pk}/").json()
    assert body["assigned_to"] == me.pk and body["assigned_to_name"] == me.get_full_name()
    # Not a member of this brokerage: a 400 naming the field, nothing saved.
    response = client.patch(f"{URL}{nobodys.pk}/", {"assigned_to": outsider.pk}, format="json")
    assert response.status_code == 400 and "assigned_to" in response.json()
    nobodys.refresh_from_db()
    assert nobodys.assigned_to_id is None


def test_day_range_is_pickup_or_delivery_inside_it(tenant):
    client = client_for(member(tenant, Role.READONLY), tenant)
    picking_up = LoadFactory(tenant=tenant, pickup_date=D(2026, 12, 1), delivery_date=D(2026, 12, 3))
    delivering = LoadFactory(tenant=tenant, pickup_date=D(2026, 11, 28), delivery_date=D(2026, 12, 1))
    in_transit = LoadFactory(tenant=tenant, pickup_date=D(2026, 11, 30), delivery_date=D(2026, 12, 2))
    LoadFactory(tenant=tenant, pickup_date=D(2026, 12, 9))
    assert ids(client.get(URL, {"day_from": "2026-12-01", "day_to": "2026-12-01"})) == {picking_up.pk, delivering.pk}
    week = ids(client.get(URL, {"day_from": "2026-11-30", "day_to": "2026-12-06"}))
    assert week == {picking_up.pk, delivering.pk, in_transit.pk}


@pytest.fixture
def two_order_load(tenant):
    first = PurchaseOrderFactory(tenant=tenant, lines=[line(), line(description="Beef brisket 120", boxes=10)])
    second = PurchaseOrderFactory(tenant=tenant, lines=[line(description="Pork loin 412", boxes=40)])
    for order in (first, second):
        move_to(order, "confirmed")
    return LoadFactory(tenant=tenant, purchase_orders=[first, second])


def test_lines_and_catch_weights_in_lb_and_kg(tenant, two_order_load):
    client = client_for(member(tenant, Role.USER), tenant)
    lines = client.get(f"{URL}{two_order_load.pk}/lines/").json()
    assert [row["description"] for row in lines] == [
        "Beef chuck roll 116A, USDA Choice",
        "Beef brisket 120",
        "Pork loin 412",
    ]
    assert lines[0]["estimated_weight_lb"] == "1200.00" and lines[0]["actual_weight_lb"] is None
    brisket, pork = lines[1], lines[2]
    response = client.post(
        f"{URL}{two_order_load.pk}/catch-weights/",
        {
            "lines": [
                {"id": brisket["id"], "actual_weight": "1187.40", "boxes": 11},
                {"id": pork["id"], "actual_weight": "500", "weight_unit": "kg"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    saved = {
        row.pk: row for row in PurchaseOrderLine.objects.filter(pk__in=[lines[0]["id"], brisket["id"], pork["id"]])
    }
    assert saved[brisket["id"]].actual_weight_lb == Decimal("1187.40") and saved[brisket["id"]].boxes == 11
    assert saved[pork["id"]].actual_weight_lb == Decimal("1102.31")  # 500 kg x 2.20462 lb/kg
    assert saved[pork["id"]].boxes == 40  # not given: kept
    assert saved[lines[0]["id"]].actual_weight_lb is None  # other lines untouched
    # The line total follows the catch weight (priced per lb): 1187.40 lb x $4.25.
    assert saved[brisket["id"]].line_total == Decimal("5046.45")


def test_catch_weights_refusals(tenant, other_tenant, two_order_load):
    client = client_for(member(tenant, Role.USER), tenant)
    lines = client.get(f"{URL}{two_order_load.pk}/lines/").json()
    foreign = PurchaseOrderFactory(tenant=other_tenant).lines.get()
    post = lambda body: client.post(f"{URL}{two_order_load.pk}/catch-weights/", body, format="json")  # noqa: E731
    assert post({"lines": [{"id": foreign.pk, "actual_weight": "10"}]}).status_code == 400
    assert post({"lines": [{"id": lines[0]["id"], "actual_weight": "-1"}]}).status_code == 400
    assert post({"lines": [{"id": lines[0]["id"], "weight_unit": "stone", "actual_weight": "1"}]}).status_code == 400
    assert post({"lines": [{"id": lines[0]["id"]}]}).status_code == 400
    assert post({"lines": []}).status_code == 400
    readonly = client_for(member(tenant, Role.READONLY), tenant)
    assert (
        readonly.post(
            f"{URL}{two_order_load.pk}/catch-weights/", {"lines": [{"id": lines[0]["id"], "boxes": 3}]}, format="json"
        ).status_code
        == 403
    )
    services.cancel_load(two_order_load)
    response = post({"lines": [{"id": lines[0]["id"], "actual_weight": "1190"}]})
    assert response.status_code == 409
    assert PurchaseOrderLine.objects.get(pk=lines[0]["id"]).actual_weight_lb is None


def test_attach_documents_and_pod_on_delivered_load(tenant, other_tenant, two_order_load):
    user = member(tenant, Role.USER)
    client = client_for(user, tenant)
    url = f"{URL}{two_order_load.pk}/documents/"
    bol = DocumentFactory(tenant=tenant, original_name="bol.jpg")
    response = client.post(url, {"document": bol.pk, "kind": "bol"}, format="json")
    assert response.status_code == 201, response.content
    assert (
        client.post(
            url, {"document": DocumentFactory(tenant=other_tenant).pk, "kind": "bol"}, format="json"
        ).status_code
        == 400
    )
    assert client.post(url, {"document": bol.pk, "kind": "selfie"}, format="json").status_code == 400
    rows = client.get(url).json()
    assert [(row["kind"], row["original_name"], row["attached_by"]) for row in rows] == [
        ("bol", "bol.jpg", user.get_full_name())
    ]
    services.accept_load(two_order_load)
    services.pick_up_load(two_order_load)
    services.deliver_load(two_order_load)
    pod = DocumentFactory(tenant=tenant, original_name="pod.jpg")
    assert client.post(url, {"document": pod.pk, "kind": "pod"}, format="json").status_code == 201
    two_order_load.refresh_from_db()
    assert two_order_load.status == LoadStatus.DELIVERED and two_order_load.pod_received


def test_assignee_and_tenderer_are_notified_not_the_actor(tenant):
    dispatcher, driver_side = member(tenant, Role.MANAGER), member(tenant, Role.USER)
    order = PurchaseOrderFactory(tenant=tenant)
    move_to(order, "confirmed")
    load = LoadFactory(tenant=tenant, purchase_orders=[order], by=dispatcher, assigned_to=driver_side)
    assert list(Notification.objects.filter(user=driver_side).values_list("kind", flat=True)) == ["load.tendered"]
    assert not Notification.objects.filter(user=dispatcher).exists()
    client_for(driver_side, tenant).post(f"{URL}{load.pk}/accept/")
    notes = Notification.objects.filter(user=dispatcher)
    assert [(n.kind, n.target_id, n.url) for n in notes] == [("load.accepted", load.pk, f"/loads/{load.pk}")]
    assert not Notification.objects.filter(user=driver_side, kind="load.accepted").exists()
