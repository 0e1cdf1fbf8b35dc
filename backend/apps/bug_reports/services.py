"""Bug report workflow: the status transitions admins make, with resolved_at kept in step."""

from django.db import transaction
from django.utils import timezone

from apps.core.exceptions import Conflict

from .models import CLOSED_STATUSES, BugReport, Status

# Closed reports may be reopened: a resolved one goes back to work, a won't-fix one back to triage.
TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {Status.TRIAGED, Status.WONT_FIX},
    Status.TRIAGED: {Status.IN_PROGRESS, Status.WONT_FIX},
    Status.IN_PROGRESS: {Status.RESOLVED, Status.WONT_FIX, Status.TRIAGED},
    Status.RESOLVED: {Status.IN_PROGRESS},
    Status.WONT_FIX: {Status.TRIAGED},
}


def ensure_transition(report: BugReport, target: str) -> None:
    allowed = TRANSITIONS[report.status]
    if target not in allowed:
        options = ", ".join(Status(value).label for value in sorted(allowed)) or "none"
        raise Conflict(
            f"A report that is {Status(report.status).label.lower()} cannot become "
            f"{Status(target).label.lower()}; next steps allowed: {options}.",
            code="illegal_transition",
            status=report.status,
            allowed=sorted(allowed),
        )


@transaction.atomic
def change_status(report: BugReport, target: str, *, by) -> BugReport:
    """Move the report to `target`; resolved / won't fix stamp resolved_at, reopening clears it."""
    report = BugReport.objects.select_for_update().get(pk=report.pk)
    if report.status == target:
        return report
    ensure_transition(report, target)
    report.status = target
    if target in CLOSED_STATUSES:
        report.resolved_at = timezone.now()
        report.resolved_by = by
    else:
        report.resolved_at = None
        report.resolved_by = None
    report.save(update_fields=["status", "resolved_at", "resolved_by", "updated_at"])
    return report
