"""Saved list filters (#16 item 4): private to their creator, shared with the tenant, changed by their creator
or a manager; every problem of a payload in one 400."""

import pytest

from apps.core.models import SavedFilter
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/saved-filters/"


@pytest.fixture
def tenant(db):
    return TenantFactory()


def save(client, **body):
    payload = {"name": "Overdue", "resource": "invoice", "query": {"overdue": "true"}, **body}
    return client.post(URL, payload, format="json")


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def test_private_filters_are_their_creators_and_shared_ones_everyones(tenant):
    alice, bob = member(tenant, Role.USER), member(tenant, Role.USER)
    a, b = client_for(alice, tenant), client_for(bob, tenant)
    private = save(a, name="Mine", query={"status": ["issued", "partially_paid"], "customer": "12"})
    assert private.status_code == 201, private.content
    assert private.json()["query"] == {"status": ["issued", "partially_paid"], "customer": "12"}
    assert private.json()["mine"] is True
    shared = save(a, name="Team overdue", shared=True)
    assert shared.status_code == 201, shared.content
    assert names(a) == ["Mine", "Team overdue"]
    assert names(b) == ["Team overdue"]
    assert b.get(f"{URL}{private.json()['id']}/").status_code == 404
    row = b.get(f"{URL}{shared.json()['id']}/").json()
    assert row["mine"] is False and row["owner"] == alice.get_full_name() != ""
    # Another tenant sees none of them.
    other = TenantFactory()
    assert names(client_for(member(other, Role.OWNER), other)) == []


def test_a_shared_filter_is_changed_by_its_creator_or_a_manager(tenant):
    alice, bob, boss = member(tenant, Role.USER), member(tenant, Role.USER), member(tenant, Role.MANAGER)
    shared = save(client_for(alice, tenant), shared=True).json()
    url = f"{URL}{shared['id']}/"
    refused = client_for(bob, tenant).patch(url, {"name": "Bob's now"}, format="json")
    assert refused.status_code == 403
    assert "manager" in refused.json()["detail"]
    assert client_for(bob, tenant).delete(url).status_code == 403
    assert SavedFilter.objects.get(pk=shared["id"]).name == "Overdue"
    assert client_for(boss, tenant).patch(url, {"name": "Overdue (team)"}, format="json").status_code == 200
    assert client_for(alice, tenant).delete(url).status_code == 204
    assert not SavedFilter.objects.filter(pk=shared["id"]).exists()


def test_every_problem_in_one_400(tenant):
    client = client_for(member(tenant, Role.READONLY), tenant)
    assert save(client).status_code == 201
    response = client.post(URL, {"name": "overdue", "resource": "invoice", "query": {"status": [1, 2]}}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "already have a saved filter named" in str(body["name"])
    assert "status" in str(body["query"])
    response = client.post(URL, {"name": "  ", "resource": "nonsense", "query": ["x"]}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "resource", "query"}
    assert SavedFilter.objects.count() == 1
    # The same name on another list, or by another member, is fine.
    assert save(client, resource="sales-order").status_code == 201
    assert save(client_for(member(tenant, Role.USER), tenant)).status_code == 201
