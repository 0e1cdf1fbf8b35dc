"""Carrier rules seen through the API: per-tenant codes, MC/DOT/SCAC formats, the insurance flag and filter."""

import datetime

import pytest
from django.utils import timezone

from apps.carriers.models import Carrier
from apps.core.testing.factories import member
from apps.tenants.models import Role
from conftest import client_for

from .factories import CarrierFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/carriers/"


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.USER), tenant)


def payload(**overrides) -> dict:
    return {"code": "KNX", "name": "Knight Refrigerated", "carrier_type": "reefer_truck", **overrides}


def test_two_tenants_may_use_the_same_carrier_code(tenant, other_tenant, client):
    CarrierFactory(tenant=other_tenant, code="KNX")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.content
    assert Carrier.objects.filter(code="KNX").count() == 2


def test_duplicate_code_in_one_tenant_is_a_field_error(tenant, client):
    CarrierFactory(tenant=tenant, code="KNX")
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 400
    assert "code" in response.json()


@pytest.mark.parametrize(
    ("given", "stored"),
    [("MC-123456", "MC-123456"), ("mc 123456", "MC-123456"), ("1234", "MC-1234"), ("MC12345678", "MC-12345678")],
)
def test_mc_number_is_stored_normalised(client, given, stored):
    response = client.post(URL, payload(mc_number=given), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["mc_number"] == stored
    assert Carrier.objects.get(pk=response.json()["id"]).mc_number == stored


@pytest.mark.parametrize("given", ["MC-123", "MC-123456789", "MX-123456", "12AB56", "FF-123456"])
def test_malformed_mc_number_is_refused_with_a_field_error(client, given):
    response = client.post(URL, payload(mc_number=given), format="json")
    assert response.status_code == 400
    assert "MC-123456" in response.json()["mc_number"][0]


@pytest.mark.parametrize(
    ("given", "stored"), [("1234567", "1234567"), ("USDOT 12345", "12345"), ("DOT#87654321", "87654321")]
)
def test_dot_number_is_stored_as_digits(client, given, stored):
    response = client.post(URL, payload(dot_number=given), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["dot_number"] == stored


@pytest.mark.parametrize("given", ["1234", "123456789", "12-34567", "DOT"])
def test_malformed_dot_number_is_refused_with_a_field_error(client, given):
    response = client.post(URL, payload(dot_number=given), format="json")
    assert response.status_code == 400
    assert "dot_number" in response.json()


def test_scac_is_upper_cased_and_must_be_two_to_four_letters(client):
    ok = client.post(URL, payload(scac=" knxt "), format="json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["scac"] == "KNXT"
    for bad in ["K", "KNXTR", "KN1T"]:
        response = client.post(URL, payload(code=f"C-{bad}", scac=bad), format="json")
        assert response.status_code == 400, bad
        assert "scac" in response.json()


def test_rating_outside_one_to_five_is_refused(client):
    for rating in (0, 6):
        response = client.post(URL, payload(rating=rating), format="json")
        assert response.status_code == 400
        assert "rating" in response.json()


def test_phone_and_email_are_checked(client):
    response = client.post(URL, payload(phone="call dispatch", email="dispatch@"), format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"phone", "email"}


def test_us_address_state_and_zip_are_checked(client):
    response = client.post(URL, payload(state="Kansas", postal_code="678"), format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"state", "postal_code"}


def test_patch_of_one_field_keeps_other_address_fields_valid(tenant, client):
    carrier = CarrierFactory(tenant=tenant, state="KS", postal_code="67801")
    response = client.patch(f"{URL}{carrier.pk}/", {"postal_code": "1234"}, format="json")
    assert response.status_code == 400
    assert "postal_code" in response.json()


def test_expired_insurance_is_flagged_in_the_api(tenant, client):
    today = timezone.localdate()
    expired = CarrierFactory(tenant=tenant, insurance_expires_on=today - datetime.timedelta(days=1))
    last_day = CarrierFactory(tenant=tenant, insurance_expires_on=today)
    unknown = CarrierFactory(tenant=tenant, insurance_expires_on=None)
    flags = {row["id"]: row["insurance_expired"] for row in client.get(URL).json()["results"]}
    assert flags == {expired.pk: True, last_day.pk: False, unknown.pk: False}
    assert client.get(f"{URL}{expired.pk}/").json()["insurance_expired"] is True


def test_insurance_expired_filter(tenant, client):
    today = timezone.localdate()
    expired = CarrierFactory(tenant=tenant, insurance_expires_on=today - datetime.timedelta(days=3))
    valid = CarrierFactory(tenant=tenant, insurance_expires_on=today + datetime.timedelta(days=3))
    unknown = CarrierFactory(tenant=tenant, insurance_expires_on=None)

    def ids(value):
        return {row["id"] for row in client.get(URL, {"insurance_expired": value}).json()["results"]}

    assert ids("true") == {expired.pk}
    assert ids("false") == {valid.pk, unknown.pk}


def test_insurance_expired_cannot_be_written(tenant, client):
    carrier = CarrierFactory(tenant=tenant)
    response = client.patch(f"{URL}{carrier.pk}/", {"insurance_expired": True}, format="json")
    assert response.status_code == 200
    assert response.json()["insurance_expired"] is False


def test_filters_and_search_find_carriers_by_type_and_mc_digits(tenant, client):
    rail = CarrierFactory(tenant=tenant, carrier_type="rail", mc_number="MC-555123")
    CarrierFactory(tenant=tenant, carrier_type="dry_van")
    assert [row["id"] for row in client.get(URL, {"carrier_type": "rail"}).json()["results"]] == [rail.pk]
    assert [row["id"] for row in client.get(URL, {"search": "555123"}).json()["results"]] == [rail.pk]


def test_carrier_lists_its_contacts_and_cannot_be_deleted_while_they_exist(tenant):
    from apps.contacts.tests.factories import ContactFactory

    carrier = CarrierFactory(tenant=tenant)
    dispatcher = ContactFactory(tenant=tenant, supplier=None, carrier=carrier, first_name="Dana", is_primary=True)
    manager = client_for(member(tenant, Role.MANAGER), tenant)
    detail = manager.get(f"{URL}{carrier.pk}/").json()
    assert [(c["id"], c["first_name"]) for c in detail["contacts"]] == [(dispatcher.pk, "Dana")]

    response = manager.delete(f"{URL}{carrier.pk}/")
    assert response.status_code == 409
    assert [b["id"] for b in response.json()["blocked_by"]] == [dispatcher.pk]
    assert Carrier.objects.filter(pk=carrier.pk).exists()


def test_carrier_list_query_count_does_not_grow_with_contacts(tenant, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.contacts.tests.factories import ContactFactory

    for _ in range(3):
        carrier = CarrierFactory(tenant=tenant)
        ContactFactory.create_batch(2, tenant=tenant, supplier=None, carrier=carrier)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"page_size": 1})
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"page_size": 3})
    assert len(few) == len(many)
