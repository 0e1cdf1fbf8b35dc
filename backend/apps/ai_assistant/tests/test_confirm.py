"""Review and confirm: records are created through the apps' services in one transaction, only on confirm."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.ai_assistant.models import Document
from apps.carriers.tests.factories import CarrierFactory
from apps.customers.models import Customer
from apps.customers.tests.factories import CustomerFactory
from apps.plants.tests.factories import PlantFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.models import PurchaseOrder
from apps.sales_orders.models import SalesOrder
from apps.suppliers.models import Supplier
from apps.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
URL = "/api/v1/ai-assistant/documents/"


def upload(client, name: str) -> dict:
    data = (FIXTURES / name).read_bytes()
    response = client.post(URL, {"file": SimpleUploadedFile(name, data)}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "extracted", body["failure_reason"]
    return body


def business_counts() -> tuple:
    return (
        Supplier.objects.count(),
        Customer.objects.count(),
        PurchaseOrder.objects.count(),
        SalesOrder.objects.count(),
    )


def test_extraction_matches_master_data_but_writes_no_business_rows(world, client):
    tenant, _users = world
    supplier = SupplierFactory(tenant=tenant, name="Indiana Packers Corp")
    plant = PlantFactory(tenant=tenant, establishment_number="EST. 17564", supplier=supplier)
    carrier = CarrierFactory(tenant=tenant, name="Arctic Line Transport, Inc.")
    before = business_counts()
    body = upload(client, "B3_supplier_confirmation.pdf")
    assert business_counts() == before
    matches = body["matches"]
    assert matches["counterparty"][0]["id"] == supplier.pk  # fuzzy: "INDIANA PACKERS CORPORATION"
    assert matches["plants"][0]["id"] == plant.pk  # exact on the establishment number
    assert matches["carrier"][0]["id"] == carrier.pk
    assert any(w["code"] == "unknown_product" for w in body["warnings"])


def test_confirm_a_supplier_confirmation_creates_the_supplier_and_a_purchase_order_with_lines(world, client):
    tenant, _users = world
    body = upload(client, "B1_supplier_confirmation.pdf")
    lines = body["extraction"]["line_items"]
    response = client.post(
        f"{URL}{body['id']}/confirm/",
        {"create_counterparty": {"code": "S-900", "name": body["extraction"]["counterparty"]["name"]["value"]}},
        format="json",
    )
    assert response.status_code == 200, response.content
    done = response.json()
    assert done["status"] == "confirmed"
    supplier = Supplier.objects.get(tenant=tenant, code="S-900")
    order = PurchaseOrder.objects.get(tenant=tenant, supplier=supplier)
    assert order.supplier_confirmation_number == body["extraction"]["document_number"]["value"]
    assert order.lines.count() == len(lines)
    first = order.lines.order_by("line_number").first()
    assert str(first.unit_price).rstrip("0").rstrip(".") == str(lines[0]["unit_price"]["value"]).rstrip("0").rstrip(".")
    assert first.price_unit == lines[0]["price_unit"]["value"]
    types = {record["type"] for record in done["created_records"]}
    assert types == {"supplier", "purchase_order"}


def test_confirm_a_customer_po_creates_a_sales_order_with_the_chosen_products(world, client):
    tenant, _users = world
    customer = CustomerFactory(tenant=tenant)
    body = upload(client, "A2_customer_po.pdf")
    lines = body["extraction"]["line_items"]
    products = [ProductFactory(tenant=tenant) for _ in lines]
    payload = {
        "customer": customer.pk,
        "lines": [
            {
                "product": product.pk,
                "description": line["description"]["value"],
                "boxes": line["boxes"]["value"],
                "weight_lb": str(line["weight_lb"]["value"]),
                "unit_price": str(line["unit_price"]["value"]),
                "price_unit": line["price_unit"]["value"],
            }
            for product, line in zip(products, lines, strict=True)
        ],
    }
    response = client.post(f"{URL}{body['id']}/confirm/", payload, format="json")
    assert response.status_code == 200, response.content
    order = SalesOrder.objects.get(tenant=tenant, customer=customer)
    assert order.customer_po_number == body["extraction"]["document_number"]["value"]
    assert order.lines.count() == len(lines)
    assert Document.objects.get(pk=body["id"]).created_records[-1] == {
        "type": "sales_order",
        "id": order.pk,
        "label": order.number,
        "new": True,
    }


def test_a_sales_order_line_without_a_product_is_refused_and_nothing_is_created(world, client):
    tenant, _users = world
    customer = CustomerFactory(tenant=tenant)
    body = upload(client, "A1_customer_po.pdf")
    before = business_counts()
    response = client.post(f"{URL}{body['id']}/confirm/", {"customer": customer.pk}, format="json")
    assert response.status_code == 400
    assert "Choose a product" in str(response.json())
    assert business_counts() == before
    assert Document.objects.get(pk=body["id"]).status == "extracted"


def test_another_tenants_records_cannot_be_chosen(world, client):
    from apps.core.testing.factories import TenantFactory

    other_supplier = SupplierFactory(tenant=TenantFactory())
    body = upload(client, "B1_supplier_confirmation.pdf")
    response = client.post(f"{URL}{body['id']}/confirm/", {"supplier": other_supplier.pk}, format="json")
    assert response.status_code == 400
    assert "supplier" in response.json()


def test_confirm_twice_is_a_conflict_and_discard_keeps_file_and_draft(world, client):
    body = upload(client, "E1_bill_of_lading.pdf")
    response = client.post(f"{URL}{body['id']}/discard/", {"reason": "duplicate paperwork"}, format="json")
    assert response.status_code == 200
    document = Document.objects.get(pk=body["id"])
    assert document.status == "discarded" and document.extraction == body["extraction"] and document.file
    assert client.post(f"{URL}{body['id']}/confirm/", {}, format="json").status_code == 409
    other = upload(client, "E2_bill_of_lading.pdf")
    first = client.post(
        f"{URL}{other['id']}/confirm/",
        {"action": "counterparty_only", "create_counterparty": {"code": "S-1", "name": "Shipper"}},
        format="json",
    )
    assert first.status_code == 200, first.content
    assert client.post(f"{URL}{other['id']}/confirm/", {}, format="json").status_code == 409


def test_a_bill_of_lading_is_attached_to_the_load_of_the_po_it_quotes(world, client):
    from apps.loads.tests.factories import LoadFactory
    from apps.purchase_orders.tests.factories import PurchaseOrderFactory

    tenant, _users = world
    body = upload(client, "E3_bill_of_lading.pdf")
    order = PurchaseOrderFactory(tenant=tenant)
    PurchaseOrder.objects.filter(pk=order.pk).update(number=body["extraction"]["reference_number"]["value"])
    load = LoadFactory(tenant=tenant, purchase_orders=[order])
    response = client.post(f"{URL}{body['id']}/confirm/", {}, format="json")
    assert response.status_code == 200, response.content
    load.refresh_from_db()
    assert load.bol_number == body["extraction"]["document_number"]["value"]
    assert response.json()["created_records"] == [{"type": "load", "id": load.pk, "label": load.number, "new": False}]


def test_a_customer_po_already_booked_is_409_naming_the_order_until_confirmed(world, client):
    """The same customer PO uploaded as a PDF and again as a photo: the second confirm names the first order."""
    from apps.sales_orders.tests.factories import SalesOrderFactory

    tenant, _users = world
    customer = CustomerFactory(tenant=tenant)
    body = upload(client, "A2_customer_po.pdf")
    number = body["extraction"]["document_number"]["value"]
    first = SalesOrderFactory(tenant=tenant, customer=customer, customer_po_number=number)
    payload = {
        "customer": customer.pk,
        "lines": [
            {"product": ProductFactory(tenant=tenant).pk, "boxes": 1, "unit_price": "10.00", "price_unit": "each"}
        ],
    }
    response = client.post(f"{URL}{body['id']}/confirm/", payload, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["duplicate_of"] == {"id": first.pk, "number": first.number}
    assert Document.objects.get(pk=body["id"]).status != "confirmed"
    assert SalesOrder.objects.filter(tenant=tenant).count() == 1

    again = client.post(f"{URL}{body['id']}/confirm/", {**payload, "confirm_duplicate": True}, format="json")
    assert again.status_code == 200, again.content
    assert SalesOrder.objects.filter(tenant=tenant, customer_po_number=number).count() == 2
