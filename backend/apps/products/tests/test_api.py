"""Product rules through the API: per-tenant codes, NAMP and grade formats, temperature range, protected deletes."""

import pytest

from apps.core.testing.factories import member
from apps.plants.tests.factories import PlantFactory
from apps.products.models import Product
from apps.suppliers.tests.factories import SupplierFactory, protein
from apps.tenants.models import Role
from conftest import client_for

from .factories import ProductFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/products/"


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def payload(**overrides) -> dict:
    protein("beef")
    return {"code": "1001", "description": "Beef chuck roll 2 pc", "protein": "beef", **overrides}


def test_two_tenants_may_both_have_product_1001(tenant, other_tenant, client):
    ProductFactory(tenant=other_tenant, code="1001")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.content
    assert Product.objects.filter(code="1001").count() == 2


def test_duplicate_code_in_one_tenant_is_a_field_error(tenant, client):
    ProductFactory(tenant=tenant, code="1001")
    response = client.post(URL, payload(code=" 1001 "), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == ["A product with this code already exists in this tenant."]


@pytest.mark.parametrize(
    ("given", "stored"), [("120", "120"), ("180", "180"), ("189a", "189A"), ("1190A", "1190A"), ("410", "410")]
)
def test_namp_number_is_accepted_and_upper_cased(client, given, stored):
    response = client.post(URL, payload(namp_number=given), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["namp_number"] == stored


@pytest.mark.parametrize("given", ["12", "12345", "189AB", "ABC", "12.0X"])
def test_malformed_namp_number_is_a_field_error(client, given):
    response = client.post(URL, payload(namp_number=given), format="json")
    assert response.status_code == 400
    assert "189A" in response.json()["namp_number"][0]


def test_storage_temperature_min_above_max_is_refused(client):
    response = client.post(URL, payload(storage_temp_min_f="34", storage_temp_max_f="28"), format="json")
    assert response.status_code == 400
    assert "storage_temp_max_f" in response.json()
    ok = client.post(URL, payload(storage_temp_min_f="-10", storage_temp_max_f="-10"), format="json")
    assert ok.status_code == 201, ok.content


def test_temperature_range_is_checked_against_the_stored_value_on_patch(tenant, client):
    product = ProductFactory(tenant=tenant, storage_temp_min_f="28", storage_temp_max_f="34")
    response = client.patch(f"{URL}{product.pk}/", {"storage_temp_min_f": "40"}, format="json")
    assert response.status_code == 400
    assert "storage_temp_max_f" in response.json()


def test_poultry_takes_grade_a_or_b_and_beef_does_not(client):
    protein("chicken")
    chicken = client.post(URL, payload(code="2001", protein="chicken", grade="choice"), format="json")
    assert chicken.status_code == 400 and "grade" in chicken.json()
    beef = client.post(URL, payload(grade="grade_a"), format="json")
    assert beef.status_code == 400 and "grade" in beef.json()
    ok = client.post(URL, payload(code="2002", protein="chicken", grade="grade_a"), format="json")
    assert ok.status_code == 201, ok.content


def test_negative_price_and_unknown_protein_are_field_errors(client):
    response = client.post(URL, payload(default_price="-1", protein="unicorn"), format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"default_price", "protein"}


def test_supplier_and_plants_of_another_tenant_are_refused(tenant, other_tenant, client):
    foreign_supplier = SupplierFactory(tenant=other_tenant)
    foreign_plant = PlantFactory(tenant=other_tenant)
    response = client.post(URL, payload(supplier=foreign_supplier.pk, plants=[foreign_plant.pk]), format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"supplier", "plants"}


def test_deleting_a_supplier_with_products_is_409_naming_the_products(tenant, client):
    product = ProductFactory(tenant=tenant)
    response = client.delete(f"/api/v1/suppliers/{product.supplier_id}/")
    assert response.status_code == 409
    assert {"type": "product", "id": product.pk, "label": str(product)} in response.json()["blocked_by"]
    assert Product.objects.filter(pk=product.pk).exists()


def test_deleting_a_product_is_allowed_when_nothing_references_it(tenant, client):
    product = ProductFactory(tenant=tenant)
    assert client.delete(f"{URL}{product.pk}/").status_code == 204


def test_list_shows_supplier_name_and_plants_and_filters_by_protein_and_plant(tenant, client):
    beef = ProductFactory(tenant=tenant)
    pork = ProductFactory(tenant=tenant, protein=protein("pork"), grade="", plants=[])
    row = next(r for r in client.get(URL).json()["results"] if r["id"] == beef.pk)
    assert row["supplier_name"] == beef.supplier.name
    assert row["plants"] == [plant.pk for plant in beef.plants.all()]
    assert [r["id"] for r in client.get(URL, {"protein": "pork"}).json()["results"]] == [pork.pk]
    plant = beef.plants.get()
    assert [r["id"] for r in client.get(URL, {"plant": plant.pk}).json()["results"]] == [beef.pk]


def test_search_finds_products_by_namp_number_and_supplier_item_number(tenant, client):
    target = ProductFactory(tenant=tenant, namp_number="1190A", supplier_item_number="XR-77")
    ProductFactory(tenant=tenant, namp_number="120")
    for term in ("1190A", "XR-77"):
        assert [r["id"] for r in client.get(URL, {"search": term}).json()["results"]] == [target.pk]


def test_deleting_a_product_on_a_purchase_order_is_409(tenant, client):
    from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line

    product = ProductFactory(tenant=tenant)
    order = PurchaseOrderFactory(tenant=tenant, lines=[line(product=product)])
    response = client.delete(f"{URL}{product.pk}/")
    assert response.status_code == 409
    assert [blocker["id"] for blocker in response.json()["blocked_by"]] == [order.lines.get().pk]
    assert Product.objects.filter(pk=product.pk).exists()


def test_for_supplier_lists_its_products_and_unassigned_ones(tenant, client):
    mine, other = SupplierFactory(tenant=tenant), SupplierFactory(tenant=tenant)
    own = ProductFactory(tenant=tenant, supplier=mine, code="OWN-1")
    generic = ProductFactory(tenant=tenant, supplier=None, code="ANY-1")
    ProductFactory(tenant=tenant, supplier=other, code="OTHER-1")
    response = client.get(URL, {"for_supplier": mine.pk})
    assert response.status_code == 200
    assert sorted(row["code"] for row in response.json()["results"]) == sorted([own.code, generic.code])
