"""The shared transition check, timeline recorder and PDF layout."""

from decimal import Decimal

import pytest

from apps.core.exceptions import Conflict
from apps.core.pdf import BusinessDocument, money_text, render
from apps.core.testing.factories import MembershipFactory, TenantFactory
from apps.core.workflow import ensure_transition, record_event, timeline_for

TRANSITIONS = {"user": {"manager"}, "manager": {"admin", "user"}}


@pytest.mark.django_db
def test_an_illegal_transition_is_a_conflict_naming_the_allowed_ones():
    membership = MembershipFactory(role="user")
    assert ensure_transition(membership, "manager", TRANSITIONS, field="role") == "user"
    with pytest.raises(Conflict) as caught:
        ensure_transition(membership, "owner", TRANSITIONS, field="role")
    assert caught.value.status_code == 409
    assert caught.value.extra == {"current_status": "user", "allowed_transitions": ["manager"]}


@pytest.mark.django_db
def test_events_are_recorded_per_object_in_order():
    tenant = TenantFactory()
    membership = MembershipFactory(tenant=tenant)
    record_event(membership, "created", by=membership.user)
    record_event(membership, "role_changed", by=membership.user, from_status="user", to_status="manager", reason="x")
    other = MembershipFactory(tenant=tenant)
    record_event(other, "created")
    events = list(timeline_for(membership))
    assert [e.verb for e in events] == ["created", "role_changed"]
    assert events[1].created_by == membership.user and events[1].tenant_id == tenant.pk


def test_pdf_renders_a_business_document_with_non_latin_text():
    document = BusinessDocument(
        title="PURCHASE ORDER",
        number="PO-2026-000001",
        issuer=["Demo Meat Brokerage", "Des Moines, IA"],
        party_label="Supplier",
        party=["Prairie Packing Co. — Plant 245C"],
        facts=[("Pickup", "2026-12-01")],
        columns=[("Item", 80, "L"), ("Total", 40, "R")],
        rows=[["Beef 50CL trim", money_text(Decimal("98200"))]],
        totals=[("Total", money_text(Decimal("98200")))],
        notes=["Keep at 28-32 °F"],
    )
    data = render(document)
    assert data.startswith(b"%PDF") and len(data) > 1000
    assert money_text(Decimal("1234.5")) == "$1,234.50"


# --- Written against surviving mutants (`make mutation`, docs/TESTING.md). -----------------------------------


@pytest.mark.django_db
def test_the_conflict_names_the_record_its_state_and_the_target():
    from apps.purchase_orders.tests.factories import PurchaseOrderFactory

    order = PurchaseOrderFactory()  # a draft; `status` is the default field
    assert ensure_transition(order, "confirmed", {"draft": {"confirmed"}}) == "draft"
    with pytest.raises(Conflict) as caught:
        ensure_transition(order, "closed", {"draft": {"sent", "confirmed"}})
    assert str(caught.value.detail) == "A purchase order that is Draft cannot become closed."
    assert caught.value.extra == {"current_status": "draft", "allowed_transitions": ["confirmed", "sent"]}
    # a state the table does not know allows nothing
    with pytest.raises(Conflict) as caught:
        ensure_transition(order, "confirmed", {"sent": {"confirmed"}})
    assert caught.value.extra == {"current_status": "draft", "allowed_transitions": []}


def test_a_field_without_choices_is_named_by_its_value():
    from types import SimpleNamespace

    thing = SimpleNamespace(stage="raw", _meta=SimpleNamespace(verbose_name="batch"))
    with pytest.raises(Conflict) as caught:
        ensure_transition(thing, "done", {"raw": {"cooked"}}, field="stage")
    assert str(caught.value.detail) == "A batch that is raw cannot become done."


@pytest.mark.django_db
def test_the_timeline_is_the_objects_own(django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType

    from apps.core.models import TimelineEvent

    tenant, other = TenantFactory(), TenantFactory()
    membership = MembershipFactory(tenant=tenant)
    record_event(membership, "created", by=membership.user)
    same_type = ContentType.objects.get_for_model(type(membership))
    another_type = ContentType.objects.get_for_model(TenantFactory._meta.model)
    # the same object id under another model, and under another tenant: not this object's timeline
    TimelineEvent.objects.create(tenant=tenant, content_type=another_type, object_id=membership.pk, verb="other model")
    TimelineEvent.objects.create(tenant=other, content_type=same_type, object_id=membership.pk, verb="other tenant")
    with django_assert_num_queries(1):  # the authors come in the same query
        events = [(event.verb, event.created_by.username) for event in timeline_for(membership)]
    assert events == [("created", membership.user.username)]


def _edit_workflow():
    from types import SimpleNamespace

    from django.db import models

    from apps.core.workflow import EditRule, Workflow

    class Stage(models.TextChoices):
        OPEN = "open", "Open for edits"
        LOCKED = "locked", "Locked"
        DONE = "done", "Done"

    workflow = Workflow(
        model="tests.Batch",
        states=Stage,
        actions=(),
        edits=(
            EditRule(states=("open",), fields=frozenset({"name", "notes"})),
            EditRule(states=("locked",), fields=frozenset({"notes"}), role_fields={"manager": frozenset({"price"})}),
        ),
    )

    def batch(status):
        return SimpleNamespace(status=status, _meta=SimpleNamespace(verbose_name="batch"))

    return workflow, batch


def test_an_edit_in_a_state_without_a_rule_is_a_conflict_naming_the_state_and_the_fields():
    workflow, batch = _edit_workflow()
    with pytest.raises(Conflict) as caught:
        workflow.check_edit(batch("done"), ["notes", "name"], role="owner")
    assert str(caught.value.detail) == "A done batch cannot be edited."
    assert caught.value.extra == {"current_status": "done", "fields": ["name", "notes"]}
    workflow.check_edit(batch("done"), [], role="owner")  # nothing changed: nothing to refuse


def test_a_fixed_field_is_a_conflict_naming_it_and_the_state_label():
    workflow, batch = _edit_workflow()
    workflow.check_edit(batch("open"), ["name", "notes"], role="user")
    with pytest.raises(Conflict) as caught:
        workflow.check_edit(batch("open"), ["name", "price", "code"], role="owner")
    assert str(caught.value.detail) == "A open for edits batch keeps code, price."
    assert caught.value.extra == {"current_status": "open", "fields": ["code", "price"]}
    # a field a higher role may change is not fixed: it is refused by role (403), and allowed from that role up
    from rest_framework.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.check_edit(batch("locked"), ["price"], role="user")
    workflow.check_edit(batch("locked"), ["price", "notes"], role="manager")
    workflow.check_edit(batch("locked"), ["price"], role=None)  # a system caller
    with pytest.raises(Conflict) as caught:
        workflow.check_edit(batch("locked"), ["name"], role="owner")
    assert str(caught.value.detail) == "A locked batch keeps name."
    assert workflow.state_label("open") == "open for edits"
    assert workflow.state_label("unknown") == "unknown"
