"""The generic API checks, applied to every tenant resource in the router: the role matrix, ignored
client-sent ownership fields, and query counts that do not grow with the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from apps.core.permissions import DEFAULT_REQUIRED_ROLES, HasTenantRole
from apps.core.testing.api import detail_url, list_url, tenant_resources
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import ROLE_RANK, Role
from conftest import client_for

load_cases()
RESOURCES = {basename: viewset for _, viewset, basename in tenant_resources()}
ACTION_METHODS = {
    "list": "get",
    "retrieve": "get",
    "create": "post",
    "partial_update": "patch",
    "destroy": "delete",
}
OK_STATUS = {"list": 200, "retrieve": 200, "create": 201, "partial_update": 200, "destroy": 204}


def expected_minimum_role(viewset, action: str) -> str:
    view = viewset()
    view.action = action
    request = APIRequestFactory().generic(ACTION_METHODS[action].upper(), "/")
    from apps.core.permissions import required_role

    return required_role(view, request)


def test_default_role_policy_is_the_documented_one():
    assert DEFAULT_REQUIRED_ROLES == {
        "GET": Role.READONLY,
        "HEAD": Role.READONLY,
        "OPTIONS": Role.READONLY,
        "POST": Role.USER,
        "PUT": Role.USER,
        "PATCH": Role.USER,
        "DELETE": Role.MANAGER,
    }


def test_every_tenant_resource_uses_the_role_permission_and_has_a_case():
    missing = sorted(basename for basename in RESOURCES if basename not in CASES)
    assert not missing, f"router resources without a ResourceCase in apps/<app>/tests/api_cases.py: {missing}"
    for basename, viewset in RESOURCES.items():
        assert HasTenantRole in viewset.permission_classes, f"{basename} does not apply HasTenantRole"


MATRIX = [
    (basename, role.value, action)
    for basename, viewset in sorted(RESOURCES.items())
    for action in ACTION_METHODS
    if hasattr(viewset, action)
    for role in Role
]


@pytest.mark.django_db
@pytest.mark.parametrize(("basename", "role", "action"), MATRIX)
def test_role_matrix(basename, role, action):
    case = CASES[basename]
    viewset = RESOURCES[basename]
    tenant = TenantFactory()
    user = member(tenant, role)
    obj = case.factory(tenant=tenant)
    model = type(obj)
    client = client_for(user, tenant)
    allowed = ROLE_RANK[Role(role)] >= ROLE_RANK[Role(expected_minimum_role(viewset, action))]

    if action == "list":
        response = client.get(list_url(basename))
    elif action == "retrieve":
        response = client.get(detail_url(basename, obj.pk))
    elif action == "create":
        if case.create_payload is None:
            pytest.skip("resource has no create payload")
        before = model.objects.filter(tenant=tenant).count()
        response = client.post(list_url(basename), case.create_payload(tenant), format="json")
        after = model.objects.filter(tenant=tenant).count()
        assert after == before + (1 if allowed else 0), response.content
    elif action == "partial_update":
        if case.update_payload is None:
            pytest.skip("resource has no update payload")
        response = client.patch(detail_url(basename, obj.pk), case.update_payload(obj), format="json")
    else:
        response = client.delete(detail_url(basename, obj.pk))
        still_there = model.objects.filter(pk=obj.pk).first()
        if allowed and not case.soft_delete:
            assert still_there is None
        elif allowed:
            assert still_there is not None and still_there.is_active is False
        else:
            assert still_there is not None and getattr(still_there, "is_active", True)

    expected = OK_STATUS[action] if allowed else 403
    assert response.status_code == expected, (basename, role, action, response.status_code, response.content[:500])


@pytest.mark.django_db
@pytest.mark.parametrize("basename", sorted(b for b, v in RESOURCES.items() if hasattr(v, "create")))
def test_client_sent_tenant_id_and_created_by_are_ignored(basename):
    case = CASES[basename]
    if case.create_payload is None:
        pytest.skip("resource has no create payload")
    tenant, other = TenantFactory(), TenantFactory()
    owner = member(tenant, Role.OWNER)
    intruder = member(other, Role.OWNER)
    payload = {**case.create_payload(tenant), "tenant": other.pk, "id": 987654, "created_by": intruder.pk}
    response = client_for(owner, tenant).post(list_url(basename), payload, format="json")
    assert response.status_code == 201, response.content
    model = RESOURCES[basename].queryset.model
    row = model.objects.get(pk=response.json()["id"])
    assert row.pk != 987654
    assert row.tenant_id == tenant.pk
    assert row.created_by_id in (owner.pk, None) and row.created_by_id != intruder.pk


@pytest.mark.django_db
@pytest.mark.parametrize("basename", sorted(b for b, v in RESOURCES.items() if hasattr(v, "list")))
def test_list_query_count_does_not_grow_with_page_size(basename):
    case = CASES[basename]
    tenant = TenantFactory()
    user = member(tenant, Role.OWNER)
    for _ in range(50):
        case.factory(tenant=tenant)
    client = client_for(user, tenant)
    counts = {}
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(list_url(basename), {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[1] == counts[50], f"{basename}: {counts[1]} queries for 1 row, {counts[50]} for 50 (N+1)"
