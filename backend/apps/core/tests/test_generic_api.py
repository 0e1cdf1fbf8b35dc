"""The generic API checks, applied to every tenant resource in the router: the role matrix (against the
declared policy in apps/core/role_policy.py, never against the production role code), ignored client-sent
ownership fields, and query counts that do not grow with the page size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.permissions import DEFAULT_REQUIRED_ROLES, HasTenantRole
from apps.core.role_policy import POLICY
from apps.core.testing.api import detail_url, list_url, response_body, router_resources, tenant_resources
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role
from conftest import client_for

load_cases()
RESOURCES = {basename: viewset for _, viewset, basename in tenant_resources()}
ROUTED = {basename: viewset for _, viewset, basename in router_resources()}
# Declared order of the roles, written out here rather than taken from the production ranking.
ROLES_LOW_TO_HIGH = ["readonly", "user", "manager", "admin", "owner"]
OK_STATUS = {"list": 200, "retrieve": 200, "create": 201, "update": 200, "delete": 204, "import": 200, "export": 200}


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


def allowed(role: str, minimum: str) -> bool:
    return ROLES_LOW_TO_HIGH.index(role) >= ROLES_LOW_TO_HIGH.index(minimum)


MATRIX = [(resource, action) for resource, actions in sorted(POLICY.items()) for action in sorted(actions)]


def _extra_action(viewset, name: str):
    return next(extra for extra in viewset.get_extra_actions() if extra.__name__ == name)


def _import_body(client, basename: str, obj):
    """The row's own export, to be imported back (an update of one row): a valid file for any importer."""
    export = client.get(list_url(basename), {"format": "csv"})
    assert export.status_code == 200, export.content[:300]
    return {"file": SimpleUploadedFile("rows.csv", response_body(export), content_type="text/csv")}


def perform(client, case, basename: str, action: str, obj, tenant, owner_client):
    """Do `action` on `obj`; returns the responses (one per HTTP method of the action)."""
    viewset = ROUTED[basename]
    if action == "list":
        return [client.get(list_url(basename))]
    if action == "retrieve":
        return [client.get(detail_url(basename, obj.pk))]
    if action == "export":
        return [client.get(list_url(basename), {"format": "csv"})]
    if action == "create":
        return [client.post(list_url(basename), case.create_payload(tenant), format="json")]
    if action == "update":
        url = detail_url(basename, obj.pk)
        return [client.patch(url, case.update_payload(obj), format="json")]
    if action == "delete":
        return [client.delete(detail_url(basename, obj.pk))]
    if action == "import":
        body = _import_body(owner_client, basename, obj)
        return [client.post(reverse(f"{basename}-import-csv"), body, format="multipart")]
    extra = _extra_action(viewset, action)
    url = reverse(f"{basename}-{extra.url_name}", args=[obj.pk] if extra.detail else [])
    responses = []
    for method in extra.mapping:
        if method == "get":
            responses.append(client.get(url))
        else:
            responses.append(getattr(client, method)(url, {"reason": "Role matrix check"}, format="json"))
    return responses


