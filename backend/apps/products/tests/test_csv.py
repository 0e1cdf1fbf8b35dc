"""Product CSV import/export: dry-run report, all-or-nothing, update by code, export -> import round trip."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.testing.api import response_body
from apps.core.testing.factories import member
from apps.plants.tests.factories import PlantFactory
from apps.products.models import Product
from apps.suppliers.tests.factories import SupplierFactory, protein
from apps.tenants.models import Role
from conftest import client_for

from .factories import ProductFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/products/"
IMPORT_URL = f"{URL}import/"
HEADER = "code,description,protein,namp_number,grade,box_weight_lbs,storage_temp_min_f,storage_temp_max_f,plants\n"


@pytest.fixture
def client(tenant):
    protein("beef")
    protein("chicken")
    return client_for(member(tenant, Role.MANAGER), tenant)


def upload(text: str) -> dict:
    return {"file": SimpleUploadedFile("products.csv", text.encode(), content_type="text/csv")}


def test_dry_run_reports_namp_grade_and_temperature_errors_by_row(tenant, client):
    text = (
        HEADER
        + "1001,Beef ribeye lip-on,beef,112a,choice,62,28,34,\n"
        + "1002,Beef strip loin,beef,18,choice,78,28,34,\n"
        + "3001,Chicken breast,chicken,P1032,prime,40,34,28,\n"
    )
    response = client.post(f"{IMPORT_URL}?dry_run=1", upload(text), format="multipart")
    assert response.status_code == 400
    report = response.json()
    assert report["total_rows"] == 3 and report["committed"] is False
    assert {(error["row"], error["field"]) for error in report["errors"]} == {
        (3, "namp_number"),
        (4, "storage_temp_max_f"),
        (4, "grade"),
    }
    assert not Product.objects.filter(tenant=tenant).exists()


def test_import_is_all_or_nothing(tenant, client):
    text = HEADER + "1001,Beef ribeye lip-on,beef,112A,choice,62,28,34,\n1002,Mystery meat,unicorn,180,,,,,\n"
    response = client.post(IMPORT_URL, upload(text), format="multipart")
    assert response.status_code == 400
    assert [(error["row"], error["field"]) for error in response.json()["errors"]] == [(3, "protein")]
    assert not Product.objects.filter(tenant=tenant).exists()


def test_reimport_updates_by_code_and_plants_are_pipe_separated(tenant, client):
    plants = [PlantFactory(tenant=tenant), PlantFactory(tenant=tenant)]
    cell = "|".join(str(plant.pk) for plant in plants)
    text = HEADER + f"1001,Beef ribeye lip-on,beef,112A,choice,62,28,34,{cell}\n"
    assert client.post(IMPORT_URL, upload(text), format="multipart").status_code == 200
    product = Product.objects.get(tenant=tenant, code="1001")
    assert set(product.plants.all()) == set(plants)

    again = client.post(IMPORT_URL, upload(text.replace(",62,", ",64,")), format="multipart")
    assert (again.status_code, again.json()["created"], again.json()["updated"]) == (200, 0, 1)
    product.refresh_from_db()
    assert str(product.box_weight_lbs) == "64.00"
    assert Product.objects.filter(tenant=tenant).count() == 1


def test_import_refuses_plants_of_another_tenant(tenant, other_tenant, client):
    foreign = PlantFactory(tenant=other_tenant)
    text = HEADER + f"1001,Beef ribeye lip-on,beef,112A,choice,62,28,34,{foreign.pk}\n"
    response = client.post(IMPORT_URL, upload(text), format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "plants"
    assert not Product.objects.filter(tenant=tenant).exists()


def test_export_then_import_recreates_identical_products(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    ProductFactory(tenant=tenant, code="1001", supplier=supplier)
    ProductFactory(
        tenant=tenant,
        code="3001",
        protein=protein("chicken"),
        grade="grade_a",
        namp_number="P1032",
        supplier=None,
        plants=[],
        default_price=None,
        storage_temp_min_f=None,
        description='Chicken breast, "jumbo"',
    )
    export = client.get(URL, {"format": "csv"})
    assert export.status_code == 200
    text = response_body(export).decode()  # a streamed body is read when the client reads it: before the delete
    before = {row["code"]: row for row in client.get(URL).json()["results"]}

    Product.objects.filter(tenant=tenant).delete()
    response = client.post(IMPORT_URL, upload(text), format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2

    after = {row["code"]: row for row in client.get(URL).json()["results"]}
    ignored = {"id", "created_at", "updated_at"}
    for code, row in before.items():
        assert {k: v for k, v in after[code].items() if k not in ignored} == {
            k: v for k, v in row.items() if k not in ignored
        }
