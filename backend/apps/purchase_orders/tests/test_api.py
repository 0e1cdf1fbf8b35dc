"""Purchase order rules seen through the API: server-side line totals per price unit, kg entry, the workflow
(every illegal transition 409), the price lock after confirmation, carrier checks, the PDF / e-mail and
protected deletes."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from apps.carriers.tests.factories import CarrierFactory
from apps.contacts.tests.factories import ContactFactory
from apps.core.models import DocumentDelivery
from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.models import PurchaseOrder, PurchaseOrderStatus
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import PurchaseOrderFactory, line

pytestmark = pytest.mark.django_db
URL = "/api/v1/purchase-orders/"


def detail(order, action: str = "") -> str:
    return f"{URL}{order.pk}/{action + '/' if action else ''}"


@pytest.fixture
def user(tenant):
    return member(tenant, Role.USER)


@pytest.fixture
def client(tenant, user):
    return client_for(user, tenant)


@pytest.fixture
def manager_client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def order_payload(tenant, *lines, **fields) -> dict:
    supplier = fields.pop("supplier", None) or SupplierFactory(tenant=tenant)
    return {"supplier": supplier.pk, "order_date": "2026-11-02", "lines": list(lines), **fields}


def api_line(**fields) -> dict:
    return {"description": "Beef chuck roll 116A", "fresh_frozen": "fresh", **fields}


# --- line totals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected_total"),
    [
        ({"estimated_weight_lb": "1200.00", "unit_price": "4.2500", "price_unit": "lb"}, "5100.00"),
        # 12.3456 cwt x $185.00 = 2283.936 -> half-up to the cent
        ({"estimated_weight_lb": "1234.56", "unit_price": "185.0000", "price_unit": "cwt"}, "2283.94"),
        # 1000 lb x 0.45359237 = 453.59 kg (to the hundredth) x $9.50 = 4309.105 -> 4309.11
        ({"estimated_weight_lb": "1000.00", "unit_price": "9.5000", "price_unit": "kg"}, "4309.11"),
        ({"boxes": 40, "estimated_weight_lb": "2400.00", "unit_price": "62.5000", "price_unit": "case"}, "2500.00"),
        ({"boxes": 12, "unit_price": "30.0000", "price_unit": "each"}, "360.00"),
        # the catch weight, once known, prices the line instead of the estimate
        (
            {
                "estimated_weight_lb": "1200.00",
                "actual_weight_lb": "1187.40",
                "unit_price": "4.2500",
                "price_unit": "lb",
            },
            "5046.45",
        ),
    ],
)
def test_line_total_is_computed_by_the_server_per_price_unit(tenant, client, fields, expected_total):
    response = client.post(URL, order_payload(tenant, api_line(**fields)), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["lines"][0]["line_total"] == expected_total
    assert body["subtotal"] == expected_total and body["total"] == expected_total
    assert PurchaseOrder.objects.get(pk=body["id"]).total == Decimal(expected_total)


def test_client_sent_line_total_and_order_total_are_ignored(tenant, client):
    payload = order_payload(
        tenant, api_line(estimated_weight_lb="100.00", unit_price="2.0000", price_unit="lb", line_total="1.00")
    )
    payload["total"] = "999999.00"
    response = client.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["line_total"] == "200.00"
    assert response.json()["total"] == "200.00"


def test_order_total_is_the_sum_of_its_lines(tenant, client):
    lines = [
        api_line(estimated_weight_lb="1200.00", unit_price="4.2500", price_unit="lb"),
        api_line(boxes=40, unit_price="62.5000", price_unit="case"),
    ]
    response = client.post(URL, order_payload(tenant, *lines), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["total"] == "7600.00"
    assert [row["line_number"] for row in response.json()["lines"]] == [1, 2]


def test_weights_entered_in_kg_are_stored_in_lb(tenant, client):
    entered = api_line(
        weight_unit="kg", estimated_weight_lb="500", actual_weight_lb="498.2", unit_price="4.0000", price_unit="lb"
    )
    response = client.post(URL, order_payload(tenant, entered), format="json")
    assert response.status_code == 201, response.content
    row = response.json()["lines"][0]
    assert row["estimated_weight_lb"] == "1102.31"  # 500 x 2.20462
    assert row["actual_weight_lb"] == "1098.34"  # 498.2 x 2.20462 = 1098.3417
    assert row["line_total"] == "4393.36"  # priced at the catch weight
    assert "weight_unit" not in row


def test_kg_entry_priced_per_kg_round_trips_exactly(tenant, client):
    entered = api_line(weight_unit="kg", estimated_weight_lb="1000", unit_price="9.5000", price_unit="kg")
    response = client.post(URL, order_payload(tenant, entered), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["estimated_weight_lb"] == "2204.62"
    assert response.json()["lines"][0]["line_total"] == "9500.00"


def test_price_per_lb_without_any_weight_is_a_field_error(tenant, client):
    response = client.post(URL, order_payload(tenant, api_line(unit_price="4.2500", price_unit="lb")), format="json")
    assert response.status_code == 400
    assert "estimated_weight_lb" in response.json()["lines"]["0"]


def test_price_per_case_without_boxes_is_a_field_error(tenant, client):
    payload = order_payload(tenant, api_line(estimated_weight_lb="100", unit_price="50.0000", price_unit="case"))
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert "boxes" in response.json()["lines"]["0"]


def test_line_takes_description_protein_and_fresh_frozen_from_its_product(tenant, client):
    product = ProductFactory(tenant=tenant)
    payload = order_payload(
        tenant, {"product": product.pk, "estimated_weight_lb": "600", "unit_price": "9.8500", "price_unit": "lb"}
    )
    response = client.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    row = response.json()["lines"][0]
    assert row["description"] == product.description
    assert row["protein"] == product.protein.code  # one line shape: the protein by code
    assert row["fresh_frozen"] == "fresh"
    assert row["product_code"] == product.code


def test_cost_per_lb_is_line_total_over_weight(tenant, client):
    payload = order_payload(
        tenant, api_line(boxes=40, estimated_weight_lb="2400.00", unit_price="60.0000", price_unit="case")
    )
    response = client.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["cost_per_lb"] == "1.0000"  # $2,400 for 2,400 lb


def test_numbers_are_allocated_per_tenant_in_sequence(tenant, other_tenant, client):
    PurchaseOrderFactory(tenant=other_tenant)
    first = client.post(URL, order_payload(tenant, api_line(boxes=1, unit_price="1", price_unit="case")), format="json")
    second = client.post(
        URL, order_payload(tenant, api_line(boxes=1, unit_price="1", price_unit="case")), format="json"
    )
    assert first.json()["number"] == "PO-2026-000001"
    assert second.json()["number"] == "PO-2026-000002"


def test_supplier_contact_must_work_for_the_supplier(tenant, client):
    stranger = ContactFactory(tenant=tenant)  # a contact of another supplier
    payload = order_payload(tenant, api_line(boxes=1, unit_price="1", price_unit="case"), supplier_contact=stranger.pk)
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert "supplier_contact" in response.json()


def test_pickup_window_must_end_after_it_starts(tenant, client):
    payload = order_payload(tenant, pickup_window_from="14:00", pickup_window_to="06:00")
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert "pickup_window_to" in response.json()


# --- workflow --------------------------------------------------------------------------------------------

STATUSES = [s.value for s in PurchaseOrderStatus]
# action -> the statuses it is legal from, and the status it leads to
ACTIONS = {
    "confirm": ({"sent"}, "confirmed"),
    "pick-up": ({"confirmed"}, "picked_up"),
    "receive": ({"picked_up"}, "received"),
    "close": ({"received"}, "closed"),
    "cancel": ({"draft", "sent", "confirmed"}, "cancelled"),
}
ILLEGAL = [(status, act) for act, (legal, _) in ACTIONS.items() for status in STATUSES if status not in legal]
LEGAL = [(status, act) for act, (legal, _) in ACTIONS.items() for status in sorted(legal)]


@pytest.mark.parametrize(("status", "act"), ILLEGAL)
def test_every_illegal_transition_is_409_and_changes_nothing(tenant, client, status, act):
    order = PurchaseOrderFactory(tenant=tenant, status=status)
    response = client.post(detail(order, act), {}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["current_status"] == status
    assert "allowed_transitions" in response.json()
    order.refresh_from_db()
    assert order.status == status


@pytest.mark.parametrize(("status", "act"), LEGAL)
def test_legal_transitions_move_the_order_and_are_on_the_timeline(tenant, client, status, act):
    order = PurchaseOrderFactory(tenant=tenant, status=status)
    response = client.post(detail(order, act), {"reason": "Plant closed for the holiday"}, format="json")
    assert response.status_code == 200, response.content
    target = ACTIONS[act][1]
    assert response.json()["status"] == target
    last = client.get(detail(order, "timeline")).json()[-1]
    assert (last["from_status"], last["to_status"]) == (status, target)
    assert last["actor"] is not None


def test_send_moves_a_draft_to_sent_and_emails_the_supplier_contact(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    contact = ContactFactory(tenant=tenant, supplier=supplier, email="beef.sales@greatplainsbeef.example")
    order = PurchaseOrderFactory(tenant=tenant, supplier=supplier, supplier_contact=contact)
    response = client.post(detail(order, "send"), {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["sent_to"] == ["beef.sales@greatplainsbeef.example"]
    order.refresh_from_db()
    assert order.status == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["beef.sales@greatplainsbeef.example"]
    assert order.number in message.subject
    filename, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    delivery = DocumentDelivery.objects.get(object_id=order.pk, document="purchase_order")
    assert delivery.recipients == ["beef.sales@greatplainsbeef.example"]


def test_send_of_a_confirmed_order_resends_without_changing_status(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    response = client.post(detail(order, "send"), {"to": ["orders@packer.example"]}, format="json")
    assert response.status_code == 200, response.content
    order.refresh_from_db()
    assert order.status == "confirmed"
    assert mail.outbox[0].to == ["orders@packer.example"]


def test_a_cancelled_order_is_not_sent(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="cancelled")
    response = client.post(detail(order, "send"), {"to": ["orders@packer.example"]}, format="json")
    assert response.status_code == 409
    assert mail.outbox == []
    assert not DocumentDelivery.objects.filter(object_id=order.pk).exists()


def test_confirm_records_the_supplier_confirmation_number(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="sent")
    response = client.post(detail(order, "confirm"), {"supplier_confirmation_number": "SC-88123"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["supplier_confirmation_number"] == "SC-88123"


def test_an_order_without_lines_cannot_be_confirmed(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, lines=[], status="sent")
    assert client.post(detail(order, "confirm"), {}, format="json").status_code == 409


def test_readonly_member_cannot_move_an_order(tenant):
    order = PurchaseOrderFactory(tenant=tenant, status="sent")
    response = client_for(member(tenant, Role.READONLY), tenant).post(detail(order, "confirm"), {}, format="json")
    assert response.status_code == 403


# --- the price lock --------------------------------------------------------------------------------------


def _lines_of(client, order) -> list[dict]:
    return client.get(detail(order)).json()["lines"]


def test_confirmed_order_price_edit_by_a_user_is_403(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    lines = _lines_of(client, order)
    lines[0]["unit_price"] = "3.9900"
    response = client.patch(detail(order), {"lines": lines}, format="json")
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.lines.get().unit_price == Decimal("4.2500")
    assert order.total == Decimal("5100.00")


def test_confirmed_order_price_edit_by_a_manager_is_applied_and_recorded(tenant, client, manager_client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    lines = _lines_of(client, order)
    lines[0]["unit_price"] = "3.9900"
    response = manager_client.patch(detail(order), {"lines": lines}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "4788.00"  # 1,200 lb x $3.99
    events = [e for e in manager_client.get(detail(order, "timeline")).json() if e["verb"] == "price_edited"]
    assert len(events) == 1
    change = events[0]["changes"]["lines"][0]
    assert change["unit_price"] == {"old": "4.2500", "new": "3.9900"}
    assert events[0]["actor"] is not None


def test_draft_order_price_edit_by_a_user_needs_no_manager(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant)
    lines = _lines_of(client, order)
    lines[0]["unit_price"] = "3.9900"
    response = client.patch(detail(order), {"lines": lines}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "4788.00"


def test_confirmed_order_takes_catch_weights_and_dates_from_a_user(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    lines = _lines_of(client, order)
    lines[0]["actual_weight_lb"] = "1187.40"
    payload = {"lines": lines, "pickup_date": "2026-11-06", "carrier_release_number": "REL-55"}
    response = client.patch(detail(order), payload, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "5046.45"
    assert response.json()["carrier_release_number"] == "REL-55"


def test_confirmed_order_keeps_its_supplier_and_terms(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    other = SupplierFactory(tenant=tenant)
    response = client.patch(detail(order), {"supplier": other.pk, "currency": "CAD"}, format="json")
    assert response.status_code == 409
    assert sorted(response.json()["fields"]) == ["currency", "supplier"]
    order.refresh_from_db()
    assert order.supplier_id != other.pk


def test_lines_cannot_be_added_to_a_confirmed_order(tenant, manager_client):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    lines = _lines_of(manager_client, order)
    lines.append(api_line(boxes=1, unit_price="1.0000", price_unit="case"))
    response = manager_client.patch(detail(order), {"lines": lines}, format="json")
    assert response.status_code == 409
    assert order.lines.count() == 1


def test_a_closed_order_is_not_edited(tenant, manager_client):
    order = PurchaseOrderFactory(tenant=tenant, status="closed")
    response = manager_client.patch(detail(order), {"notes": "late edit"}, format="json")
    assert response.status_code == 409


def test_draft_lines_are_replaced_by_the_given_list(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, lines=[line(), line(description="Beef brisket 120")])
    lines = _lines_of(client, order)
    keep = {**lines[1], "boxes": 25}
    new = api_line(boxes=10, unit_price="55.0000", price_unit="case")
    response = client.patch(detail(order), {"lines": [keep, new]}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()["lines"]
    assert [row["id"] for row in body][0] == lines[1]["id"]
    assert [row["line_number"] for row in body] == [1, 2]
    assert body[0]["boxes"] == 25
    assert order.lines.count() == 2
    assert response.json()["total"] == "5650.00"  # 5,100 + 10 x 55


# --- carriers --------------------------------------------------------------------------------------------


@pytest.fixture
def expired_carrier(tenant):
    return CarrierFactory(tenant=tenant, insurance_expires_on=timezone.localdate() - datetime.timedelta(days=1))


def test_carrier_with_expired_insurance_is_refused_on_create(tenant, client, expired_carrier):
    payload = order_payload(tenant, api_line(boxes=1, unit_price="1", price_unit="case"), carrier=expired_carrier.pk)
    response = client.post(URL, payload, format="json")
    assert response.status_code == 409
    assert "insurance" in response.json()["detail"]
    assert response.json()["carrier"] == expired_carrier.pk
    assert not PurchaseOrder.objects.filter(tenant=tenant).exists()


def test_carrier_with_expired_insurance_is_refused_on_change(tenant, client, expired_carrier):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    response = client.patch(detail(order), {"carrier": expired_carrier.pk}, format="json")
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.carrier_id is None


def test_a_carrier_whose_insurance_lapsed_after_assignment_does_not_block_other_edits(tenant, client):
    carrier = CarrierFactory(tenant=tenant)
    order = PurchaseOrderFactory(tenant=tenant, carrier=carrier)
    carrier.insurance_expires_on = timezone.localdate() - datetime.timedelta(days=3)
    carrier.save()
    response = client.patch(detail(order), {"carrier": carrier.pk, "notes": "call ahead"}, format="json")
    assert response.status_code == 200, response.content


# --- documents -------------------------------------------------------------------------------------------


def test_pdf_download(tenant, client):
    order = PurchaseOrderFactory(tenant=tenant, lines=[line(), line(price_unit="cwt", unit_price=Decimal("425"))])
    response = client.get(detail(order, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert order.number in response["Content-Disposition"]


def test_readonly_member_may_download_the_pdf(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    response = client_for(member(tenant, Role.READONLY), tenant).get(detail(order, "pdf"))
    assert response.status_code == 200


# --- deletes ---------------------------------------------------------------------------------------------


def test_deleting_a_supplier_with_orders_is_409(tenant, manager_client):
    order = PurchaseOrderFactory(tenant=tenant)
    response = manager_client.delete(f"/api/v1/suppliers/{order.supplier_id}/")
    assert response.status_code == 409
    assert any(row["id"] == order.pk for row in response.json()["blocked_by"])


def test_deleting_a_product_on_order_lines_is_409(tenant, manager_client):
    product = ProductFactory(tenant=tenant)
    PurchaseOrderFactory(tenant=tenant, lines=[line(product=product)])
    assert manager_client.delete(f"/api/v1/products/{product.pk}/").status_code == 409


def test_deleting_a_carrier_on_orders_is_409(tenant, manager_client):
    carrier = CarrierFactory(tenant=tenant)
    PurchaseOrderFactory(tenant=tenant, carrier=carrier)
    assert manager_client.delete(f"/api/v1/carriers/{carrier.pk}/").status_code == 409


def test_deleting_a_customer_an_order_was_bought_for_is_409(tenant, manager_client):
    customer = CustomerFactory(tenant=tenant)
    PurchaseOrderFactory(tenant=tenant, customer=customer)
    assert manager_client.delete(f"/api/v1/customers/{customer.pk}/").status_code == 409


def test_only_draft_orders_are_deleted(tenant, manager_client):
    sent = PurchaseOrderFactory(tenant=tenant, status="sent")
    draft = PurchaseOrderFactory(tenant=tenant)
    assert manager_client.delete(detail(sent)).status_code == 409
    assert manager_client.delete(detail(draft)).status_code == 204
    assert PurchaseOrder.objects.filter(pk=sent.pk).exists()
    assert not PurchaseOrder.objects.filter(pk=draft.pk).exists()


# --- lists -----------------------------------------------------------------------------------------------


def test_filters_by_status_open_and_protein(tenant, client):
    draft = PurchaseOrderFactory(tenant=tenant)
    closed = PurchaseOrderFactory(tenant=tenant, status="closed")
    ids = lambda params: {row["id"] for row in client.get(URL, params).json()["results"]}  # noqa: E731
    assert ids({"status": "closed"}) == {closed.pk}
    assert ids({"is_open": "true"}) == {draft.pk}
    assert ids({"protein": "beef"}) == {draft.pk, closed.pk}
    assert ids({"protein": "pork"}) == set()
    assert ids({"search": draft.number}) == {draft.pk}


def test_move_to_helper_reaches_every_status(tenant):
    for status in STATUSES:
        assert PurchaseOrderFactory(tenant=tenant, status=status).status == status
