"""The service spine (apps.core.services) as every order app uses it: edits leave a timeline entry naming each
changed field (catch weights that move a PO total, BOL / POD edits, the assistant's BOL number), sales-order and
invoice services refuse unknown fields and other tenants' rows like the PO and load services, and document
numbers follow one year rule."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.exceptions import ValidationError

from apps.core.testing.factories import TenantFactory, member
from apps.core.workflow import timeline_for
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services as invoices
from apps.invoices.tests.factories import InvoiceFactory, invoice_line
from apps.loads import services as loads
from apps.loads.tests.factories import LoadFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders import services as purchase_orders
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.sales_orders import services as sales_orders
from apps.sales_orders.tests.factories import SalesOrderFactory, line
from apps.tenants.models import Role

pytestmark = pytest.mark.django_db


def _updates(obj):
    return [event for event in timeline_for(obj) if event.verb == "updated"]


def test_a_catch_weight_that_changes_a_confirmed_po_total_is_on_the_timeline(tenant):
    user = member(tenant, Role.USER)
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")  # 1,200 lb x $4.25 = 5,100.00
    line_id = order.lines.get().pk
    purchase_orders.update_purchase_order(order, by=user, lines=[{"id": line_id, "actual_weight_lb": "1180.50"}])
    (event,) = _updates(order)
    assert event.created_by == user
    assert event.changes["total"] == {"old": "5100.00", "new": "5017.13"}
    assert event.changes["lines"] == [
        {"line": 1, "line_id": line_id, "actual_weight_lb": {"old": None, "new": "1180.50"}}
    ]


def test_bol_and_pod_edits_of_a_load_are_on_the_timeline(tenant):
    user = member(tenant, Role.USER)
    load = LoadFactory(tenant=tenant, purchase_orders=[PurchaseOrderFactory(tenant=tenant, status="confirmed")])
    loads.update_load(load, by=user, bol_number="BOL-1")
    loads.update_load(load, by=user, bol_number="BOL-2")  # e.g. the assistant attaching a BOL overwrites it
    events = _updates(load)
    assert [e.changes["bol_number"] for e in events] == [
        {"old": "", "new": "BOL-1"},
        {"old": "BOL-1", "new": "BOL-2"},
    ]
    for step in ("accept", "pick-up", "deliver"):
        load = loads.perform_action(load, action=step, by=None)
    loads.update_load(load, by=user, pod_received=True)
    pod = _updates(load)[-1].changes
    assert pod["pod_received"] == {"old": False, "new": True}
    assert pod["pod_received_on"]["old"] is None and pod["pod_received_on"]["new"]


def test_the_assistant_overwriting_a_bol_number_leaves_a_timeline_entry(tenant):
    from apps.ai_assistant.confirm import _attach_to_load
    from apps.ai_assistant.tests.factories import DocumentFactory

    user = member(tenant, Role.USER)
    load = LoadFactory(tenant=tenant, bol_number="OLD-77")
    document = DocumentFactory(tenant=tenant)
    _attach_to_load(document, by=user, data={"load": load, "document_number": "NEW-88"})
    assert _updates(load)[-1].changes["bol_number"] == {"old": "OLD-77", "new": "NEW-88"}


def test_sales_order_services_refuse_unknown_fields_and_other_tenants_rows(tenant):
    customer = CustomerFactory(tenant=tenant)
    product = ProductFactory(tenant=tenant)
    with pytest.raises(ValidationError) as unknown:
        sales_orders.create_sales_order(tenant=tenant, by=None, customer=customer, lines=[], colour="red")
    assert "colour" in unknown.value.detail
    other = TenantFactory()
    with pytest.raises(ValidationError) as foreign:
        sales_orders.create_sales_order(
            tenant=tenant, by=None, customer=customer, lines=[line(ProductFactory(tenant=other))]
        )
    assert "another tenant" in str(foreign.value.detail)
    order = SalesOrderFactory(tenant=tenant, customer=customer, lines=[line(product)])
    with pytest.raises(ValidationError):
        sales_orders.update_sales_order(order, by=None, customer=CustomerFactory(tenant=other))
    with pytest.raises(ValidationError):
        sales_orders.update_sales_order(order, by=None, lines=[{**line(product), "margin": "1"}])


def test_invoice_services_refuse_unknown_fields_and_other_tenants_rows(tenant):
    customer = CustomerFactory(tenant=tenant)
    other = TenantFactory()
    with pytest.raises(ValidationError):
        invoices.create_invoice(
            tenant=tenant, by=None, customer=customer, lines=[invoice_line(ProductFactory(tenant=tenant))], total="1"
        )
    with pytest.raises(ValidationError):
        invoices.create_invoice(tenant=tenant, by=None, customer=CustomerFactory(tenant=other), lines=[])
    invoice = InvoiceFactory(tenant=tenant, customer=customer)
    with pytest.raises(ValidationError):
        invoices.update_invoice(invoice, by=None, lines=[invoice_line(ProductFactory(tenant=other))])
    invoices.update_invoice(invoice, by=None, notes="Deliver to dock 4", freight_amount=Decimal("25.00"))
    event = _updates(invoice)[-1]
    assert event.changes["notes"]["new"] == "Deliver to dock 4"
    assert event.changes["total"] == {"old": "5000.00", "new": "5025.00"}


def test_sales_order_edits_are_on_the_timeline(tenant):
    order = SalesOrderFactory(tenant=tenant)
    sales_orders.update_sales_order(order, by=None, notes="Call before delivery")
    assert _updates(order)[-1].changes["notes"] == {"old": "", "new": "Call before delivery"}


def test_document_numbers_take_the_year_of_the_documents_own_date(tenant):
    last_year = datetime.date(2025, 12, 30)
    po = PurchaseOrderFactory(tenant=tenant, order_date=last_year)
    so = SalesOrderFactory(tenant=tenant, order_date=last_year)
    invoice = InvoiceFactory(tenant=tenant, invoice_date=last_year)
    assert po.number == "PO-2025-000001"
    assert so.number == "SO-2025-000001"
    assert invoice.number == "INV-2025-000001"
