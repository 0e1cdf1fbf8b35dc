"""The line rules, once, for every document that carries priced lines: purchase orders, sales orders and
invoices (apps.core.lines). Each case runs against all three through the API (and the service, for the callers
that are not the API). Expected figures are worked by hand in the comments, never computed with the code."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from rest_framework.exceptions import ValidationError

from apps.core.models import Protein, TimelineEvent
from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services as invoice_services
from apps.invoices.models import Invoice
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders import services as po_services
from apps.purchase_orders.models import PurchaseOrder
from apps.sales_orders import services as so_services
from apps.sales_orders.models import SalesOrder
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Kind:
    name: str
    url: str
    model: type
    weight: str  # the weight a payload gives ("estimated_weight_lb" or the billed "weight_lb")

    def parent(self, tenant) -> dict:
        if self.name == "purchase order":
            return {"supplier": SupplierFactory(tenant=tenant).pk, "order_date": "2026-11-02"}
        if self.name == "sales order":
            return {"customer": CustomerFactory(tenant=tenant).pk, "order_date": "2026-11-02"}
        return {"customer": CustomerFactory(tenant=tenant).pk, "invoice_date": "2026-11-02"}

    def create_service(self, tenant, lines):
        if self.name == "purchase order":
            return po_services.create_purchase_order(tenant, supplier=SupplierFactory(tenant=tenant), lines=lines)
        if self.name == "sales order":
            return so_services.create_sales_order(
                tenant=tenant, by=None, customer=CustomerFactory(tenant=tenant), lines=lines
            )
        customer = CustomerFactory(tenant=tenant)
        return invoice_services.create_invoice(tenant=tenant, by=None, customer=customer, lines=lines)


KINDS = [
    Kind("purchase order", "/api/v1/purchase-orders/", PurchaseOrder, "estimated_weight_lb"),
    Kind("sales order", "/api/v1/sales-orders/", SalesOrder, "estimated_weight_lb"),
    Kind("invoice", "/api/v1/invoices/", Invoice, "weight_lb"),
]


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name.replace(" ", "_"))
def kind(request):
    return request.param


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


@pytest.fixture
def product(tenant):
    return ProductFactory(tenant=tenant, default_price=Decimal("4.2500"))


def line_error(response, index: int) -> dict:
    """The errors of line `index` in a 400 (the API keys a list's errors by the item's index)."""
    return response.json()["lines"].get(str(index), {})


def create(client, kind, tenant, *lines):
    return client.post(kind.url, {**kind.parent(tenant), "lines": list(lines)}, format="json")


def line(product, kind, **fields):
    return {"product": product.pk, kind.weight: "1000", "unit_price": "4.25", "price_unit": "lb", **fields}


# --- totals per price unit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "total"),
    [
        ({"price_unit": "lb", "unit_price": "4.25"}, "4250.00"),  # 1,000 lb x 4.25
        # 12.3456 cwt x 310.50 = 3833.3088
        ({"price_unit": "cwt", "unit_price": "310.50", "weight": "1234.56"}, "3833.31"),
        # 1,000 lb x 0.45359237 = 453.59 kg x 9.37 = 4250.1383
        ({"price_unit": "kg", "unit_price": "9.37"}, "4250.14"),
        ({"price_unit": "case", "unit_price": "52.10", "boxes": 40}, "2084.00"),  # 40 x 52.10
        ({"price_unit": "each", "unit_price": "3.333", "boxes": 3}, "10.00"),  # 3 x 3.333 = 9.999
    ],
    ids=["lb", "cwt", "kg", "case", "each"],
)
def test_the_server_prices_each_line_to_the_cent(client, kind, tenant, product, fields, total):
    fields = dict(fields)
    weight = fields.pop("weight", "1000")
    response = create(client, kind, tenant, line(product, kind, **{kind.weight: weight}, **fields))
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["line_total"] == total


def test_kilograms_entered_are_stored_in_pounds_and_bill_back_to_the_kilogram(client, kind, tenant, product):
    # 500 kg / 0.45359237 = 1102.3113 lb -> 1102.31; priced back per kg: 1102.31 x 0.45359237 = 499.9995 -> 500.00 kg
    # x $10.00 = $5,000.00 (pricing on the unrounded 499.9994 kg would bill $4,999.99).
    kilos = line(product, kind, **{kind.weight: "500"}, weight_unit="kg", price_unit="kg", unit_price="10")
    response = create(client, kind, tenant, kilos)
    assert response.status_code == 201, response.content
    row = response.json()["lines"][0]
    assert row[kind.weight] == "1102.31"
    assert row["line_total"] == "5000.00"


# --- the quantity rule ---------------------------------------------------------------------------------------


def test_a_weight_priced_line_needs_a_weight(client, kind, tenant, product):
    response = create(client, kind, tenant, line(product, kind, **{kind.weight: None}))
    assert response.status_code == 400, response.content
    errors = line_error(response, 0)
    assert list(errors) == [kind.weight]
    assert "per lb needs" in errors[kind.weight][0]
    assert not kind.model.objects.filter(tenant=tenant).exists()


def test_a_case_priced_line_needs_boxes(client, kind, tenant, product):
    response = create(client, kind, tenant, line(product, kind, price_unit="case"))
    assert response.status_code == 400, response.content
    assert line_error(response, 0) == {"boxes": ["A price per case needs the number of boxes."]}


def test_every_bad_line_is_reported_in_one_answer(client, kind, tenant, product):
    good = line(product, kind)
    response = create(client, kind, tenant, good, line(product, kind, price_unit="case"), line(product, kind, boxes=-1))
    assert response.status_code == 400, response.content
    assert set(response.json()["lines"]) == {"1", "2"}  # the good line has no entry
    assert line_error(response, 1) == {"boxes": ["A price per case needs the number of boxes."]}
    assert list(line_error(response, 2)) == ["boxes"]
    assert "greater than or equal to 0" in line_error(response, 2)["boxes"][0]


def test_the_service_applies_the_same_rule_to_callers_that_are_not_the_api(kind, tenant, product):
    with pytest.raises(ValidationError) as caught:
        kind.create_service(tenant, [{"product": product, "unit_price": "4.25", "price_unit": "case"}])
    assert caught.value.detail["lines"]["0"]["boxes"][0] == "A price per case needs the number of boxes."
    assert not kind.model.objects.filter(tenant=tenant).exists()


def test_the_service_refuses_a_field_a_line_does_not_have(kind, tenant, product):
    with pytest.raises(ValidationError) as caught:
        kind.create_service(tenant, [{"product": product, kind.weight: "10", "colour": "red"}])
    assert "colour" in caught.value.detail


def test_a_product_of_another_tenant_is_refused(client, kind, tenant, other_tenant):
    foreign = ProductFactory(tenant=other_tenant)
    response = create(client, kind, tenant, line(foreign, kind))
    assert response.status_code == 400, response.content
    assert "product" in line_error(response, 0)


# --- product defaults ----------------------------------------------------------------------------------------


def test_a_line_takes_description_protein_fresh_frozen_and_price_from_its_product(client, kind, tenant, product):
    response = create(client, kind, tenant, {"product": product.pk, kind.weight: "100"})
    assert response.status_code == 201, response.content
    row = response.json()["lines"][0]
    assert row["description"] == product.description
    assert row["protein"] == "beef"
    assert row["fresh_frozen"] == "fresh"
    assert row["unit_price"] == "4.2500"
    assert row["line_total"] == "425.00"  # 100 lb x 4.25


def test_no_price_and_none_on_the_product_is_refused(client, kind, tenant):
    bare = ProductFactory(tenant=tenant, default_price=None)
    response = create(client, kind, tenant, {"product": bare.pk, kind.weight: "100"})
    assert response.status_code == 400, response.content
    assert line_error(response, 0) == {"unit_price": ["Give a price: the product has no default price."]}


def test_a_protein_given_by_code_wins_over_the_product(client, kind, tenant, product):
    Protein.objects.get_or_create(code="pork", defaults={"name": "Pork"})
    response = create(client, kind, tenant, line(product, kind, protein="pork"))
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["protein"] == "pork"


# --- editing the list ----------------------------------------------------------------------------------------


def test_an_edit_updates_by_id_adds_new_lines_removes_missing_ones_and_numbers_them(client, kind, tenant, product):
    created = create(client, kind, tenant, line(product, kind), line(product, kind, **{kind.weight: "200"}))
    assert created.status_code == 201, created.content
    body = created.json()
    first, second = body["lines"]
    assert [first["line_number"], second["line_number"]] == [1, 2]
    payload = [
        {"id": second["id"], "product": product.pk, kind.weight: "250", "unit_price": "4.25", "price_unit": "lb"},
        line(product, kind, **{kind.weight: "10"}),
    ]
    response = client.patch(f"{kind.url}{body['id']}/", {"lines": payload}, format="json")
    assert response.status_code == 200, response.content
    rows = response.json()["lines"]
    assert [row["line_number"] for row in rows] == [1, 2]
    assert rows[0]["id"] == second["id"] and rows[0]["line_total"] == "1062.50"  # 250 x 4.25
    assert rows[1]["id"] not in (first["id"], second["id"]) and rows[1]["line_total"] == "42.50"  # 10 x 4.25
    assert response.json()["total"] == "1105.00"  # 1062.50 + 42.50
    # The change is on the document's timeline: the edited weight old -> new, the added and the removed line.
    content_type = ContentType.objects.get_for_model(kind.model)
    event = TimelineEvent.objects.filter(content_type=content_type, object_id=body["id"], verb="updated").latest("id")
    lines = event.changes["lines"]
    assert {"line": 1, "line_id": second["id"], kind.weight: {"old": "200.00", "new": "250.00"}} in lines
    assert {"line": 2, "line_id": rows[1]["id"], "added": True} in lines
    assert {"line": 1, "line_id": first["id"], "removed": True} in lines


def test_an_id_that_is_not_a_line_of_the_document_is_refused(client, kind, tenant, product):
    other = create(client, kind, tenant, line(product, kind)).json()
    mine = create(client, kind, tenant, line(product, kind)).json()
    payload = [{**line(product, kind), "id": other["lines"][0]["id"]}]
    response = client.patch(f"{kind.url}{mine['id']}/", {"lines": payload}, format="json")
    assert response.status_code == 400, response.content
    assert "is not a line of this" in str(response.json()["lines"])
    assert kind.model.objects.get(pk=other["id"]).lines.count() == 1


def test_the_same_line_twice_is_refused(kind, tenant, product):
    document = kind.create_service(tenant, [{"product": product, kind.weight: "10"}])
    line_id = document.lines.get().pk
    twice = [{"id": line_id, kind.weight: "11"}, {"id": line_id, kind.weight: "12"}]
    update = {
        "purchase order": lambda: po_services.update_purchase_order(document, lines=twice),
        "sales order": lambda: so_services.update_sales_order(document, by=None, lines=twice),
        "invoice": lambda: invoice_services.update_invoice(document, by=None, lines=twice),
    }[kind.name]
    with pytest.raises(ValidationError) as caught:
        update()
    assert caught.value.detail["lines"] == ["A line id appears twice; give each line once."]
    assert str(document.lines.get().weight_lb) == "10.00"
