"""Plant rules: establishment numbers (normalised, unique per tenant, searchable), capacity units,
protected deletes and CSV."""

import pytest

from apps.contacts.tests.factories import ContactFactory
from apps.core.establishment import ESTABLISHMENT_HELP
from apps.core.testing.factories import TenantFactory, member
from apps.plants.models import Plant
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.csv_helpers import export_csv, import_csv
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/plants/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return TenantFactory()


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def payload(**overrides) -> dict:
    return {"code": "PL-245", "name": "Greeley Beef", "plant_type": "slaughter", **overrides}


def test_entered_establishment_number_is_kept_with_its_normalised_form(client):
    response = client.post(URL, payload(establishment_number="EST. 245c"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["establishment_number"] == "EST. 245c"
    assert body["establishment_number_normalized"] == "245C"


def test_garbage_establishment_number_is_a_field_error_showing_the_forms(client):
    response = client.post(URL, payload(establishment_number="plant #7 north"), format="json")
    assert response.status_code == 400
    assert response.json() == {"establishment_number": [ESTABLISHMENT_HELP]}


def test_same_establishment_in_another_form_is_refused_in_the_tenant(tenant, client):
    PlantFactory(tenant=tenant, code="PL-1", name="Existing", establishment_number="M1234+P1234")
    response = client.post(URL, payload(establishment_number="m-1234 + p-1234"), format="json")
    assert response.status_code == 400
    assert "M1234+P1234" in response.json()["establishment_number"][0]


def test_two_tenants_may_register_the_same_establishment_and_code(tenant, client):
    PlantFactory(tenant=TenantFactory(), code="PL-245", establishment_number="245C")
    response = client.post(URL, payload(establishment_number="EST. 245C"), format="json")
    assert response.status_code == 201, response.content


def test_plants_without_establishment_number_do_not_clash(tenant, client):
    PlantFactory(tenant=tenant, code="PL-1", establishment_number="")
    response = client.post(URL, payload(establishment_number=""), format="json")
    assert response.status_code == 201, response.content


def test_search_and_filter_find_a_plant_by_any_form_of_its_number(tenant, client):
    plant = PlantFactory(tenant=tenant, establishment_number="P-1234")
    PlantFactory(tenant=tenant, establishment_number="245A")
    for params in ({"search": "P1234"}, {"search": "p-1234"}, {"establishment_number": "P 1234"}):
        assert [row["id"] for row in client.get(URL, params).json()["results"]] == [plant.pk], params
    assert client.get(URL, {"establishment_number": "garbage"}).json()["results"] == []


def test_search_by_est_prefix_form(tenant, client):
    plant = PlantFactory(tenant=tenant, establishment_number="245C")
    PlantFactory(tenant=tenant, establishment_number="2450")
    assert [row["id"] for row in client.get(URL, {"search": "EST. 245C"}).json()["results"]] == [plant.pk]


def test_capacity_needs_a_unit(client):
    response = client.post(URL, payload(capacity=5000), format="json")
    assert response.status_code == 400
    assert "capacity_unit" in response.json()
    response = client.post(URL, payload(capacity=5000, capacity_unit="head_per_day"), format="json")
    assert response.status_code == 201, response.content


def test_us_address_errors_are_field_errors(client):
    response = client.post(URL, payload(state="Colorado", postal_code="8063"), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"state", "postal_code"}


def test_owning_supplier_is_shown_and_filterable(tenant, client):
    supplier = SupplierFactory(tenant=tenant, name="Prairie Packing")
    plant = PlantFactory(tenant=tenant, supplier=supplier)
    PlantFactory(tenant=tenant)
    rows = client.get(URL, {"supplier": supplier.pk}).json()["results"]
    assert [(row["id"], row["supplier_name"]) for row in rows] == [(plant.pk, "Prairie Packing")]


def test_delete_of_a_plant_with_a_contact_is_409(tenant, client):
    plant = PlantFactory(tenant=tenant)
    ContactFactory(tenant=tenant, supplier=None, plant=plant)
    response = client.delete(f"{URL}{plant.pk}/")
    assert response.status_code == 409
    assert Plant.objects.filter(pk=plant.pk).exists()


def test_archiving_instead_of_deleting(tenant, client):
    plant = PlantFactory(tenant=tenant)
    assert client.patch(f"{URL}{plant.pk}/", {"is_active": False}, format="json").status_code == 200
    assert [row["id"] for row in client.get(URL, {"is_active": "false"}).json()["results"]] == [plant.pk]


def test_csv_export_then_import_restores_identical_records(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    PlantFactory(tenant=tenant, supplier=supplier, certificates=["sqf"], capacity=4000, capacity_unit="head_per_day")
    PlantFactory(tenant=tenant, establishment_number="M1234+P1234", proteins=["chicken", "turkey"])
    before = client.get(URL).json()["results"]
    exported = export_csv(client, URL)
    Plant.objects.filter(tenant=tenant).update(name="Changed", supplier=None, capacity=None, certificates=[])
    response = import_csv(client, URL, exported)
    assert response.status_code == 200, response.json()
    assert response.json()["updated"] == 2
    after = client.get(URL).json()["results"]
    for row in before + after:
        row.pop("updated_at")
    assert after == before


def test_csv_import_reports_bad_establishment_numbers_by_row(client):
    text = "code,name,establishment_number\nPL-1,One,EST. 245\nPL-2,Two,nonsense\n"
    response = import_csv(client, URL, text, dry_run=True)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"row": 3, "field": "establishment_number", "error": ESTABLISHMENT_HELP}]
