"""The checks every order app makes the same way (apps.core.services): the same customer PO or supplier
confirmation booked twice is a 409 naming the first order unless confirmed, and a date before the one it
follows (delivery before pickup, due before the invoice date) is a 400 naming the field."""

import datetime

import pytest

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.models import PurchaseOrder
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.sales_orders.models import SalesOrder
from apps.sales_orders.tests.factories import SalesOrderFactory, move_to
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
API = "/api/v1"
D = datetime.date


@pytest.fixture
def world():
    tenant = TenantFactory()
    return {"tenant": tenant, "client": client_for(member(tenant, Role.MANAGER), tenant)}


def so_body(customer, product, **extra):
    line = {
        "product": product.pk,
        "boxes": 10,
        "estimated_weight_lb": "600.00",
        "unit_price": "4.10",
        "price_unit": "lb",
    }
    return {"customer": customer.pk, "lines": [line], **extra}


def test_the_same_customer_po_twice_is_409_naming_the_first_order(world):
    tenant, client = world["tenant"], world["client"]
    customer, product = CustomerFactory(tenant=tenant), ProductFactory(tenant=tenant)
    first = SalesOrderFactory(tenant=tenant, customer=customer, customer_po_number="4500-1187")

    again = client.post(
        f"{API}/sales-orders/", so_body(customer, product, customer_po_number="4500-1187 "), format="json"
    )
    assert again.status_code == 409, again.content
    assert again.json()["duplicate_of"] == {"id": first.pk, "number": first.number}
    assert first.number in again.json()["detail"]
    assert SalesOrder.objects.filter(tenant=tenant).count() == 1  # nothing written

    # Case does not make it another PO; the broker may still book it on purpose.
    body = so_body(customer, product, customer_po_number="4500-1187", confirm_duplicate=True)
    confirmed = client.post(f"{API}/sales-orders/", body, format="json")
    assert confirmed.status_code == 201, confirmed.content
    assert "confirm_duplicate" not in confirmed.json()


def test_customer_po_duplicates_are_per_customer_and_ignore_cancelled_orders(world):
    tenant, client = world["tenant"], world["client"]
    product = ProductFactory(tenant=tenant)
    customer, other = CustomerFactory(tenant=tenant), CustomerFactory(tenant=tenant)
    SalesOrderFactory(tenant=tenant, customer=customer, customer_po_number="PO-77")
    cancelled = SalesOrderFactory(tenant=tenant, customer=other, customer_po_number="PO-88")
    move_to(cancelled, "cancelled")

    assert (
        client.post(
            f"{API}/sales-orders/", so_body(other, product, customer_po_number="PO-77"), format="json"
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"{API}/sales-orders/", so_body(other, product, customer_po_number="PO-88"), format="json"
        ).status_code
        == 201
    )
    # Another tenant's order with the same PO is none of this tenant's business.
    elsewhere = TenantFactory()
    SalesOrderFactory(tenant=elsewhere, customer=CustomerFactory(tenant=elsewhere), customer_po_number="PO-99")
    assert (
        client.post(
            f"{API}/sales-orders/", so_body(customer, product, customer_po_number="PO-99"), format="json"
        ).status_code
        == 201
    )


def test_renaming_an_order_onto_another_orders_customer_po_is_409(world):
    tenant, client = world["tenant"], world["client"]
    customer = CustomerFactory(tenant=tenant)
    first = SalesOrderFactory(tenant=tenant, customer=customer, customer_po_number="A-1")
    second = SalesOrderFactory(tenant=tenant, customer=customer, customer_po_number="A-2")
    url = f"{API}/sales-orders/{second.pk}/"
    response = client.patch(url, {"customer_po_number": "a-1"}, format="json")
    assert response.status_code == 409 and response.json()["duplicate_of"]["id"] == first.pk
    # An unrelated edit of an order that already shares a PO (booked on purpose) is not refused again.
    SalesOrder.objects.filter(pk=second.pk).update(customer_po_number="A-1")
    assert client.patch(url, {"notes": "call before delivery"}, format="json").status_code == 200


def test_the_same_supplier_confirmation_twice_is_409(world):
    tenant, client = world["tenant"], world["client"]
    supplier = SupplierFactory(tenant=tenant)
    first = PurchaseOrderFactory(tenant=tenant, supplier=supplier, supplier_confirmation_number="SC-5521")
    body = {
        "supplier": supplier.pk,
        "plant": first.plant_id,
        "supplier_confirmation_number": "SC-5521",
        "lines": [
            {**{k: v for k, v in po_line().items() if k != "protein"}, "protein": first.lines.first().protein.code}
        ],
    }
    response = client.post(f"{API}/purchase-orders/", body, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["duplicate_of"]["number"] == first.number
    assert PurchaseOrder.objects.filter(tenant=tenant).count() == 1
    assert client.post(f"{API}/purchase-orders/", {**body, "confirm_duplicate": True}, format="json").status_code == 201


def test_delivery_before_pickup_is_400_on_every_order(world):
    tenant, client = world["tenant"], world["client"]
    customer, product = CustomerFactory(tenant=tenant), ProductFactory(tenant=tenant)
    dates = {"pickup_date": "2026-12-10", "delivery_date": "2026-12-08"}

    response = client.post(f"{API}/sales-orders/", so_body(customer, product, **dates), format="json")
    assert response.status_code == 400, response.content
    assert "before the pickup date" in response.json()["delivery_date"][0]

    order = SalesOrderFactory(tenant=tenant, customer=customer, pickup_date=D(2026, 12, 10))
    response = client.patch(f"{API}/sales-orders/{order.pk}/", {"delivery_date": "2026-12-09"}, format="json")
    assert response.status_code == 400 and "delivery_date" in response.json()
    assert (
        client.patch(f"{API}/sales-orders/{order.pk}/", {"delivery_date": "2026-12-10"}, format="json").status_code
        == 200
    )

    po = PurchaseOrderFactory(tenant=tenant, pickup_date=D(2026, 12, 10))
    response = client.patch(f"{API}/purchase-orders/{po.pk}/", {"delivery_date": "2026-12-01"}, format="json")
    assert response.status_code == 400 and "delivery_date" in response.json()
    po.refresh_from_db()
    assert po.delivery_date is None  # nothing written

    carrier = CarrierFactory(tenant=tenant)
    response = client.post(f"{API}/loads/", {"carrier": carrier.pk, **dates}, format="json")
    assert response.status_code == 400 and "delivery_date" in response.json(), response.content


def test_due_before_the_invoice_date_is_400(world):
    tenant, client = world["tenant"], world["client"]
    customer, product = CustomerFactory(tenant=tenant), ProductFactory(tenant=tenant)
    line = {"product": product.pk, "boxes": 1, "unit_price": "100.00", "price_unit": "each"}
    body = {"customer": customer.pk, "invoice_date": "2026-12-10", "due_date": "2026-12-01", "lines": [line]}
    response = client.post(f"{API}/invoices/", body, format="json")
    assert response.status_code == 400, response.content
    assert "before the invoice date" in response.json()["due_date"][0]
    created = client.post(f"{API}/invoices/", {**body, "due_date": "2026-12-31"}, format="json")
    assert created.status_code == 201, created.content
    # A new invoice date alone moves the due date with it; it is not refused.
    moved = client.patch(f"{API}/invoices/{created.json()['id']}/", {"invoice_date": "2027-01-15"}, format="json")
    assert moved.status_code == 200, moved.content
