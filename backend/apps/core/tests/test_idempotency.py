"""Idempotency-Key on writes (apps.core.idempotency, wired into every tenant view): a retried write is applied
once and answers the first answer; a reused key on another request is 422; a failed write is not kept."""

import pytest

from apps.carriers.tests.factories import CarrierFactory
from apps.core.models import IdempotencyRecord
from apps.core.testing.factories import member
from apps.loads.models import Load
from apps.loads.tests.factories import LoadFactory
from apps.suppliers.models import Supplier
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_retried_create_is_applied_once(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    body = {"name": "Harvest Beef Packers", "code": "HBP"}
    first = client.post("/api/v1/suppliers/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/suppliers/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Supplier.objects.filter(tenant=tenant).count() == 1
    # Without a key (or with a new one) each request is its own.
    assert client.post("/api/v1/suppliers/", {**body, "code": "HBP2"}, format="json").status_code == 201
    assert Supplier.objects.filter(tenant=tenant).count() == 2


def test_a_retried_workflow_step_is_not_a_conflict_the_second_time(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    load = LoadFactory(tenant=tenant)
    url = f"/api/v1/loads/{load.pk}/accept/"
    assert client.post(url, HTTP_IDEMPOTENCY_KEY="accept-1").status_code == 200
    # The phone lost the answer and sends the step again: the same 200, not "already accepted".
    again = client.post(url, HTTP_IDEMPOTENCY_KEY="accept-1")
    assert again.status_code == 200 and again.json()["status"] == "accepted"
    # A different key is a new request: the illegal step is refused.
    assert client.post(url, HTTP_IDEMPOTENCY_KEY="accept-2").status_code == 409
    assert Load.objects.get(pk=load.pk).status == "accepted"


def test_key_reused_for_another_request_and_failures_are_not_kept(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    ok = client.post("/api/v1/suppliers/", {"name": "A", "code": "A1"}, format="json", HTTP_IDEMPOTENCY_KEY="same")
    assert ok.status_code == 201
    reused = client.post("/api/v1/suppliers/", {"name": "B", "code": "B1"}, format="json", HTTP_IDEMPOTENCY_KEY="same")
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["detail"]
    bad = client.post("/api/v1/suppliers/", {"name": ""}, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.filter(key="bad-1").exists()
    fixed = client.post("/api/v1/suppliers/", {"name": "C", "code": "C1"}, format="json", HTTP_IDEMPOTENCY_KEY="bad-1")
    assert fixed.status_code == 201  # a failed attempt does not burn the key... for a request that differs
    assert (
        client.post("/api/v1/suppliers/", {"name": "D"}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 101).status_code
        == 400
    )


def test_keys_are_per_user_and_tenant(tenant, other_tenant):
    me, colleague = member(tenant, Role.USER), member(tenant, Role.USER)
    carrier = CarrierFactory(tenant=tenant)
    body = {"name": carrier.name + " 2", "code": "C-2"}
    assert (
        client_for(me, tenant).post("/api/v1/carriers/", body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code
        == 201
    )
    theirs = client_for(colleague, tenant).post(
        "/api/v1/carriers/", {**body, "code": "C-3"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs
