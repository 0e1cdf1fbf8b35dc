"""Credit controls: credit hold, credit limit and payment terms change only with the manager role or higher
(403 naming the field), always with a reason (400 on `reason`), and each change is recorded with who, when,
old, new and the reason — in the record's history and on its timeline."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.models import TimelineEvent
from apps.core.testing.factories import TenantFactory, member
from apps.customers.models import Customer
from apps.customers.tests.factories import CustomerFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db

URL = "customer-detail"


@pytest.fixture
def setup():
    tenant = TenantFactory()
    customer = CustomerFactory(tenant=tenant, credit_limit=Decimal("80000.00"), credit_hold=True, payment_terms_days=21)
    return tenant, customer


@pytest.mark.parametrize(
    ("field", "value"),
    [("credit_hold", False), ("credit_limit", "10000000.00"), ("payment_terms_days", 60)],
)
def test_a_user_cannot_change_credit_terms_even_with_a_reason(setup, field, value):
    tenant, customer = setup
    user = member(tenant, Role.USER)
    before = customer.history.count()
    response = client_for(user, tenant).patch(
        reverse(URL, args=[customer.pk]), {field: value, "reason": "customer asked"}, format="json"
    )
    assert response.status_code == 403, response.content
    assert response.json()["field"] == field
    assert field.replace("_", " ").replace(" days", "") in response.json()["detail"]
    customer.refresh_from_db()
    assert (customer.credit_hold, customer.credit_limit, customer.payment_terms_days) == (True, Decimal("80000.00"), 21)
    assert customer.history.count() == before


def test_a_user_may_still_edit_other_fields_and_send_unchanged_credit_terms(setup):
    tenant, customer = setup
    user = member(tenant, Role.USER)
    response = client_for(user, tenant).patch(
        reverse(URL, args=[customer.pk]),
        {"notes": "Dock 4 only", "credit_limit": "80000.00", "credit_hold": True},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_a_user_cannot_create_a_customer_with_credit(setup):
    tenant, _customer = setup
    user = member(tenant, Role.USER)
    response = client_for(user, tenant).post(
        reverse("customer-list"), {"code": "C-NEW", "name": "New Buyer", "credit_limit": "5000"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["field"] == "credit_limit"
    assert not Customer.objects.filter(code="C-NEW").exists()


def test_a_manager_needs_a_reason(setup):
    tenant, customer = setup
    manager = member(tenant, Role.MANAGER)
    for body in ({"credit_hold": False}, {"credit_hold": False, "reason": "   "}):
        response = client_for(manager, tenant).patch(reverse(URL, args=[customer.pk]), body, format="json")
        assert response.status_code == 400
        assert "reason" in response.json()
    customer.refresh_from_db()
    assert customer.credit_hold is True


def test_a_manager_with_a_reason_changes_them_and_history_and_timeline_record_it(setup):
    tenant, customer = setup
    manager = member(tenant, Role.MANAGER, first_name="Mia", last_name="Manager")
    client = client_for(manager, tenant)
    response = client.patch(
        reverse(URL, args=[customer.pk]),
        {"credit_hold": False, "credit_limit": "120000.00", "reason": "Paid in full; Q4 review"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["credit_hold"] is False and response.json()["credit_limit"] == "120000.00"
    assert "reason" not in response.json()

    newest = customer.history.order_by("-history_id").first()
    assert newest.history_user_id == manager.pk
    assert newest.history_change_reason == "Paid in full; Q4 review"
    assert (newest.credit_hold, newest.credit_limit) == (False, Decimal("120000.00"))

    entry = client.get(reverse("customer-history", args=[customer.pk])).json()["results"][0]
    assert entry["user"] == {"id": manager.pk, "display": "Mia Manager"}
    assert entry["reason"] == "Paid in full; Q4 review"
    changes = {change["field"]: (change["old"], change["new"]) for change in entry["changes"]}
    assert changes == {"credit_hold": (True, False), "credit_limit": ("80000.00", "120000.00")}

    event = TimelineEvent.objects.get(object_id=customer.pk, verb="credit_terms_changed")
    assert event.created_by_id == manager.pk and event.reason == "Paid in full; Q4 review"
    assert event.changes == {
        "credit_hold": {"old": True, "new": False},
        "credit_limit": {"old": "80000.00", "new": "120000.00"},
    }
    timeline = client.get(reverse("customer-timeline", args=[customer.pk])).json()
    assert [item["verb"] for item in timeline] == ["credit_terms_changed"]