@pytest.mark.django_db
@pytest.mark.parametrize(("basename", "action"), MATRIX)
def test_role_matrix(basename, action):
    """Every declared cell, live: below the declared minimum 403 and nothing written; from it up, no 403."""
    case = CASES[basename]
    minimum = POLICY[basename][action]
    if action == "create" and case.create_payload is None:
        pytest.fail(f"{basename} declares create but its ResourceCase has no create_payload")
    if action == "update" and case.update_payload is None:
        pytest.fail(f"{basename} declares update but its ResourceCase has no update_payload")
    tenant = TenantFactory()
    owner_client = client_for(member(tenant, Role.OWNER), tenant)
    problems = []
    for role in ROLES_LOW_TO_HIGH:
        client = client_for(member(tenant, role), tenant)
        obj = case.factory(tenant=tenant)
        model = type(obj)
        before = model._default_manager.count()
        responses = perform(client, case, basename, action, obj, tenant, owner_client)
        after = model._default_manager.count()
        still_there = model._default_manager.filter(pk=obj.pk).first()
        may = allowed(role, minimum)
        for response in responses:
            code = response.status_code
            body = b"" if response.streaming else response.content[:200]
            cell = f"{basename} {action} as {role} (declared minimum {minimum}): {code} {body!r}"
            if not may:
                if code != 403:
                    problems.append(f"{cell}, expected 403")
            elif action in OK_STATUS and basename != "ai-document":
                if code != OK_STATUS[action]:
                    problems.append(f"{cell}, expected {OK_STATUS[action]}")
            elif code == 403 or code >= 500:
                problems.append(f"{cell}, expected the action to be allowed")
        if action == "create":
            if after != before + (1 if may else 0):
                problems.append(f"{basename} create as {role}: {before} -> {after} rows")
        if action == "delete":
            if not may and (still_there is None or not getattr(still_there, "is_active", True)):
                problems.append(f"{basename} delete as {role} was refused but the row is gone or archived")
            if may and not case.soft_delete and still_there is not None:
                problems.append(f"{basename} delete as {role}: the row is still there")
            if may and case.soft_delete and (still_there is None or still_there.is_active):
                problems.append(f"{basename} delete as {role}: the row is not archived")
        if action == "export" and may and responses[0].status_code == 200:
            if not responses[0]["Content-Type"].startswith("text/csv"):
                problems.append(f"{basename} export as {role}: {responses[0]['Content-Type']}")
        if not may and action not in ("create", "delete") and after != before:
            problems.append(f"{basename} {action} as {role} was refused but changed the row count")
    assert not problems, "\n".join(problems)


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
    # Ten rows, each with related rows of its own: one query per row (an N+1) shows as nine more queries at page
    # size 10 than at 1; more rows would only cost factory time (a claim builds an order, a load and an invoice).
    for _ in range(10):
        case.factory(tenant=tenant)
    client = client_for(user, tenant)
    counts = {}
    for size in (1, 10):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(list_url(basename), {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[1] == counts[10], f"{basename}: {counts[1]} queries for 1 row, {counts[10]} for 10 (N+1)"


# --- Round trip: what was written is what is read back --------------------------------------------------------


def _as_decimal(value):
    from decimal import Decimal, InvalidOperation

    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _time_like(value) -> bool:
    import re

    return isinstance(value, str) and re.fullmatch(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?", value) is not None


def same_value(sent, got) -> bool:
    """Generic read-back equality: decimals by value, HH:MM equals HH:MM:00, lists of scalars in any order,
    nested objects and lists of objects field by field (the response may carry more fields)."""
    if isinstance(sent, dict):
        return isinstance(got, dict) and all(key in got and same_value(value, got[key]) for key, value in sent.items())
    if isinstance(sent, list):
        if not isinstance(got, list) or len(sent) != len(got):
            return False
        if all(not isinstance(item, dict | list) for item in sent):
            return sorted(map(str, sent)) == sorted(map(str, got))
        return all(same_value(a, b) for a, b in zip(sent, got, strict=True))
    if _time_like(sent) and _time_like(got):
        return (sent + ":00")[:8] == (got + ":00")[:8]
    if sent == got:
        return True
    moment_sent, moment_got = _as_datetime(sent), _as_datetime(got)
    if moment_sent is not None and moment_got is not None:
        return moment_sent == moment_got
    decimal_sent, decimal_got = _as_decimal(sent), _as_decimal(got)
    return decimal_sent is not None and decimal_sent == decimal_got


def _as_datetime(value):
    import datetime

    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def read_back_problems(case, sent: dict, got: dict, when: str) -> list[str]:
    problems = []
    for name, value in sent.items():
        if name in case.not_read_back:
            continue
        expected = case.read_back[name](value) if name in case.read_back else value
        path = case.read_back_from.get(name, name)
        found, read = True, got
        for part in path.split("."):
            if not isinstance(read, dict) or part not in read:
                found = False
                break
            read = read[part]
        if not found:
            problems.append(f"{when}: '{name}' was sent but '{path}' is not in the GET response")
        elif not same_value(expected, read):
            problems.append(f"{when}: '{name}' sent {value!r}, read back {read!r} (expected {expected!r})")
    return problems


ROUND_TRIP = sorted(b for b, case in CASES.items() if case.create_payload or case.update_payload)


@pytest.mark.django_db
@pytest.mark.parametrize("basename", ROUND_TRIP)
def test_round_trip(basename):
    """After create and after update, GET returns each field as sent (or as its declared normalisation)."""
    case = CASES[basename]
    tenant = TenantFactory()
    client = client_for(member(tenant, Role.OWNER), tenant)
    problems = []
    if case.create_payload is not None and POLICY.get(basename, {}).get("create"):
        sent = case.create_payload(tenant)
        created = client.post(list_url(basename), sent, format="json")
        assert created.status_code in (200, 201), created.content[:500]
        got = client.get(detail_url(basename, created.json()["id"])).json()
        problems += read_back_problems(case, sent, got, "after create")
    if case.update_payload is not None and POLICY.get(basename, {}).get("update"):
        obj = case.factory(tenant=tenant)
        sent = case.update_payload(obj)
        updated = client.patch(detail_url(basename, obj.pk), sent, format="json")
        assert updated.status_code == 200, updated.content[:500]
        got = client.get(detail_url(basename, obj.pk)).json()
        problems += read_back_problems(case, sent, got, "after update")
    assert not problems, f"{basename}:\n" + "\n".join(problems)
