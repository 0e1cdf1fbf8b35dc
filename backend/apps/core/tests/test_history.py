"""Audit history over the resource registry: every API write of every business model (create, update,
delete, workflow action) leaves a history row by the acting user naming the fields that changed, and
`GET {id}/history/` serves it (CONTRACTS C3)."""

import pytest
from django.urls import reverse

from apps.core import history
from apps.core.rls import tenant_models
from apps.core.testing.api import detail_url, list_url, tenant_resources
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role
from conftest import client_for

load_cases()
RESOURCES = {basename: viewset for _, viewset, basename in tenant_resources()}


def _model(viewset):
    queryset = getattr(viewset, "queryset", None)
    return getattr(queryset, "model", None)


TRACKED = sorted(
    basename
    for basename, viewset in RESOURCES.items()
    if _model(viewset) is not None and history.is_tracked(_model(viewset))
)
# Actions that change nothing on the record itself (documents), or end its life, tried last in the walk.
DOCUMENT_ACTIONS = {"send", "pdf", "timeline", "history", "messages"}
ENDING_ACTIONS = {"cancel", "void", "discard", "unapply", "close"}


def _values(row) -> dict:
    return {
        field.name: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.name not in history.NOISE_FIELDS
    }


def _changed(before: dict, after: dict) -> set[str]:
    return {name for name, value in after.items() if before.get(name) != value}


def _latest_history_id(model) -> int:
    last = model.history.order_by("-history_id").first()
    return last.history_id if last else 0


def _check_history(client, basename, model, pk, since, user, changed, action):
    """New history rows since `since`: all by `user`; the API entries name every changed field."""
    rows = list(model.history.filter(id=pk, history_id__gt=since))
    assert rows, f"{basename} {action}: no history row"
    assert {row.history_user_id for row in rows} == {user.pk}, f"{basename} {action}: wrong author"
    response = client.get(reverse(f"{basename}-history", args=[pk]))
    assert response.status_code == 200, response.content[:300]
    entries = [entry for entry in response.json()["results"] if entry["id"] > since]
    assert len(entries) == len(rows)
    assert all(entry["user"]["id"] == user.pk for entry in entries)
    reported = {change["field"] for entry in entries for change in entry["changes"]}
    missing = changed - reported
    assert not missing, f"{basename} {action}: changed {sorted(missing)} but history names {sorted(reported)}"


def test_every_business_model_keeps_history_and_its_table_is_a_tenant_table():
    untracked = [model._meta.label for model in history.business_models() if not history.is_tracked(model)]
    assert not untracked
    tables = set(tenant_models())
    for model in history.business_models():
        assert model.history.model in tables, f"{model._meta.label}: history table not under RLS"
    for basename, viewset in RESOURCES.items():
        model = _model(viewset)
        if model is None:
            continue
        label = model._meta.label
        assert history.is_tracked(model) or label in history.HISTORY_EXCLUDED, f"{basename}: {label} untracked"
        has_route = any(extra.__name__ == "history" for extra in viewset.get_extra_actions())
        assert has_route == history.is_tracked(model), f"{basename}: history route {has_route}"


@pytest.mark.django_db
@pytest.mark.parametrize("basename", TRACKED)
def test_every_api_write_leaves_a_history_row_with_its_author_and_changes(basename):
    case = CASES[basename]
    viewset = RESOURCES[basename]
    model = _model(viewset)
    tenant = TenantFactory()
    owner = member(tenant, Role.OWNER)
    client = client_for(owner, tenant)

    if hasattr(viewset, "partial_update") and case.update_payload is not None:
        row = case.factory(tenant=tenant)
        before = _values(model.objects.get(pk=row.pk))
        since = _latest_history_id(model)
        response = client.patch(detail_url(basename, row.pk), case.update_payload(row), format="json")
        assert response.status_code == 200, response.content[:500]
        changed = _changed(before, _values(model.objects.get(pk=row.pk)))
        assert changed, f"{basename}: the case's update payload changes nothing"
        _check_history(client, basename, model, row.pk, since, owner, changed, "update")

    if hasattr(viewset, "destroy"):
        row = case.factory(tenant=tenant)
        since = _latest_history_id(model)
        response = client.delete(detail_url(basename, row.pk))
        assert response.status_code == 204, response.content[:500]
        rows = list(model.history.filter(id=row.pk, history_id__gt=since))
        expected = "~" if case.soft_delete else "-"
        assert [r.history_type for r in rows][-1:] == [expected], f"{basename} delete: {rows}"
        assert {r.history_user_id for r in rows} == {owner.pk}

    _walk_workflow_actions(client, basename, case, viewset, model, tenant, owner)

    # Last: factories number their rows from their own sequence, the API from the tenant's counter.
    if hasattr(viewset, "create") and case.create_payload is not None:
        since = _latest_history_id(model)
        response = client.post(list_url(basename), case.create_payload(tenant), format="json")
        assert response.status_code == 201, response.content[:500]
        pk = response.json()["id"]
        created = model.history.filter(id=pk, history_id__gt=since).order_by("history_id").first()
        assert created is not None and created.history_type == "+"
        _check_history(client, basename, model, pk, since, owner, set(), "create")


