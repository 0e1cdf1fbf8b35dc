"""One submit names every problem: field errors and cross-field errors come back in the same 400 (the shared
AllErrorsMixin of apps.core.serializers), for the order header, its nested lines and per-tenant uniqueness."""

import pytest

from apps.contacts.tests.factories import ContactFactory
from apps.core.testing.factories import member
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.USER), tenant)


def test_field_and_cross_field_errors_in_one_response(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    other_contact = ContactFactory(tenant=tenant, supplier=SupplierFactory(tenant=tenant))
    response = client.post(
        "/api/v1/purchase-orders/",
        {
            "supplier": supplier.pk,
            "supplier_contact": other_contact.pk,  # cross-field: a contact of another supplier
            "pickup_window_from": "14:00",
            "pickup_window_to": "09:00",  # cross-field: ends before it starts
            "order_date": "not-a-date",  # field error
            "lines": [{"description": "Chuck", "boxes": -3}],  # field error on a line
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) >= {"order_date", "lines", "supplier_contact", "pickup_window_to"}, body
    assert body["supplier_contact"] == ["Choose a contact of this supplier."]
    assert body["pickup_window_to"] == ["The pickup window must end after it starts."]
    assert "boxes" in body["lines"]["0"], body  # line errors keyed by the line's index


def test_fixing_the_fields_leaves_only_the_remaining_errors(tenant, client):
    supplier = SupplierFactory(tenant=tenant)
    response = client.post(
        "/api/v1/purchase-orders/",
        {
            "supplier": supplier.pk,
            "pickup_window_from": "14:00",
            "pickup_window_to": "09:00",
            "order_date": "2026-11-02",
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"pickup_window_to"}


def test_uniqueness_and_field_errors_together(tenant, client):
    SupplierFactory(tenant=tenant, code="ACME")
    response = client.post(
        "/api/v1/suppliers/", {"code": "ACME", "name": "Acme again", "email": "not-an-email"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "already exists" in body["code"][0]
    assert "email" in body, body
