"""Audit history of every business model, in one place (django-simple-history; docs/DECISIONS.md says why).

`register_history()` (called once from CoreConfig.ready) gives every concrete tenant-owned model a history
table, except the few listed in HISTORY_EXCLUDED with the reason. Each history row copies the record's
fields (so it carries `tenant_id` and is under the same row-level-security policy as tenant tables, see
`apps.core.rls.tenant_models`), plus when (`history_date`), who (`history_user`, the request's user) and why
(`history_change_reason`, from `set_change_reason(obj, reason)` before the save).

`record_history_page(obj, rows)` turns history rows into the C3 API shape (see docs/api/history.md).
"""

import datetime
import decimal
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import models

# Tenant-owned models without a history table, and why. Everything else that subclasses TenantOwnedModel is
# tracked; a new model is tracked without any code (its history table comes with `makemigrations`).
HISTORY_EXCLUDED = {
    "core.NumberSequence": "a counter bumped on every numbered document; the documents themselves are tracked",
    "core.TimelineEvent": "itself an append-only log of what happened to a record",
    "core.DocumentDelivery": "an append-only log of documents sent",
    "ai_assistant.Document": "a processing record the extraction pipeline rewrites at every step; the orders "
    "confirmed from it are tracked",
    "ai_assistant.ChatSession": "conversation log, not business data",
    "ai_assistant.ChatMessage": "conversation log, append-only",
    "ai_assistant.UsageRecord": "metering log, append-only",
    "core.IdempotencyRecord": "stored answers to retried writes, kept 24 h; the records written are tracked",
    "notifications.Notification": "a message log (only its read time changes)",
    "notifications.PushDevice": "a phone's push token, not business data",
    "core.CsvJob": "a background job's progress and report; the rows it imports are tracked",
    "accounting.JournalEntry": "posted once by the journal's services and never edited (a void is a new entry); "
    "its only later write is the export batch, which the export log records",
    "accounting.JournalLine": "part of a journal entry, written with it and never changed",
}

# Bookkeeping columns a change list leaves out (they change on every save).
NOISE_FIELDS = {"updated_at", "created_at"}

ACTIONS = {"+": "create", "~": "update", "-": "delete"}


class HistoricalTenantRecord(models.Model):
    """Abstract base of every history model: row-level security like a tenant table, no composite FKs
    (a history row outlives the rows it pointed at)."""

    rls_extra_condition: str | None = None

    class Meta:
        abstract = True


def business_models() -> list[type[models.Model]]:
    """The tenant-owned models that keep a history."""
    from .models import TenantOwnedModel

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TenantOwnedModel)
        and not issubclass(model, HistoricalTenantRecord)
        and model._meta.managed
        and not model._meta.proxy
        and model._meta.label not in HISTORY_EXCLUDED
    ]


def history_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, HistoricalTenantRecord)]


def is_tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def register_history() -> None:
    import simple_history

    for model in business_models():
        if is_tracked(model):
            continue
        simple_history.register(
            model,
            bases=[HistoricalTenantRecord],
            # Admin writes go through the ops alias; their history rows go with them.
            use_base_model_db=True,
            user_related_name="+",
        )


def set_change_reason(obj, reason: str) -> None:
    """The reason the next save of obj records in its history row."""
    obj._change_reason = reason or ""


def set_history_user(obj, user) -> None:
    """The author of obj's next history row when no request is active (services called from tasks)."""
    if getattr(user, "is_authenticated", False):
        obj._history_user = user


# --- The C3 read shape ----------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _tracked_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if field.name not in NOISE_FIELDS | {"tenant", "id"}]


def _changes(model, row, previous) -> list[dict]:
    changes = []
    for field in _tracked_fields(model):
        new = getattr(row, field.attname, None)
        old = getattr(previous, field.attname, None) if previous is not None else None
        if previous is None and row.history_type == "+" and new in (None, "", [], {}):
            continue
        if previous is not None and old == new:
            continue
        if row.history_type == "-":
            continue
        changes.append({"field": field.name, "label": str(field.verbose_name), "old": _plain(old), "new": _plain(new)})
    return changes


def user_display(user) -> str:
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def history_entries(obj, rows: list) -> list[dict]:
    """C3 entries for `rows` (history rows of obj, newest first); one extra query for the row before the page."""
    model = type(obj)
    older = None
    if rows:
        last = rows[-1]
        before_last = models.Q(history_date__lt=last.history_date) | models.Q(
            history_date=last.history_date, history_id__lt=last.history_id
        )
        older = obj.history.filter(before_last).order_by("-history_date", "-history_id").first()
    entries = []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else older
        if row.history_type == "+":
            previous = None
        user = row.history_user
        entries.append(
            {
                "id": row.history_id,
                "at": row.history_date.isoformat(),
                "user": {"id": user.pk, "display": user_display(user)} if user is not None else None,
                "action": ACTIONS.get(row.history_type, row.history_type),
                "changes": _changes(model, row, previous),
                "reason": row.history_change_reason or "",
            }
        )
    return entries


def history_queryset(obj):
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def bulk_backfill(tenant, *, batch_size: int = 500) -> int:
    """One 'create' history row per tracked row of `tenant` that has none (after a seed run with history off)."""
    written = 0
    for model in business_models():
        if not is_tracked(model):
            continue
        seen = set(model.history.filter(tenant_id=tenant.pk).values_list("id", flat=True).distinct())
        rows = [row for row in model.objects.filter(tenant_id=tenant.pk).order_by("pk") if row.pk not in seen]
        if rows:
            model.history.bulk_history_create(rows, batch_size=batch_size, default_change_reason="demo data")
            written += len(rows)
    return written


@contextmanager
def history_paused():
    """No history rows while bulk-loading (seed_demo); follow with bulk_backfill(tenant)."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous
