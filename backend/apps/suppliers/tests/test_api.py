"""Supplier rules: per-tenant codes, protected deletes, field validation, nested reads and CSV."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.contacts.tests.factories import ContactFactory
from apps.core.testing.factories import TenantFactory, member
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.models import Supplier
from apps.suppliers.tests.csv_helpers import export_csv, import_csv
from apps.suppliers.tests.factories import SupplierFactory
from apps.suppliers.views import product_relation
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/suppliers/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return TenantFactory()


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def payload(**overrides) -> dict:
    return {"code": "S-100", "name": "Heartland Beef Packers", "supplier_type": "packer", **overrides}


def test_two_tenants_may_both_have_supplier_code_s100(tenant, client):
    other = TenantFactory()
    SupplierFactory(tenant=other, code="S-100")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.content
    assert Supplier.objects.filter(code="S-100").count() == 2


def test_duplicate_code_in_the_same_tenant_is_a_field_error(tenant, client):
    SupplierFactory(tenant=tenant, code="S-100")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 400
    assert "code" in response.json()


def test_delete_of_a_supplier_that_owns_a_plant_is_409_naming_the_plant(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    plant = PlantFactory(tenant=tenant, supplier=supplier)
    response = client.delete(f"{URL}{supplier.pk}/")
    assert response.status_code == 409
    assert {"type": "plant", "id": plant.pk, "label": str(plant)} in response.json()["blocked_by"]
    assert Supplier.objects.filter(pk=supplier.pk).exists()


def test_delete_of_a_supplier_with_a_contact_is_409(tenant, client):
    contact = ContactFactory(tenant=tenant)
    response = client.delete(f"{URL}{contact.supplier_id}/")
    assert response.status_code == 409
    assert [row["id"] for row in response.json()["blocked_by"]] == [contact.pk]


def test_supplier_only_linked_to_a_plant_can_be_deleted(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    supplier.plants.add(PlantFactory(tenant=tenant))
    assert client.delete(f"{URL}{supplier.pk}/").status_code == 204


@pytest.mark.parametrize("credit_limit", ["-0.01", "-5000"])
def test_credit_limit_cannot_be_negative(client, credit_limit):
    response = client.post(URL, payload(credit_limit=credit_limit), format="json")
    assert response.status_code == 400
    assert "credit_limit" in response.json()


def test_credit_limit_zero_is_allowed(client):
    response = client.post(URL, payload(credit_limit="0.00", currency="CAD"), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["credit_limit"] == "0.00"


@pytest.mark.parametrize(("rating", "ok"), [(0, False), (1, True), (5, True), (6, False)])
def test_quality_rating_is_1_to_5(client, rating, ok):
    response = client.post(URL, payload(quality_rating=rating), format="json")
    assert response.status_code == (201 if ok else 400), response.content
    if not ok:
        assert "quality_rating" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("state", "Iowa"),
        ("postal_code", "5030"),
        ("phone", "call me"),
        ("email", "sales-at-packer"),
        ("website", "not a url"),
        ("country", "USA"),
        ("country_of_origin", "Brazil"),
        ("payment_terms_days", -7),
    ],
)
def test_invalid_contact_and_address_fields_are_field_errors(client, field, value):
    response = client.post(URL, payload(**{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_valid_us_address_and_phone_are_accepted(client):
    body = payload(state="IA", postal_code="50309-1234", phone="+1 515 555 0142 ext 12", email="a@b.example")
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content


def test_non_us_address_skips_the_us_state_and_zip_checks(client):
    response = client.post(URL, payload(country="CA", state="Alberta", postal_code="T2P 1J9"), format="json")
    assert response.status_code == 201, response.content


def test_certificates_are_a_validated_list_without_duplicates(client):
    response = client.post(URL, payload(certificates=["sqf", "halal", "sqf"]), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["certificates"] == ["sqf", "halal"]
    response = client.post(URL, payload(code="S-101", certificates=["iso9001"]), format="json")
    assert response.status_code == 400
    assert "certificates" in response.json()


def test_filters_by_certificate_protein_and_plant(tenant, client):
    halal = SupplierFactory(tenant=tenant, certificates=["halal"], proteins=["lamb"])
    plant = PlantFactory(tenant=tenant, supplier=halal)
    other = SupplierFactory(tenant=tenant, certificates=["kosher"], proteins=["beef"])
    other.plants.add(PlantFactory(tenant=tenant))

    def ids(**params):
        return {row["id"] for row in client.get(URL, params).json()["results"]}

    assert ids(certificate="halal") == {halal.pk}
    assert ids(protein="beef") == {other.pk}
    assert ids(plant=plant.pk) == {halal.pk}
    assert client.get(URL, {"certificate": "iso"}).status_code == 400


def test_detail_shows_owned_and_linked_plants_and_contacts(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    owned = PlantFactory(tenant=tenant, supplier=supplier, name="A Owned")
    linked = PlantFactory(tenant=tenant, name="B Linked")
    supplier.plants.add(linked)
    contact = ContactFactory(tenant=tenant, supplier=supplier, is_primary=True)
    body = client.get(f"{URL}{supplier.pk}/").json()
    assert [(plant["id"], plant["supplier"]) for plant in body["all_plants"]] == [
        (owned.pk, supplier.pk),
        (linked.pk, None),
    ]
    assert body["plants"] == [linked.pk]
    assert [row["id"] for row in body["contacts"]] == [contact.pk]
    assert body["product_count"] == 0


def _supplier_with_relations(tenant, n):
    supplier = SupplierFactory(tenant=tenant, proteins=["beef", "pork"])
    PlantFactory(tenant=tenant, supplier=supplier)
    supplier.plants.add(PlantFactory(tenant=tenant))
    ContactFactory(tenant=tenant, supplier=supplier)
    ContactFactory(tenant=tenant, supplier=supplier)
    return supplier


def test_list_shows_plants_and_contacts_without_queries_per_row(tenant, client):
    _supplier_with_relations(tenant, 0)
    with CaptureQueriesContext(connection) as one:
        first = client.get(URL)
    for n in range(9):
        _supplier_with_relations(tenant, n)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(URL)
    assert first.json()["count"] == 1 and response.json()["count"] == 10
    assert all(len(row["all_plants"]) == 2 and len(row["contacts"]) == 2 for row in response.json()["results"])
    assert len(ten) == len(one)


def test_product_count_counts_the_suppliers_products(tenant, client):
    if product_relation() is None:
        pytest.skip("the products app has no Product.supplier yet")
    from apps.products.tests.factories import ProductFactory

    supplier = SupplierFactory(tenant=tenant)
    ProductFactory(tenant=tenant, supplier=supplier)
    ProductFactory(tenant=tenant, supplier=supplier)
    assert client.get(f"{URL}{supplier.pk}/").json()["product_count"] == 2
    assert client.get(URL).json()["results"][0]["product_count"] == 2


# --- CSV -------------------------------------------------------------------------------------------


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_dry_run_reports_each_bad_row_and_writes_nothing(client):
    text = (
        "code,name,state,quality_rating,credit_limit\n"
        "S-1,Good Packer,NE,4,1000\n"
        "S-2,Bad State,Nebraska,3,1000\n"
        "S-3,Bad Rating,IA,9,-5\n"
    )
    response = import_csv(client, URL, text, dry_run=True)
    assert response.status_code == 400
    report = response.json()
    assert report["dry_run"] is True and report["committed"] is False and report["total_rows"] == 3
    assert {(error["row"], error["field"]) for error in report["errors"]} == {
        (3, "state"),
        (4, "quality_rating"),
        (4, "credit_limit"),
    }
    assert not Supplier.objects.exists()


def test_csv_dry_run_of_a_good_file_writes_nothing(client):
    response = import_csv(client, URL, "code,name\nS-1,Good Packer\n", dry_run=True)
    assert response.status_code == 200
    assert response.json()["created"] == 1
    assert not Supplier.objects.exists()


def test_csv_import_is_all_or_nothing(client):
    response = import_csv(client, URL, "code,name,email\nS-1,Good Packer,a@b.example\nS-2,Bad Mail,nope\n")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"row": 3, "field": "email", "error": "Enter a valid email address."}]
    assert not Supplier.objects.exists()


def test_csv_reimport_updates_by_code_instead_of_duplicating(tenant, client):
    text = "code,name,proteins,certificates\nS-1,Good Packer,beef|pork,sqf\n"
    assert import_csv(client, URL, text).json()["created"] == 1
    response = import_csv(client, URL, text.replace("Good Packer", "Better Packer"))
    assert response.status_code == 200 and response.json()["updated"] == 1
    supplier = Supplier.objects.get(tenant=tenant)
    assert supplier.name == "Better Packer"
    assert sorted(supplier.proteins.values_list("code", flat=True)) == ["beef", "pork"]
    assert supplier.certificates == ["sqf"]


def test_csv_export_then_import_restores_identical_records(tenant, client):
    first = _supplier_with_relations(tenant, 0)
    SupplierFactory(
        tenant=tenant, certificates=["sqf", "halal"], quality_rating=4, origin="imported", country_of_origin="AU"
    )
    before = sorted(client.get(URL).json()["results"], key=lambda row: row["code"])
    exported = export_csv(client, URL)
    assert len(csv_rows(exported)) == 2

    Supplier.objects.filter(tenant=tenant).update(name="Changed", quality_rating=None, certificates=[])
    first.proteins.set([])
    first.plants.set([])

    response = import_csv(client, URL, exported)
    assert response.status_code == 200, response.json()
    assert response.json()["updated"] == 2 and response.json()["created"] == 0
    after = sorted(client.get(URL).json()["results"], key=lambda row: row["code"])
    for row in before + after:
        row.pop("updated_at")
    assert after == before
