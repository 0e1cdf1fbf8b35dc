"""Declared workflows: each order model states its lifecycle ONCE, as data, and this module turns it into
everything else — the API actions (`POST …/{id}/<action>/`), the 403s (role) and 409s (state), the timeline
events, the `allowed_actions` / `editable_fields` of every read shape and the tables of docs/WORKFLOWS.md.

A declaration (`apps/<app>/workflows.py`) is a `Workflow` of `Action`s (name, label, from-states, to-state,
minimum role, guard, requires_reason, side effects), `SystemTransition`s (moves no user asks for directly, such
as a payment settling an invoice) and `EditRule`s (which fields may change in which states, and which of them
need a higher role). Services perform an action with `perform(obj, name, ...)` inside their transaction; the
viewset mixin in apps.core.views generates the HTTP actions from the same declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from rest_framework.exceptions import PermissionDenied, ValidationError

from apps.tenants.models import Role, role_at_least

from .exceptions import Conflict

ROLE_WORDS = {
    Role.READONLY: "a read-only member",
    Role.USER: "a user",
    Role.MANAGER: "a manager",
    Role.ADMIN: "an admin",
    Role.OWNER: "the owner",
}


@dataclass(frozen=True)
class Action:
    """One thing a member may do to a record: `POST <detail-url><name>/`."""

    name: str  # URL segment and the name in allowed_actions, e.g. "pick-up"
    label: str
    source: tuple[str, ...]  # states it starts from (and moves to `target`)
    target: str | None = None  # the state it leads to; None: the status stays (a document sent)
    role: str = Role.USER  # minimum role
    guard: Callable | None = None  # guard(obj) raises Conflict (409) when the record is not ready
    requires_reason: bool = False
    destructive: bool = False
    effects: tuple[Callable, ...] = ()  # effect(obj, by=..., role=...) inside the transaction, after the move
    repeat_from: tuple[str, ...] = ()  # states it is also allowed from without moving (re-sending)
    verb: str | None = None  # the timeline verb (default: the target state, else the name)
    service: str | None = None  # dotted path the API action calls: service(obj, *, by, role, **body)
    body: str | None = None  # dotted path of the request body serializer (None: no body)
    notes: str = ""  # the "Notes" column of docs/WORKFLOWS.md

    @property
    def method_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def from_states(self) -> tuple[str, ...]:
        return self.source + tuple(state for state in self.repeat_from if state not in self.source)

    def as_dict(self, state: str | None = None) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "requires_reason": self.requires_reason,
            "destructive": self.destructive,
            # Where it leads from `state`: the target when it moves from there, None when the status stays.
            "target": self.target if state in self.source else None,
        }


@dataclass(frozen=True)
class SystemTransition:
    """A move no member asks for by name: a payment settling an invoice, an invoice voided reopening its order."""

    source: tuple[str, ...]
    target: str
    trigger: str  # what causes it, for the docs


@dataclass(frozen=True)
class EditRule:
    """In `states`, a member with the workflow's edit role may change `fields`; `role_fields` adds fields that
    need a higher role ({minimum role: fields}). Line fields are named "lines.<field>"; "lines" itself means
    adding and removing lines. A state without a rule is not edited at all."""

    states: tuple[str, ...]
    fields: frozenset[str]
    role_fields: dict[str, frozenset[str]] = field(default_factory=dict)
    message: str = ""  # the 409 text when a field that is fixed in these states changes


@dataclass
class Workflow:
    model: str  # app_label.ModelName
    states: type  # the TextChoices of the status field
    actions: tuple[Action, ...]
    edits: tuple[EditRule, ...] = ()
    system: tuple[SystemTransition, ...] = ()
    initial: str = ""
    field: str = "status"
    edit_role: str = Role.USER
    endpoint: str = ""  # e.g. /api/v1/purchase-orders/ (docs only)
    title: str = ""

    # --- lookups ---------------------------------------------------------------------------------------

    def action(self, name: str) -> Action:
        for action in self.actions:
            if action.name == name or action.method_name == name:
                return action
        raise KeyError(f"{self.model} declares no action {name!r}")

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label).lower()
        except ValueError:
            return state

    def _rule(self, state: str) -> EditRule | None:
        return next((rule for rule in self.edits if state in rule.states), None)

    # --- what a member may do ----------------------------------------------------------------------------

    def available(self, obj, role: str | None) -> list[Action]:
        state = getattr(obj, self.field)
        return [
            action
            for action in self.actions
            if state in action.from_states and role is not None and role_at_least(role, action.role)
        ]

    def allowed_actions(self, obj, role: str | None) -> list[dict]:
        """C1: the actions the member may start from the record's state (state and role; guards that need the
        record's details, such as "has lines", still answer 409 when the action is performed)."""
        state = getattr(obj, self.field)
        return [action.as_dict(state) for action in self.available(obj, role)]

    def editable_fields(self, obj, role: str | None) -> list[str]:
        """C1: the fields this member may change in the record's state ([] when it is locked for them)."""
        if role is None or not role_at_least(role, self.edit_role):
            return []
        rule = self._rule(getattr(obj, self.field))
        if rule is None:
            return []
        fields = set(rule.fields)
        for minimum, extra in rule.role_fields.items():
            if role_at_least(role, minimum):
                fields |= extra
        return sorted(fields)

    # --- checks ------------------------------------------------------------------------------------------

    def _role_problem(self, action: Action, role: str | None) -> str | None:
        if role is None or role_at_least(role, action.role):
            return None
        return (
            f"{action.label} needs {ROLE_WORDS[Role(action.role)]} or higher; "
            f"you are {ROLE_WORDS.get(role, role)} in this tenant."
        )

    def role_message(self, action_name: str, role: str | None) -> str | None:
        try:
            action = self.action(action_name)
        except KeyError:
            return None
        return self._role_problem(action, role)

    def ensure_allowed(self, obj, action: Action, *, role: str | None) -> str:
        """403 when the role is too low, 409 when the state does not allow it; returns the current state."""
        problem = self._role_problem(action, role)
        if problem:
            raise PermissionDenied(problem)
        current = getattr(obj, self.field)
        if current not in action.from_states:
            allowed = [a.name for a in self.available(obj, role or Role.OWNER)]
            raise Conflict(
                f"'{action.label}' is not possible on a {self.state_label(current)} {obj._meta.verbose_name}; "
                f"from {self.state_label(current)} it allows: {', '.join(allowed) or 'nothing'}.",
                current_status=current,
                allowed_actions=allowed,
                allowed_transitions=sorted({a.target for a in self.actions if current in a.source and a.target}),
            )
        return current

    def check_edit(self, obj, changed: Iterable[str], *, role: str | None) -> None:
        """409 naming the fields that are fixed in the record's state; 403 naming those that need a higher role.
        `role` None: a system caller (seeders, the demo), no role limit."""
        changed = set(changed)
        if not changed:
            return
        state = getattr(obj, self.field)
        rule = self._rule(state)
        label = obj._meta.verbose_name
        if rule is None:
            raise Conflict(
                f"A {self.state_label(state)} {label} cannot be edited.", current_status=state, fields=sorted(changed)
            )
        possible = set(rule.fields).union(*rule.role_fields.values()) if rule.role_fields else set(rule.fields)
        fixed = sorted(changed - possible)
        if fixed:
            raise Conflict(
                rule.message or f"A {self.state_label(state)} {label} keeps {', '.join(fixed)}.",
                current_status=state,
                fields=fixed,
            )
        if role is None:
            return
        needing = {}
        for minimum, extra in rule.role_fields.items():
            for name in changed & extra - set(rule.fields):
                if not role_at_least(role, minimum):
                    needing[name] = minimum
        if needing:
            minimum = max(needing.values(), key=lambda r: ["readonly", "user", "manager", "admin", "owner"].index(r))
            raise PermissionDenied(
                f"On a {self.state_label(state)} {label}, changing {', '.join(sorted(needing))} needs "
                f"{ROLE_WORDS[Role(minimum)]} or higher."
            )

    # --- doing it ----------------------------------------------------------------------------------------

    def perform(
        self,
        obj,
        name: str,
        *,
        by=None,
        role: str | None = None,
        reason: str = "",
        updates: dict | None = None,
        changes: dict | None = None,
    ):
        """Do `name` to `obj` (locked by the caller's transaction): role and state checks, the guard, the
        reason, the status move, the timeline event, then the declared side effects. `role` None with a user:
        the user's membership role is looked up; no user: a system caller (no role limit)."""
        from .services import member_role

        try:
            action = self.action(name)
        except KeyError:
            current = getattr(obj, self.field)
            raise Conflict(
                f"A {obj._meta.verbose_name} has no action {name!r} (any more).",
                current_status=current,
                allowed_actions=[a.name for a in self.available(obj, Role.OWNER)],
            ) from None
        if role is None and by is not None and getattr(by, "is_authenticated", False):
            role = member_role(tenant=obj.tenant_id, user=by)
        current = self.ensure_allowed(obj, action, role=role)
        reason = (reason or "").strip()
        if action.requires_reason and not reason:
            raise ValidationError({"reason": [f"Say why ({action.label.lower()} is kept on the record)."]})
        if action.guard is not None:
            action.guard(obj)
        moves = action.target is not None and current in action.source and action.target != current
        fields = []
        if moves:
            setattr(obj, self.field, action.target)
            fields.append(self.field)
        for attr, value in (updates or {}).items():
            setattr(obj, attr, value)
            fields.append(attr)
        if fields:
            obj.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
        record_event(
            obj,
            action.verb or (action.target if moves else action.name),
            by=by,
            from_status=current if moves else "",
            to_status=action.target if moves else "",
            reason=reason,
            changes=changes,
        )
        for effect in action.effects:
            effect(obj, by=by, role=role)
        return obj


