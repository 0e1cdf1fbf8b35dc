"""Contact rules: linked to exactly one company, listed per company, typed, validated."""

import pytest
from django.db import IntegrityError, transaction

from apps.carriers.tests.factories import CarrierFactory
from apps.contacts.models import Contact
from apps.contacts.tests.factories import ContactFactory
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/contacts/"
pytestmark = pytest.mark.django_db
ONE_COMPANY = "Link the contact to exactly one company: one of supplier, customer, carrier, plant."


@pytest.fixture
def tenant():
    return TenantFactory()


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.USER), tenant)


def test_a_contact_without_a_company_is_refused(client):
    response = client.post(URL, {"first_name": "Ann"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [ONE_COMPANY]}


def test_a_contact_at_two_companies_is_refused(tenant, client):
    body = {
        "first_name": "Ann",
        "supplier": SupplierFactory(tenant=tenant).pk,
        "customer": CustomerFactory(tenant=tenant).pk,
    }
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [ONE_COMPANY]}


def test_moving_a_contact_means_clearing_the_old_company(tenant, client):
    contact = ContactFactory(tenant=tenant)
    customer = CustomerFactory(tenant=tenant)
    assert client.patch(f"{URL}{contact.pk}/", {"customer": customer.pk}, format="json").status_code == 400
    response = client.patch(f"{URL}{contact.pk}/", {"customer": customer.pk, "supplier": None}, format="json")
    assert response.status_code == 200
    assert (response.json()["company_kind"], response.json()["company_name"]) == ("customer", customer.name)


def test_the_database_refuses_a_contact_without_exactly_one_company(tenant):
    supplier, plant = SupplierFactory(tenant=tenant), PlantFactory(tenant=tenant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(tenant=tenant, first_name="None")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(tenant=tenant, first_name="Two", supplier=supplier, plant=plant)


@pytest.mark.parametrize("link", ["supplier", "customer", "carrier", "plant"])
def test_contacts_are_listed_per_company(tenant, client, link):
    factories = {
        "supplier": SupplierFactory,
        "customer": CustomerFactory,
        "carrier": CarrierFactory,
        "plant": PlantFactory,
    }
    company = factories[link](tenant=tenant)
    contact = ContactFactory(tenant=tenant, **{"supplier": None, link: company})
    elsewhere = {"supplier": None, "plant": PlantFactory(tenant=tenant)} if link == "supplier" else {}
    ContactFactory(tenant=tenant, **elsewhere)
    rows = client.get(URL, {link: company.pk}).json()["results"]
    assert [(row["id"], row["company_kind"]) for row in rows] == [(contact.pk, link)]
    assert [row["id"] for row in client.get(URL, {"company_kind": link}).json()["results"]] == [contact.pk]


def test_contact_types_are_several_known_types(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    body = {"first_name": "Bo", "supplier": supplier.pk, "contact_types": ["shipping", "bol_documents", "pod"]}
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    assert [row["id"] for row in client.get(URL, {"contact_type": "pod"}).json()["results"]] == [response.json()["id"]]
    response = client.post(URL, {**body, "contact_types": ["purchasing"]}, format="json")
    assert response.status_code == 400 and "contact_types" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "bo@"), ("main_phone", "phone"), ("direct_phone", "12"), ("cell_phone", "call reception")],
)
def test_email_and_phone_errors_are_field_errors(tenant, client, field, value):
    body = {"first_name": "Bo", "supplier": SupplierFactory(tenant=tenant).pk, field: value}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_company_of_another_tenant_is_not_found(tenant, client):
    foreign = SupplierFactory(tenant=TenantFactory())
    response = client.post(URL, {"first_name": "Bo", "supplier": foreign.pk}, format="json")
    assert response.status_code == 400 and "supplier" in response.json()
