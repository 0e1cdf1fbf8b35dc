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
