"""The declared workflows (apps/*/workflows.py) are the one source: the API's allowed_actions, editable_fields,
403s and 409s follow a change of the declaration, and docs/WORKFLOWS.md's tables are generated from it."""

import dataclasses

import pytest

from apps.core.testing.factories import member
from apps.core.workflow import all_workflows, workflow_for
from apps.core.workflow_docs import DOC_PATH, regenerate
from apps.purchase_orders.models import PurchaseOrder
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.workflows import WORKFLOW
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/purchase-orders/"


def test_every_order_model_declares_its_workflow():
    assert {workflow.model for workflow in all_workflows()} >= {
        "purchase_orders.PurchaseOrder",
        "loads.Load",
        "sales_orders.SalesOrder",
        "invoices.Invoice",
    }
    assert workflow_for(PurchaseOrder) is WORKFLOW


def test_the_workflow_tables_in_the_docs_are_the_declared_ones():
    current = DOC_PATH.read_text(encoding="utf-8")
    assert regenerate(current) == current, "docs/WORKFLOWS.md is stale: run `make docs-workflows`"


def test_a_changed_declaration_changes_the_document():
    current = DOC_PATH.read_text(encoding="utf-8")
    confirm = WORKFLOW.action("confirm")
    changed = dataclasses.replace(WORKFLOW, actions=tuple(a for a in WORKFLOW.actions if a is not confirm))
    try:
        WORKFLOW.actions, original = changed.actions, WORKFLOW.actions
        assert regenerate(current) != current
    finally:
        WORKFLOW.actions = original


def _names(response) -> list[str]:
    return [action["name"] for action in response.json()["allowed_actions"]]


def test_allowed_actions_follow_the_declaration_in_detail_and_list(tenant, monkeypatch):
    order = PurchaseOrderFactory(tenant=tenant, status="sent")
    user = client_for(member(tenant, Role.USER), tenant)
    manager = client_for(member(tenant, Role.MANAGER), tenant)
    detail = user.get(f"{URL}{order.pk}/")
    assert _names(detail) == ["send", "confirm", "cancel"]
    assert detail.json()["allowed_actions"][1] == {
        "name": "confirm",
        "label": "Confirm",
        "requires_reason": False,
        "destructive": False,
        "target": "confirmed",
    }
    # Re-sending a sent order keeps its status; from a draft, send moves it to sent.
    assert detail.json()["allowed_actions"][0]["target"] is None
    draft_order = PurchaseOrderFactory(tenant=tenant, status="draft")
    assert user.get(f"{URL}{draft_order.pk}/").json()["allowed_actions"][0] == {
        "name": "send",
        "label": "Send to supplier",
        "requires_reason": False,
        "destructive": False,
        "target": "sent",
    }
    draft_order.delete()
    listed = user.get(URL).json()["results"][0]
    assert [a["name"] for a in listed["allowed_actions"]] == ["send", "confirm", "cancel"]

    # The declaration now says: confirming needs a manager, and cancelling is gone.
    actions = []
    for action in WORKFLOW.actions:
        if action.name == "confirm":
            action = dataclasses.replace(action, role=Role.MANAGER)
        if action.name != "cancel":
            actions.append(action)
    monkeypatch.setattr(WORKFLOW, "actions", tuple(actions))

    assert _names(user.get(f"{URL}{order.pk}/")) == ["send"]
    assert [a["name"] for a in user.get(URL).json()["results"][0]["allowed_actions"]] == ["send"]
    assert _names(manager.get(f"{URL}{order.pk}/")) == ["send", "confirm"]
    refused = user.post(f"{URL}{order.pk}/confirm/")
    assert refused.status_code == 403
    assert "needs a manager" in refused.json()["detail"]
    assert user.post(f"{URL}{order.pk}/cancel/").status_code == 409  # no longer declared from "sent"
    assert manager.post(f"{URL}{order.pk}/confirm/").status_code == 200


def test_a_state_refusal_names_the_state_and_what_is_allowed(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    response = client_for(member(tenant, Role.USER), tenant).post(f"{URL}{order.pk}/receive/")
    assert response.status_code == 409
    body = response.json()
    assert body["current_status"] == "draft"
    assert body["allowed_actions"] == ["send", "cancel"]
    assert "draft" in body["detail"] and "Received" in body["detail"]


def test_readonly_members_get_no_actions_and_no_editable_fields(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    body = client_for(member(tenant, Role.READONLY), tenant).get(f"{URL}{order.pk}/").json()
    assert body["allowed_actions"] == [] and body["editable_fields"] == []


def test_editable_fields_follow_state_and_role(tenant):
    order = PurchaseOrderFactory(tenant=tenant, status="confirmed")
    user_fields = client_for(member(tenant, Role.USER), tenant).get(f"{URL}{order.pk}/").json()["editable_fields"]
    manager_fields = client_for(member(tenant, Role.MANAGER), tenant).get(f"{URL}{order.pk}/").json()["editable_fields"]
    assert "pickup_date" in user_fields and "supplier" not in user_fields and "lines" not in user_fields
    assert "lines.actual_weight_lb" in user_fields and "lines.unit_price" not in user_fields
    assert set(manager_fields) - set(user_fields) == {"lines.unit_price", "lines.price_unit"}
    closed = PurchaseOrderFactory(tenant=tenant, status="closed")
    assert client_for(member(tenant, Role.OWNER), tenant).get(f"{URL}{closed.pk}/").json()["editable_fields"] == []


def test_every_order_read_shape_carries_the_workflow_fields(tenant):
    from apps.invoices.tests.factories import InvoiceFactory
    from apps.loads.tests.factories import LoadFactory
    from apps.sales_orders.tests.factories import SalesOrderFactory

    client = client_for(member(tenant, Role.USER), tenant)
    records = {
        "/api/v1/loads/": LoadFactory(tenant=tenant),
        "/api/v1/sales-orders/": SalesOrderFactory(tenant=tenant),
        "/api/v1/invoices/": InvoiceFactory(tenant=tenant),
    }
    for url, record in records.items():
        body = client.get(f"{url}{record.pk}/").json()
        assert body["allowed_actions"] and body["editable_fields"], url
        row = client.get(url).json()["results"][0]
        assert row["allowed_actions"] == body["allowed_actions"], url