# --- the registry (one workflow per model) ---------------------------------------------------------------

_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _REGISTRY[workflow.model.lower()] = workflow
    return workflow


def workflow_for(model_or_obj) -> Workflow | None:
    meta = model_or_obj._meta
    return _REGISTRY.get(meta.label_lower)


def all_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


# --- the older one-line transition check (non-order records) and the timeline --------------------------


def ensure_transition(obj, target: str, transitions: dict[str, set[str]], *, field: str = "status") -> str:
    """Raise 409 unless `obj.<field>` may move to `target`; returns the current status."""
    current = getattr(obj, field)
    allowed = transitions.get(current, set())
    if target not in allowed:
        label = getattr(obj, f"get_{field}_display", lambda: current)()
        raise Conflict(
            f"A {obj._meta.verbose_name} that is {label} cannot become {target}.",
            current_status=current,
            allowed_transitions=sorted(allowed),
        )
    return current


def record_event(
    obj,
    verb: str,
    *,
    by=None,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    changes: dict | None = None,
):
    """Append to obj's timeline: who did what, when, and why (status changes, price edits, overrides)."""
    from .models import TimelineEvent

    return TimelineEvent.objects.create(
        tenant_id=obj.tenant_id,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        verb=verb,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        changes=changes or {},
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def timeline_for(obj):
    from .models import TimelineEvent

    return TimelineEvent.objects.filter(
        tenant_id=obj.tenant_id, content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("created_by")
