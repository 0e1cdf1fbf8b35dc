"""Load settlement services: open a load's settlement, its statement (live while open, frozen once settled),
settle (every document in) and reopen. One transaction each, the settlement row locked."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.exceptions import Conflict
from apps.core.services import author, check_fields, check_same_tenant, diff_and_save, resolve_role
from apps.core.workflow import record_event

from . import statement
from .models import LoadSettlement, SettlementEntry
from .models import SettlementStatus as S
from .workflows import WORKFLOW

FIELDS = {"notes"}


def _lock(settlement: LoadSettlement) -> LoadSettlement:
    return LoadSettlement.objects.select_for_update().select_related("load__carrier").get(pk=settlement.pk)


@transaction.atomic
def open_settlement(*, tenant, by, load, notes: str = "") -> LoadSettlement:
    """The load's settlement (one per load): 400 when the load has one already."""
    check_same_tenant(tenant, load)
    existing = LoadSettlement.objects.filter(load=load).first()
    if existing is not None:
        raise ValidationError({"load": [f"Load {load.number} has its settlement already (id {existing.pk})."]})
    settlement = LoadSettlement.objects.create(tenant=tenant, load=load, notes=notes, created_by=author(by))
    record_event(settlement, "created", by=by, to_status=settlement.status, reason=f"for load {load.number}")
    return settlement


def settlement_for_load(load, *, by=None) -> LoadSettlement:
    """The load's settlement, opened when it has none yet (other apps and the demo call this)."""
    existing = LoadSettlement.objects.filter(load=load).first()
    return existing or open_settlement(tenant=load.tenant, by=by, load=load)


@transaction.atomic
def update_settlement(settlement: LoadSettlement, *, by, role: str | None = None, **fields) -> LoadSettlement:
    settlement = _lock(settlement)
    check_fields(fields, FIELDS | {"load"}, "load settlement")
    if "load" in fields and fields.pop("load").pk != settlement.load_id:
        raise ValidationError({"load": ["A settlement stays on its load."]})
    WORKFLOW.check_edit(
        settlement,
        {name for name, value in fields.items() if getattr(settlement, name) != value},
        role=resolve_role(tenant=settlement.tenant, by=by, role=role),
    )
    diff_and_save(settlement, fields, by=by)
    return settlement


@transaction.atomic
def delete_settlement(settlement: LoadSettlement, *, by) -> None:
    settlement = _lock(settlement)
    if settlement.status == S.SETTLED:
        raise Conflict("A settled load keeps its settlement; reopen it first.", current_status=settlement.status)
    settlement.delete()


def current_statement(settlement: LoadSettlement) -> dict:
    """{status, totals per currency, entries, missing}: the frozen figures of a settled load, the live ones
    (from the documents as they are now) of an open one."""
    if settlement.status == S.SETTLED and settlement.figures:
        return settlement.figures
    return live_statement(settlement.load)


def live_statement(load) -> dict:
    scope = statement.scope_of(load)
    entries = [entry.as_row() for entry in statement.entries_for(load, scope)]
    return {
        "totals": statement.totals(load.tenant, entries),
        "entries": entries,
        "missing": statement.missing_documents(load, scope),
    }


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if hasattr(value, "quantize"):
        return str(value)
    return value


@transaction.atomic
def settle(settlement: LoadSettlement, *, by, role: str | None = None) -> LoadSettlement:
    """open -> settled (managers): the guard lists what is missing (409); the figures are frozen as entries."""
    settlement = _lock(settlement)
    load = settlement.load
    role = resolve_role(tenant=settlement.tenant, by=by, role=role)
    WORKFLOW.ensure_allowed(settlement, WORKFLOW.action("settle"), role=role)
    scope = statement.scope_of(load)
    entries = statement.entries_for(load, scope)
    figures = {
        "totals": statement.totals(load.tenant, entries),
        "entries": [e.as_row() for e in entries],
        "missing": [],
    }
    settled = WORKFLOW.perform(
        settlement,
        "settle",
        by=by,
        role=role,
        updates={
            "settled_at": timezone.now(),
            "settled_by": author(by),
            "period_date": load.delivery_date or load.pickup_date or timezone.localdate(),
            "figures": _jsonable(figures),
            "reopened_at": None,
            "reopen_reason": "",
        },
        changes={
            "margin": {row["currency"]: str(row["margin"]["actual"]) for row in figures["totals"]},
        },
    )
    for entry in entries:
        SettlementEntry.objects.create(
            tenant_id=settled.tenant_id, settlement=settled, created_by=author(by), **entry.as_row()
        )
    return settled


@transaction.atomic
def reopen(settlement: LoadSettlement, *, by, role: str | None = None, reason: str = "") -> LoadSettlement:
    """settled -> open (managers, with a reason): the frozen figures are dropped (their history stays)."""
    settlement = _lock(settlement)
    settlement = WORKFLOW.perform(
        settlement,
        "reopen",
        by=by,
        role=role,
        reason=reason,
        updates={"reopened_at": timezone.now(), "reopen_reason": (reason or "").strip(), "figures": {}},
    )
    for entry in SettlementEntry.objects.filter(settlement=settlement):
        entry.delete()
    return settlement
