"""Sales order rules: the lifecycle (every illegal step is 409), the credit check with its manager override,
edits after confirmation, kg input, margins (sell - buy - freight), credit exposure and protected deletes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.testing.factories import member
from apps.core.workflow import timeline_for
from apps.customers.tests.factories import CustomerFactory, ShipToLocationFactory
from apps.invoices.tests.factories import InvoiceFactory
from apps.loads.tests.factories import LoadFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.sales_orders import services
from apps.sales_orders.models import SalesOrder, SalesOrderStatus
from apps.tenants.models import Role
from conftest import client_for

from .factories import SalesOrderFactory, line, move_to

pytestmark = pytest.mark.django_db

STATUSES = [choice.value for choice in SalesOrderStatus]
ACTIONS = {"confirmed": "confirm", "shipped": "ship", "delivered": "deliver", "cancelled": "cancel"}
LEGAL = {
    ("draft", "confirmed"),
    ("draft", "cancelled"),
    ("confirmed", "shipped"),
    ("confirmed", "cancelled"),
    ("shipped", "delivered"),
}


def url(order, action=None):
    if action is None:
        return reverse("sales-order-detail", args=[order.pk])
    return reverse(f"sales-order-{action}", args=[order.pk])


@pytest.fixture
def user(tenant):
    return member(tenant, Role.USER)


@pytest.fixture
def manager(tenant):
    return member(tenant, Role.MANAGER)


def order_in(tenant, status="draft", **fields):
    return SalesOrderFactory(tenant=tenant, status=None if status == "draft" else status, **fields)


# --- lifecycle ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in STATUSES for t in ACTIONS if (c, t) not in LEGAL],
)
def test_every_illegal_transition_is_a_conflict(tenant, manager, current, target):
    order = order_in(tenant, current)
    response = client_for(manager, tenant).post(url(order, ACTIONS[target]), {}, format="json")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["current_status"] == current
    assert target not in body["allowed_transitions"]
    order.refresh_from_db()
    assert order.status == current


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_every_legal_transition_moves_the_order_and_is_on_the_timeline(tenant, user, current, target):
    order = order_in(tenant, current)
    response = client_for(user, tenant).post(url(order, ACTIONS[target]), {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == target
    event = list(timeline_for(order))[-1]
    assert (event.verb, event.from_status, event.to_status, event.created_by) == (target, current, target, user)


def test_invoiced_is_reached_only_by_creating_the_invoice(tenant, manager):
    order = order_in(tenant, "invoiced")
    assert order.status == "invoiced"
    for action in ACTIONS.values():
        assert client_for(manager, tenant).post(url(order, action), {}, format="json").status_code == 409


def test_confirm_refused_without_lines(tenant, user):
    order = order_in(tenant, lines=[])
    response = client_for(user, tenant).post(url(order, "confirm"), {}, format="json")
    assert response.status_code == 409
    assert "no lines" in response.json()["detail"]


def test_ship_and_deliver_record_the_dates(tenant, user):
    order = order_in(tenant, "confirmed")
    client = client_for(user, tenant)
    client.post(url(order, "ship"), {"shipped_on": "2026-12-01"}, format="json")
    response = client.post(url(order, "deliver"), {"delivered_on": "2026-12-03"}, format="json")
    body = response.json()
    assert (body["pickup_date"], body["delivery_date"]) == ("2026-12-01", "2026-12-03")
    assert body["shipped_at"] and body["delivered_at"]


# --- credit check ---------------------------------------------------------------------------------


def test_confirm_refused_when_customer_on_credit_hold_with_the_figures(tenant, user):
    customer = CustomerFactory(tenant=tenant, credit_hold=True, credit_limit=Decimal("50000.00"))
    order = order_in(tenant, customer=customer)  # 1,200 lb x $5.10 = $6,120.00
    response = client_for(user, tenant).post(url(order, "confirm"), {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["credit_problem"] == "credit_hold"
    assert body["credit_hold"] is True
    assert (body["open_balance"], body["order_total"], body["credit_limit"]) == ("0.00", "6120.00", "50000.00")
    order.refresh_from_db()
    assert order.status == "draft"


def test_confirm_refused_when_open_balance_plus_order_exceeds_the_limit(tenant, user):
    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("10000.00"))
    order_in(tenant, "confirmed", customer=customer)  # $6,120.00 confirmed, not invoiced
    InvoiceFactory(tenant=tenant, customer=customer, issued=True)  # $5,000.00 owed
    order = order_in(tenant, customer=customer, lines=[line(ProductFactory(tenant=tenant), unit_price="0.1000")])
    response = client_for(user, tenant).post(url(order, "confirm"), {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["credit_problem"] == "credit_limit_exceeded"
    assert (body["open_balance"], body["order_total"], body["credit_limit"]) == ("11120.00", "120.00", "10000.00")
    assert body["credit_hold"] is False


def test_confirm_allowed_up_to_the_limit_exactly(tenant, user):
    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("6120.00"))
    order = order_in(tenant, customer=customer)
    assert client_for(user, tenant).post(url(order, "confirm"), {}, format="json").status_code == 200


def test_paid_and_voided_invoices_do_not_count_against_credit(tenant, user):
    from apps.invoices import services as invoice_services

    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("7000.00"))
    paid = InvoiceFactory(tenant=tenant, customer=customer, issued=True)
    invoice_services.apply_payment_to_invoice(paid, Decimal("5000.00"), by=None)
    invoice_services.void_invoice(InvoiceFactory(tenant=tenant, customer=customer, issued=True), by=None, reason="x")
    order = order_in(tenant, customer=customer)
    assert client_for(user, tenant).post(url(order, "confirm"), {}, format="json").status_code == 200


def test_manager_override_confirms_and_is_recorded(tenant, manager):
    customer = CustomerFactory(tenant=tenant, credit_hold=True)
    order = order_in(tenant, customer=customer)
    response = client_for(manager, tenant).post(
        url(order, "confirm"), {"override_reason": "Owner guaranteed payment by wire Friday"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed"
    verbs = [(e.verb, e.reason, e.created_by) for e in timeline_for(order)]
    assert ("credit_override", "Owner guaranteed payment by wire Friday", manager) in verbs
    override = next(e for e in timeline_for(order) if e.verb == "credit_override")
    assert override.changes["credit_hold"] is True and override.changes["order_total"] == "6120.00"


def test_user_override_is_forbidden(tenant, user):
    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("100.00"))
    order = order_in(tenant, customer=customer)
    response = client_for(user, tenant).post(url(order, "confirm"), {"override_reason": "Good customer"}, format="json")
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "draft"
    assert not [e for e in timeline_for(order) if e.verb == "credit_override"]


def test_override_without_a_reason_is_still_a_conflict_for_managers(tenant, manager):
    order = order_in(tenant, customer=CustomerFactory(tenant=tenant, credit_hold=True))
    response = client_for(manager, tenant).post(url(order, "confirm"), {"override_reason": "  "}, format="json")
    assert response.status_code == 409


def test_customer_exposure_endpoint_reports_the_figures(tenant, user):
    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("20000.00"))
    InvoiceFactory(tenant=tenant, customer=customer, issued=True)
    order_in(tenant, "shipped", customer=customer)
    order_in(tenant, customer=customer)  # drafts do not count
    response = client_for(user, tenant).get(reverse("sales-order-customer-exposure"), {"customer": customer.pk})
    assert response.status_code == 200
    assert response.json() == {
        "customer": customer.pk,
        "open_invoices_balance": "5000.00",
        "uninvoiced_orders_total": "6120.00",
        "open_balance": "11120.00",
        "credit_limit": "20000.00",
        "credit_hold": False,
        "available_credit": "8880.00",
    }
    exposure = services.customer_exposure(customer)
    assert exposure.open_balance == Decimal("11120.00")


# --- create and edit ------------------------------------------------------------------------------


def test_created_order_gets_a_number_totals_and_product_defaults(tenant, user):
    product = ProductFactory(tenant=tenant, default_price=Decimal("4.8750"), price_unit="cwt")
    customer = CustomerFactory(tenant=tenant)
    payload = {"customer": customer.pk, "lines": [{"product": product.pk, "estimated_weight_lb": "1000.00"}]}
    response = client_for(user, tenant).post(reverse("sales-order-list"), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("SO-") and body["status"] == "draft"
    [line_body] = body["lines"]
    assert (line_body["unit_price"], line_body["price_unit"]) == ("4.8750", "cwt")
    assert line_body["description"] == product.description and line_body["protein"] == "beef"
    assert line_body["line_total"] == "48.75"  # 10 cwt x $4.875
    assert body["total"] == "48.75"


def test_kg_weights_are_converted_to_pounds(tenant, user):
    product = ProductFactory(tenant=tenant)
    payload = {
        "customer": CustomerFactory(tenant=tenant).pk,
        "lines": [
            {
                "product": product.pk,
                "weight_unit": "kg",
                "estimated_weight_lb": "1000",
                "actual_weight_lb": "500",
                "unit_price": "2.0000",
                "price_unit": "lb",
            }
        ],
    }
    response = client_for(user, tenant).post(reverse("sales-order-list"), payload, format="json")
    [line_body] = response.json()["lines"]
    assert (line_body["estimated_weight_lb"], line_body["actual_weight_lb"]) == ("2204.62", "1102.31")
    assert line_body["line_total"] == "2204.62"  # priced on the actual weight


def test_ship_to_must_belong_to_the_customer(tenant, user):
    other_ship_to = ShipToLocationFactory(tenant=tenant)
    payload = {"customer": CustomerFactory(tenant=tenant).pk, "ship_to": other_ship_to.pk, "lines": []}
    response = client_for(user, tenant).post(reverse("sales-order-list"), payload, format="json")
    assert response.status_code == 400
    assert "ship_to" in response.json()


def test_a_line_priced_by_weight_needs_a_weight(tenant, user):
    payload = {
        "customer": CustomerFactory(tenant=tenant).pk,
        "lines": [{"product": ProductFactory(tenant=tenant).pk, "unit_price": "3.0000", "price_unit": "lb"}],
    }
    response = client_for(user, tenant).post(reverse("sales-order-list"), payload, format="json")
    assert response.status_code == 400
    assert "estimated_weight_lb" in response.json()["lines"]["0"]


def test_price_change_on_a_confirmed_order_needs_a_manager_and_is_recorded(tenant, user, manager):
    order = order_in(tenant, "confirmed")
    line_id = order.lines.get().pk
    patch = {"lines": [{"id": line_id, "unit_price": "5.2500"}]}
    assert client_for(user, tenant).patch(url(order), patch, format="json").status_code == 403
    response = client_for(manager, tenant).patch(url(order), patch, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "6300.00"
    event = next(e for e in timeline_for(order) if e.verb == "price_edited")
    assert event.changes["lines"] == [{"line": 1, "line_id": line_id, "unit_price": {"old": "5.1000", "new": "5.2500"}}]
    assert event.created_by == manager


def test_users_enter_catch_weights_on_a_shipped_order(tenant, user):
    order = order_in(tenant, "shipped")
    line_id = order.lines.get().pk
    patch = {"lines": [{"id": line_id, "actual_weight_lb": "1187.40"}]}
    response = client_for(user, tenant).patch(url(order), patch, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["total"] == "6055.74"  # 1,187.40 x 5.10


def test_invoiced_and_cancelled_orders_cannot_be_edited(tenant, manager):
    for status in ("invoiced", "cancelled"):
        order = order_in(tenant, status)
        response = client_for(manager, tenant).patch(url(order), {"notes": "late change"}, format="json")
        assert response.status_code == 409


def test_only_drafts_are_deleted(tenant, manager):
    draft = order_in(tenant)
    assert client_for(manager, tenant).delete(url(draft)).status_code == 204
    confirmed = order_in(tenant, "confirmed")
    assert client_for(manager, tenant).delete(url(confirmed)).status_code == 409
    assert SalesOrder.objects.filter(pk=confirmed.pk).exists()


def test_deleting_a_customer_or_product_with_orders_is_a_conflict(tenant):
    owner = member(tenant, Role.OWNER)
    product = ProductFactory(tenant=tenant)
    order = order_in(tenant, lines=[line(product)])
    client = client_for(owner, tenant)
    response = client.delete(reverse("customer-detail", args=[order.customer_id]))
    assert response.status_code == 409
    assert any(b["type"] == "sales order" for b in response.json()["blocked_by"])
    assert client.delete(reverse("product-detail", args=[product.pk])).status_code == 409


# --- margin ---------------------------------------------------------------------------------------


def test_margin_is_sell_minus_buy_minus_freight(tenant, user):
    # Bought 1,200 lb at $4.25/lb = $5,100.00 on a load costing $2,450 + $185 fuel = $2,635.00 freight.
    purchase = PurchaseOrderFactory(tenant=tenant, lines=[po_line()])
    LoadFactory(tenant=tenant, purchase_orders=[purchase])
    bought = purchase.lines.get()
    product = ProductFactory(tenant=tenant)
    order = order_in(
        tenant, lines=[line(product, source_purchase_order_line=bought, estimated_weight_lb=Decimal("600.00"))]
    )
    body = client_for(user, tenant).get(url(order)).json()
    # Half the load's pounds: sell 600 x 5.10 = 3,060.00; buy 600 x 4.25 = 2,550.00; freight 2,635 / 2 = 1,317.50.
    assert (body["total"], body["buy_cost"], body["freight_cost"]) == ("3060.00", "2550.00", "1317.50")
    assert body["margin"] == "-807.50"
    assert body["margin_percent"] == "-26.39"
    assert body["buy_cost_complete"] is True
    assert body["lines"][0]["buy_cost"] == "2550.00" and body["lines"][0]["margin"] == "510.00"
    assert body["source_purchase_orders"] == [purchase.pk]


def test_margin_without_a_purchase_line_is_flagged_incomplete(tenant, user):
    order = order_in(tenant)
    body = client_for(user, tenant).get(url(order)).json()
    assert body["buy_cost_complete"] is False and body["uncosted"] is True
    assert body["lines"][0]["buy_cost"] is None and body["margin"] is None


def test_margin_follows_the_catch_weight(tenant):
    purchase = PurchaseOrderFactory(tenant=tenant, lines=[po_line(unit_price=Decimal("4.0000"))])
    order = order_in(
        tenant, lines=[line(ProductFactory(tenant=tenant), source_purchase_order_line=purchase.lines.get())]
    )
    order = move_to(order, "shipped")
    sold = order.lines.get()
    services.update_sales_order(
        order, by=None, role="user", lines=[{"id": sold.pk, "actual_weight_lb": Decimal("1190.00")}]
    )
    order.refresh_from_db()
    assert (order.total, order.buy_cost, order.margin) == (Decimal("6069.00"), Decimal("4760.00"), Decimal("1309.00"))


def test_a_carrier_with_expired_insurance_cannot_be_put_on_an_order(tenant, user):
    import datetime

    from apps.carriers.tests.factories import CarrierFactory

    lapsed = CarrierFactory(tenant=tenant, insurance_expires_on=datetime.date(2025, 1, 31))
    order = order_in(tenant)
    response = client_for(user, tenant).patch(url(order), {"carrier": lapsed.pk}, format="json")
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.carrier_id is None


def test_timeline_lists_who_did_what(tenant, user, manager):
    order = order_in(tenant, customer=CustomerFactory(tenant=tenant, credit_hold=True))
    client_for(manager, tenant).post(url(order, "confirm"), {"override_reason": "Prepaid by wire"}, format="json")
    client_for(user, tenant).post(url(order, "ship"), {}, format="json")
    events = client_for(user, tenant).get(url(order, "timeline")).json()
    assert [(e["verb"], e["actor"]) for e in events] == [
        ("created", None),
        ("credit_override", manager.username),
        ("confirmed", manager.username),
        ("shipped", user.username),
    ]
    assert events[1]["reason"] == "Prepaid by wire"


def test_freight_booked_after_the_sale_reaches_the_margin_by_the_next_step(tenant):
    purchase = PurchaseOrderFactory(tenant=tenant, lines=[po_line()])
    order = order_in(
        tenant, lines=[line(ProductFactory(tenant=tenant), source_purchase_order_line=purchase.lines.get())]
    )
    order = move_to(order, "confirmed")
    assert order.freight_cost == Decimal("0.00")
    LoadFactory(tenant=tenant, purchase_orders=[purchase])  # $2,450 linehaul + $185 fuel, all 1,200 lb ours
    order = services.ship_sales_order(order, by=None)
    order.refresh_from_db()
    assert (order.freight_cost, order.margin) == (Decimal("2635.00"), Decimal("6120.00") - Decimal("5100.00") - 2635)
