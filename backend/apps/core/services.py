"""The service spine every order app builds on: unknown-field and same-tenant checks, the author, the member's
role, row locking and a generic diff-and-save update that writes what changed to the record's timeline.

Services are called alike by the API, the admin, the demo seeders, Celery tasks and the AI assistant, so the
walls the API has (no foreign fields, no links into another tenant) are here, not in the serializers only."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework.exceptions import ValidationError

from .money import to_decimal


def author(by):
    """The user to store as created_by (None for system callers and anonymous users)."""
    return by if getattr(by, "is_authenticated", False) else None


def member_role(*, tenant, user) -> str | None:
    """The user's active role in the tenant (None for no user or no membership). `tenant`: a tenant or its id."""
    from apps.tenants.models import TenantUser

    if user is None or not getattr(user, "is_authenticated", False):
        return None
    tenant_id = getattr(tenant, "pk", tenant)
    return (
        TenantUser.objects.filter(tenant_id=tenant_id, user=user, is_active=True).values_list("role", flat=True).first()
    )


def resolve_role(*, tenant, by, role: str | None) -> str | None:
    """The role a service checks: the one the caller gives (the API passes the request's), else the user's."""
    return role if role is not None else member_role(tenant=tenant, user=by)


def check_fields(fields, allowed, where: str) -> None:
    """400 naming every field that is not a field of `where` (a typo or a field the client may not set)."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValidationError({name: [f"Not a field of a {where}."] for name in unknown})


def _related_rows(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _related_rows(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _related_rows(item)
    elif isinstance(value, models.Model):
        yield value


def check_same_tenant(tenant, *values) -> None:
    """Service callers (the assistant, seeders, scripts) get the same wall as the API: no link to another
    tenant's rows, anywhere in the given values (lists and dicts are searched)."""
    tenant_id = getattr(tenant, "pk", tenant)
    for row in _related_rows(list(values)):
        row_tenant = getattr(row, "tenant_id", None)
        if row_tenant is not None and row_tenant != tenant_id:
            raise ValidationError({"detail": f"{row._meta.verbose_name} {row.pk} belongs to another tenant."})


def typed(model, fields: dict) -> dict:
    """Dates, times and decimals given as strings (assistant, scripts) become the objects the API gives."""
    result = {}
    for name, value in fields.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - not a model field (lines, relations handled by the caller)
            result[name] = value
            continue
        if isinstance(value, str) and isinstance(field, models.DateField | models.TimeField | models.DecimalField):
            try:
                value = field.to_python(value) if value != "" or not field.null else None
            except DjangoValidationError as exc:
                raise ValidationError({name: exc.messages}) from None
        result[name] = value
    return result


def locked(obj):
    """The row again, locked until the caller's transaction ends (SELECT … FOR UPDATE)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def display(value):
    """A value as the timeline stores it: ids for rows, strings for dates and decimals."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | date | datetime | time):
        return str(value)
    return str(value)


def differs(current, new) -> bool:
    """Whether `new` changes `current` (rows compared by key, decimals by value, "1.50" == 1.5)."""
    if isinstance(new, models.Model) or isinstance(current, models.Model):
        return getattr(current, "pk", current) != getattr(new, "pk", new)
    if current is None or new is None:
        return (current is None) != (new is None)
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        try:
            return to_decimal(current) != to_decimal(new)
        except (ArithmeticError, ValueError, TypeError):
            return True
    return current != new


def changed_fields(obj, fields: dict) -> dict:
    """The subset of `fields` whose value differs from the record's."""
    return {name: value for name, value in fields.items() if differs(getattr(obj, name), value)}


def diff_and_save(obj, fields: dict, *, by=None, verb: str = "updated", lines: list | None = None, record=True):
    """Set the changed `fields` on `obj`, save it and write one timeline event listing each changed field's old
    and new value (plus the line changes given, e.g. from write_lines). Returns {field: {"old", "new"}}."""
    from .workflow import record_event

    changes = {}
    for name, value in changed_fields(obj, fields).items():
        changes[name] = {"old": display(getattr(obj, name)), "new": display(value)}
        setattr(obj, name, value)
    if changes:
        obj.save()
    if record and (changes or lines):
        payload = dict(changes)
        if lines:
            payload["lines"] = lines
        record_event(obj, verb, by=by, changes=payload)
    return changes


# --- Checks every order app makes the same way --------------------------------------------------------------

# (earlier, later, what the later one is called): a later date may equal the earlier one, never precede it.
DATE_ORDER = (
    ("pickup_date", "delivery_date", "The delivery date"),
    ("invoice_date", "due_date", "The due date"),
)


def check_date_order(obj, fields: dict) -> None:
    """400 when a date would fall before the one it follows (delivery before pickup, due before the invoice
    date), judged on the record as it will be: `fields` (the change) over `obj` (None when creating)."""
    errors = {}
    for earlier_name, later_name, label in DATE_ORDER:
        earlier = fields.get(earlier_name, getattr(obj, earlier_name, None))
        later = fields.get(later_name, getattr(obj, later_name, None))
        if earlier_name not in fields and later_name not in fields:
            continue  # neither changes: an old record is not refused for what it already holds
        if isinstance(earlier, date | time) and isinstance(later, type(earlier)) and later < earlier:
            names = earlier_name.replace("_", " ")
            errors[later_name] = [f"{label} ({later.isoformat()}) is before the {names} ({earlier.isoformat()})."]
    if errors:
        raise ValidationError(errors)


def check_not_duplicate(queryset, *, confirm: bool, message: str) -> None:
    """409 naming the first record `queryset` finds (the same customer PO, the same supplier confirmation),
    unless the caller confirms it means a second one (`confirm_duplicate: true`)."""
    from .exceptions import Conflict

    if confirm:
        return
    first = queryset.order_by("pk").first()
    if first is not None:
        raise Conflict(
            f"{message} {first.number}. Send confirm_duplicate: true to book it again.",
            duplicate_of={"id": first.pk, "number": first.number},
        )
