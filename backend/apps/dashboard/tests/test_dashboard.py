"""The dashboard's figures to the cent for a known book of business, its constant query count, and that one
tenant never sees another's money."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts_receivables import services as receivables
from apps.accounts_receivables.tests.factories import PaymentFactory
from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.services import create_invoice_from_sales_order
from apps.loads import services as loads
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders import services as buying
from apps.sales_orders import services as selling
from apps.suppliers.tests.factories import SupplierFactory, protein
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/dashboard/"
D = Decimal


def flow(tenant, *, customer, supplier, protein_code, order_date, weight, buy, sell, linehaul, deliver_load=False):
    """Buy a truckload, haul it, sell it at the catch weight and invoice it, all through the services."""
    product = ProductFactory(tenant=tenant, supplier=supplier, protein=protein(protein_code))
    order = buying.create_purchase_order(
        tenant,
        supplier=supplier,
        order_date=order_date,
        pickup_date=order_date,
        lines=[
            {
                "product": product,
                "boxes": 900,
                "estimated_weight_lb": D("40000"),
                "actual_weight_lb": weight,
                "unit_price": buy,
                "price_unit": "lb",
            }
        ],
    )
    buying.send_purchase_order(order)
    buying.confirm_purchase_order(order, supplier_confirmation_number="SC-1")
    load = loads.create_load(
        tenant,
        carrier=CarrierFactory(tenant=tenant),
        purchase_orders=[order],
        linehaul_rate=linehaul,
        pickup_date=order_date,
    )
    loads.accept_load(load)
    loads.pick_up_load(load)
    if deliver_load:
        loads.deliver_load(load)
    sales_order = selling.create_sales_order(
        tenant=tenant,
        by=None,
        customer=customer,
        order_date=order_date,
        lines=[
            {
                "product": product,
                "boxes": 900,
                "estimated_weight_lb": D("40000"),
                "actual_weight_lb": weight,
                "unit_price": sell,
                "price_unit": "lb",
                "source_purchase_order_line": order.lines.get(),
            }
        ],
    )
    selling.confirm_sales_order(sales_order, by=None)
    selling.ship_sales_order(sales_order, by=None, shipped_on=order_date)
    selling.deliver_sales_order(sales_order, by=None, delivered_on=order_date)
    return create_invoice_from_sales_order(sales_order, by=None, invoice_date=order_date, issue=True)


@pytest.fixture
def book():
    tenant = TenantFactory()
    today = timezone.localdate()
    earlier = today - datetime.timedelta(days=40)
    acme = CustomerFactory(tenant=tenant, name="Acme Meats", credit_limit=None, payment_terms_days=14)
    bravo = CustomerFactory(tenant=tenant, name="Bravo Foods", credit_limit=None, payment_terms_days=14)
    packer, pork_plant = SupplierFactory(tenant=tenant), SupplierFactory(tenant=tenant)
    # 39,875.50 lb of beef bought at 2.15/lb (85,732.33), sold at 2.41/lb (96,099.96), 3,200.00 freight.
    first = flow(
        tenant,
        customer=acme,
        supplier=packer,
        protein_code="beef",
        order_date=today,
        weight=D("39875.50"),
        buy=D("2.1500"),
        sell=D("2.4100"),
        linehaul=D("3200.00"),
    )
    # 41,250.25 lb of pork bought at 1.05/lb (43,312.76), sold at 1.2275/lb (50,634.68), 2,800.00 freight.
    second = flow(
        tenant,
        customer=bravo,
        supplier=pork_plant,
        protein_code="pork",
        order_date=earlier,
        weight=D("41250.25"),
        buy=D("1.0500"),
        sell=D("1.2275"),
        linehaul=D("2800.00"),
        deliver_load=True,
    )
    payment = PaymentFactory(tenant=tenant, customer=bravo, amount=D("20000.00"), payment_date=today)
    receivables.apply_payment(payment, [(second, D("20000.00"))], by=None)
    return {
        "tenant": tenant,
        "today": today,
        "earlier": earlier,
        "acme": acme,
        "bravo": bravo,
        "packer": packer,
        "pork_plant": pork_plant,
        "first": first,
        "second": second,
    }


def month_row(body, day):
    return next(row for row in body["sales"]["by_month"] if row["month"] == day.replace(day=1).isoformat())


def test_dashboard_figures_to_the_cent(book):
    body = client_for(member(book["tenant"], Role.READONLY), book["tenant"]).get(URL).json()
    assert body["open_purchase_orders"] == {"count": 1, "value": "85732.33"}  # the pork order was received
    assert body["loads"]["picking_up_today"] == 1
    assert body["loads"]["picking_up_this_week"] == 1
    assert body["sales"]["month_to_date"] == {
        "month": book["today"].replace(day=1).isoformat(),
        "orders": 1,
        "sales": "96099.96",
        "gross_margin": "7167.63",  # 96,099.96 - 85,732.33 - 3,200.00
        "margin_percent": "7.46",  # 7,167.63 / 96,099.96
        "costed_orders": 1,
        "uncosted_orders": 0,
        "uncosted_sales": "0.00",
    }
    assert len(body["sales"]["by_month"]) == 12
    assert month_row(body, book["earlier"])["sales"] == "50634.68"
    assert month_row(body, book["earlier"])["gross_margin"] == "4521.92"  # 50,634.68 - 43,312.76 - 2,800.00
    pounds = {(row["month"], row["protein"]): row["pounds"] for row in body["pounds_by_protein"]}
    assert pounds == {
        (book["today"].replace(day=1).isoformat(), "beef"): "39875.50",
        (book["earlier"].replace(day=1).isoformat(), "pork"): "41250.25",
    }
    assert body["receivables"] == {
        "outstanding": "126734.64",  # 96,099.96 + 50,634.68 - 20,000.00
        "open_invoices": 2,
        "overdue": "30634.68",  # the pork invoice was due 26 days ago
        "overdue_invoices": 1,
        "overdue_customers": 1,
    }
    assert [(row["name"], row["sales"], row["gross_margin"]) for row in body["top_customers"]] == [
        ("Acme Meats", "96099.96", "7167.63"),
        ("Bravo Foods", "50634.68", "4521.92"),
    ]
    assert [(row["supplier"], row["purchases"]) for row in body["top_suppliers"]] == [
        (book["packer"].pk, "85732.33"),
        (book["pork_plant"].pk, "43312.76"),
    ]


def test_dashboard_query_count_does_not_grow_with_the_business(book):
    client = client_for(member(book["tenant"], Role.OWNER), book["tenant"])
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    tenant = book["tenant"]
    for days_back, code in [(70, "chicken"), (100, "turkey"), (150, "beef")]:
        flow(
            tenant,
            customer=CustomerFactory(tenant=tenant, credit_limit=None),
            supplier=SupplierFactory(tenant=tenant),
            protein_code=code,
            order_date=book["today"] - datetime.timedelta(days=days_back),
            weight=D("38000.00"),
            buy=D("1.5000"),
            sell=D("1.7000"),
            linehaul=D("2500.00"),
        )
    with CaptureQueriesContext(connection) as large:
        body = client.get(URL).json()
    assert len(body["top_customers"]) == 5
    assert len(large) == len(small), [query["sql"] for query in large.captured_queries]


def test_dashboard_shows_only_the_requests_tenant(book):
    other = TenantFactory()
    body = client_for(member(other, Role.OWNER), other).get(URL).json()
    assert body["open_purchase_orders"] == {"count": 0, "value": "0.00"}
    assert body["receivables"]["outstanding"] == "0.00"
    assert body["sales"]["month_to_date"]["sales"] == "0.00"
    assert body["top_customers"] == [] and body["top_suppliers"] == [] and body["pounds_by_protein"] == []


def test_dashboard_needs_a_signed_in_member(book):
    from rest_framework.test import APIClient

    assert APIClient().get(URL).status_code in (401, 403)