def _workflow_actions(viewset) -> list[str]:
    names = [
        extra.url_path
        for extra in viewset.get_extra_actions()
        if extra.detail and "post" in extra.mapping and extra.url_path not in DOCUMENT_ACTIONS
    ]
    return sorted(names, key=lambda name: name in ENDING_ACTIONS)


def _try_action(client, basename, model, pk, name, owner, tenant) -> bool:
    """POST the action; when it changed the row, its history must say so. True when it changed the row."""
    before = _values(model.objects.get(pk=pk))
    since = _latest_history_id(model)
    url = f"{detail_url(basename, pk)}{name}/"
    response = client.post(url, {"reason": "history test"}, format="json")
    if response.status_code >= 300:
        return False
    changed = _changed(before, _values(model.objects.get(pk=pk)))
    if not changed:
        return False
    _check_history(client, basename, model, pk, since, owner, changed, name)
    return True


def _walk_workflow_actions(client, basename, case, viewset, model, tenant, owner):
    actions = _workflow_actions(viewset)
    if not actions:
        return
    # Each action from a fresh row, then one walk through the states taking every action that applies.
    for name in actions:
        _try_action(client, basename, model, case.factory(tenant=tenant).pk, name, owner, tenant)
    row = case.factory(tenant=tenant)
    remaining = list(actions)
    progressed = True
    while remaining and progressed:
        progressed = False
        for name in list(remaining):
            if _try_action(client, basename, model, row.pk, name, owner, tenant):
                remaining.remove(name)
                progressed = True
                break


@pytest.mark.django_db
def test_history_shape_order_reason_and_tenant_isolation():
    tenant, other = TenantFactory(), TenantFactory()
    manager = member(tenant, Role.MANAGER, first_name="Mia", last_name="Manager")
    outsider = member(other, Role.OWNER)
    supplier = CASES["supplier"].factory(tenant=tenant)
    client = client_for(manager, tenant)
    response = client.patch(detail_url("supplier", supplier.pk), {"name": "Renamed Packing"}, format="json")
    assert response.status_code == 200
    supplier.refresh_from_db()
    history.set_change_reason(supplier, "phone moved")
    supplier.phone = "(515) 555-0199"
    supplier.save()

    response = client.get(reverse("supplier-history", args=[supplier.pk]), {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3  # created by the factory, renamed, phone changed
    newest, renamed = body["results"]
    assert newest["action"] == "update" and newest["reason"] == "phone moved" and newest["user"] is None
    assert [c["field"] for c in newest["changes"]] == ["phone"]
    assert renamed["user"] == {"id": manager.pk, "display": "Mia Manager"}
    name_change = next(c for c in renamed["changes"] if c["field"] == "name")
    assert name_change["new"] == "Renamed Packing" and name_change["label"] == "name"
    assert name_change["old"] == supplier.history.order_by("history_id").first().name
    # The last page's oldest entry is the create, with every non-empty field as new.
    last = client.get(reverse("supplier-history", args=[supplier.pk]), {"page_size": 2, "page": 2}).json()
    assert last["results"][0]["action"] == "create"
    assert {"code", "name"} <= {c["field"] for c in last["results"][0]["changes"]}
    # Another tenant's owner: 404, as for every other detail route.
    assert client_for(outsider, other).get(reverse("supplier-history", args=[supplier.pk])).status_code == 404
    readonly = member(tenant, Role.READONLY)
    assert client_for(readonly, tenant).get(reverse("supplier-history", args=[supplier.pk])).status_code == 200
