"""State machines and the timeline: one transition check and one event recorder for every workflow."""

from django.contrib.contenttypes.models import ContentType

from .exceptions import Conflict


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
