"""Customer rules: per-tenant codes, credit terms, buyer contact and sales rep belong to the customer's
tenant, nested ship-tos and contacts, protected deletes and CSV; ship-to default handling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.contacts.tests.factories import ContactFactory
from apps.core.testing.factories import MembershipFactory, TenantFactory, member
from apps.customers.models import Customer, ShipToLocation
from apps.customers.tests.factories import CustomerFactory, ShipToLocationFactory
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.csv_helpers import export_csv, import_csv
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/customers/"
SHIP_TO_URL = "/api/v1/ship-to-locations/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return TenantFactory()


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def payload(**overrides) -> dict:
    return {"code": "C-100", "name": "Gulf Coast Food Service", "customer_type": "food_service", **overrides}


def test_two_tenants_may_both_have_customer_code_c100(client):
    CustomerFactory(tenant=TenantFactory(), code="C-100")
    assert client.post(URL, payload(), format="json").status_code == 201


def test_duplicate_code_in_the_same_tenant_is_a_field_error(tenant, client):
    CustomerFactory(tenant=tenant, code="C-100")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 400 and "code" in response.json()


def test_credit_limit_cannot_be_negative(client):
    response = client.post(URL, payload(credit_limit="-1.00"), format="json")
    assert response.status_code == 400 and "credit_limit" in response.json()


def test_credit_hold_is_set_and_filterable(tenant, client):
    held = CustomerFactory(tenant=tenant)
    CustomerFactory(tenant=tenant)
    response = client.patch(f"{URL}{held.pk}/", {"credit_hold": True, "reason": "Overdue"}, format="json")
    assert response.status_code == 200
    assert [row["id"] for row in client.get(URL, {"credit_hold": "true"}).json()["results"]] == [held.pk]


def test_sales_rep_must_be_an_active_member_of_the_tenant(tenant, client):
    rep = MembershipFactory(tenant=tenant)
    response = client.post(URL, payload(sales_rep=rep.pk), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["sales_rep_name"]
    foreign = MembershipFactory(tenant=TenantFactory())
    response = client.post(URL, payload(code="C-101", sales_rep=foreign.pk), format="json")
    assert response.status_code == 400 and "sales_rep" in response.json()
    gone = MembershipFactory(tenant=tenant, is_active=False)
    response = client.post(URL, payload(code="C-102", sales_rep=gone.pk), format="json")
    assert response.status_code == 400 and "sales_rep" in response.json()


def test_buyer_contact_must_be_one_of_the_customers_contacts(tenant, client):
    customer = CustomerFactory(tenant=tenant)
    own = ContactFactory(tenant=tenant, supplier=None, customer=customer)
    elsewhere = ContactFactory(tenant=tenant)
    response = client.patch(f"{URL}{customer.pk}/", {"buyer_contact": elsewhere.pk}, format="json")
    assert response.status_code == 400 and "buyer_contact" in response.json()
    response = client.patch(f"{URL}{customer.pk}/", {"buyer_contact": own.pk}, format="json")
    assert response.status_code == 200 and response.json()["buyer_contact"] == own.pk


def test_delete_of_a_customer_with_a_ship_to_is_409(tenant, client):
    ship_to = ShipToLocationFactory(tenant=tenant)
    response = client.delete(f"{URL}{ship_to.customer_id}/")
    assert response.status_code == 409
    assert [row["id"] for row in response.json()["blocked_by"]] == [ship_to.pk]


def _customer_with_relations(tenant):
    customer = CustomerFactory(tenant=tenant, sales_rep=MembershipFactory(tenant=tenant))
    customer.preferred_plants.add(PlantFactory(tenant=tenant))
    ShipToLocationFactory(tenant=tenant, customer=customer, is_default=True)
    ShipToLocationFactory(tenant=tenant, customer=customer)
    ContactFactory(tenant=tenant, supplier=None, customer=customer)
    return customer


def test_detail_shows_ship_tos_default_first_and_contacts(tenant, client):
    customer = _customer_with_relations(tenant)
    body = client.get(f"{URL}{customer.pk}/").json()
    assert [row["is_default"] for row in body["ship_to_locations"]] == [True, False]
    assert len(body["contacts"]) == 1
    assert len(body["preferred_plants"]) == 1


def test_list_shows_ship_tos_and_contacts_without_queries_per_row(tenant, client):
    _customer_with_relations(tenant)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(9):
        _customer_with_relations(tenant)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(URL)
    assert response.json()["count"] == 10
    assert len(ten) == len(one)


def test_choosing_a_new_default_ship_to_releases_the_old_one(tenant, client):
    old = ShipToLocationFactory(tenant=tenant, is_default=True)
    response = client.post(
        SHIP_TO_URL,
        {"customer": old.customer_id, "name": "New DC", "state": "TX", "postal_code": "75001", "is_default": True},
        format="json",
    )
    assert response.status_code == 201, response.content
    old.refresh_from_db()
    assert old.is_default is False
    assert ShipToLocation.objects.get(pk=response.json()["id"]).is_default is True


def test_ship_to_name_is_unique_per_customer_and_zip_is_checked(tenant, client):
    existing = ShipToLocationFactory(tenant=tenant, name="Dallas DC")
    response = client.post(SHIP_TO_URL, {"customer": existing.customer_id, "name": "Dallas DC"}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    response = client.post(
        SHIP_TO_URL, {"customer": existing.customer_id, "name": "Plano", "postal_code": "7500"}, format="json"
    )
    assert response.status_code == 400 and "postal_code" in response.json()


def test_ship_tos_filter_by_customer(tenant, client):
    ship_to = ShipToLocationFactory(tenant=tenant)
    ShipToLocationFactory(tenant=tenant)
    rows = client.get(SHIP_TO_URL, {"customer": ship_to.customer_id}).json()["results"]
    assert [row["id"] for row in rows] == [ship_to.pk]


def test_csv_export_then_import_restores_identical_records(tenant, client):
    customer = _customer_with_relations(tenant)
    contact = customer.contacts.get()
    customer.buyer_contact = contact
    customer.certificates = ["halal"]
    customer.save()
    CustomerFactory(tenant=tenant, exportable=True, purchasing_preference="domestic", credit_hold=True)
    before = client.get(URL).json()["results"]
    exported = export_csv(client, URL)
    Customer.objects.filter(tenant=tenant).update(name="x", credit_hold=False, buyer_contact=None, sales_rep=None)
    customer.preferred_plants.set([])
    # Restoring credit holds changes credit terms, which needs a reason: one more column.
    lines = exported.splitlines()
    exported = "\n".join([f"{lines[0]},reason", *(f"{line},restored from the export" for line in lines[1:])]) + "\n"
    response = import_csv(client, URL, exported)
    assert response.status_code == 200, response.json()
    after = client.get(URL).json()["results"]
    for row in before + after:
        row.pop("updated_at")
    assert after == before


def test_csv_import_all_or_nothing_with_row_report(tenant, client):
    text = "code,name,credit_limit,reason\nC-1,Good,100,new account\nC-2,Bad,-100,new account\n"
    response = import_csv(client, URL, text)
    assert response.status_code == 400
    assert [(error["row"], error["field"]) for error in response.json()["errors"]] == [(3, "credit_limit")]
    assert not Customer.objects.filter(tenant=tenant).exists()
