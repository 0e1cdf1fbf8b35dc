"""Margins a broker can trust: an uncosted order (a line without a known buy cost) has no margin, is flagged,
left out of margin totals and counted apart — the same figures on the order, the dashboard and the chat — and a
sales order's margin follows the purchase prices and freight behind it as soon as they change."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.ai_assistant.chat import ChatTools
from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.loads.tests.factories import LoadFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.tenants.models import Role
from conftest import client_for

from .factories import SalesOrderFactory, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(tenant):
    """One customer: a costed confirmed order (sell 1,200 lb x 5.10 = 6,120.00, buy x 4.25 = 5,100.00, margin
    1,020.00), an uncosted confirmed order (6,120.00 sell, no purchase line), and a costed draft and a cancelled
    order that must not count anywhere."""
    customer = CustomerFactory(tenant=tenant)
    purchase = PurchaseOrderFactory(tenant=tenant, lines=[po_line()])
    bought = purchase.lines.get()
    product = ProductFactory(tenant=tenant)

    def costed(**fields):
        return SalesOrderFactory(
            tenant=tenant, customer=customer, lines=[line(product, source_purchase_order_line=bought)], **fields
        )

    orders = {
        "costed": costed(status="confirmed"),
        "uncosted": SalesOrderFactory(tenant=tenant, customer=customer, lines=[line(product)], status="confirmed"),
        "draft": costed(),
        "cancelled": costed(status="cancelled"),
    }
    return customer, purchase, orders


def test_an_uncosted_order_has_no_margin_and_is_flagged(tenant, book):
    _customer, _purchase, orders = book
    client = client_for(member(tenant, Role.READONLY), tenant)
    body = client.get(reverse("sales-order-detail", args=[orders["uncosted"].pk])).json()
    assert body["total"] == "6120.00"
    assert body["margin"] is None and body["margin_percent"] is None
    assert body["uncosted"] is True and body["buy_cost_complete"] is False
    assert body["lines"][0]["margin"] is None and body["lines"][0]["uncosted"] is True
    costed = client.get(reverse("sales-order-detail", args=[orders["costed"].pk])).json()
    assert (costed["margin"], costed["uncosted"], costed["lines"][0]["uncosted"]) == ("1020.00", False, False)


def test_dashboard_margin_is_the_sum_of_costed_margins_and_the_chat_says_the_same(tenant, book):
    customer, _purchase, _orders = book
    client = client_for(member(tenant, Role.READONLY), tenant)
    mtd = client.get("/api/v1/dashboard/").json()["sales"]["month_to_date"]
    # Booked: the costed and the uncosted order (not the draft, not the cancelled one).
    assert (mtd["orders"], mtd["sales"]) == (2, "12240.00")
    assert mtd["gross_margin"] == "1020.00"  # not 7,140.00 (the uncosted sell counted as margin)
    assert (mtd["costed_orders"], mtd["uncosted_orders"], mtd["uncosted_sales"]) == (1, 1, "6120.00")
    assert mtd["margin_percent"] == "16.67"  # 1,020 / 6,120 costed sales
    top = client.get("/api/v1/dashboard/").json()["top_customers"]
    assert [(row["customer"], row["gross_margin"], row["uncosted_orders"]) for row in top] == [
        (customer.pk, "1020.00", 1)
    ]

    chat = ChatTools(tenant).top_customers(by="margin", days=30)
    assert chat["customers"] == [
        {"customer": customer.name, "sales": "12,240.00", "margin": "1,020.00", "uncosted_orders": 1}
    ]
    session = client.post("/api/v1/ai-assistant/chat/sessions/", {"title": ""}, format="json").json()["id"]
    answer = client.post(
        f"/api/v1/ai-assistant/chat/sessions/{session}/messages/",
        {"content": "top customers by margin"},
        format="json",
    ).json()["answer"]["content"]
    assert "1,020.00" in answer and "1 uncosted order" in answer


def test_a_purchase_price_change_refreshes_the_linked_sales_order_margin(tenant, book):
    _customer, purchase, orders = book
    manager = member(tenant, Role.MANAGER)
    bought = purchase.lines.get()
    response = client_for(manager, tenant).patch(
        reverse("purchase-order-detail", args=[purchase.pk]),
        {"lines": [{"id": bought.pk, "unit_price": "4.5000"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    orders["costed"].refresh_from_db()
    # buy 1,200 x 4.50 = 5,400.00; margin 6,120.00 - 5,400.00 = 720.00, without any step on the sales order.
    assert (orders["costed"].buy_cost, orders["costed"].margin) == (Decimal("5400.00"), Decimal("720.00"))
    orders["cancelled"].refresh_from_db()
    assert orders["cancelled"].buy_cost == Decimal("5100.00")  # finished orders keep their figures


def test_freight_booked_or_changed_on_a_load_refreshes_the_sales_order_margin(tenant, book):
    _customer, purchase, orders = book
    load = LoadFactory(tenant=tenant, purchase_orders=[purchase])  # $2,450 linehaul + $185 fuel
    orders["costed"].refresh_from_db()
    assert (orders["costed"].freight_cost, orders["costed"].margin) == (Decimal("2635.00"), Decimal("-1615.00"))
    response = client_for(member(tenant, Role.MANAGER), tenant).patch(
        reverse("load-detail", args=[load.pk]), {"linehaul_rate": "1450.00"}, format="json"
    )
    assert response.status_code == 200, response.content
    orders["costed"].refresh_from_db()
    assert (orders["costed"].freight_cost, orders["costed"].margin) == (Decimal("1635.00"), Decimal("-615.00"))
