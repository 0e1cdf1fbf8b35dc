"""Optimistic concurrency for every tenant-owned resource (CONTRACTS C5), mixed into TenantModelViewSet.

- Every detail GET and every write answered with a record carries `ETag: "<version>"`, the version being the
  record's `updated_at` in microseconds (every save of the project's models stamps it, services included).
- A PUT / PATCH / DELETE (or a detail action POST) that sends `If-Match` is checked against the current
  version under a row lock: a mismatch is 412 with `code: "stale"`, who changed the record and when, and the
  current representation, and nothing is written. `If-Match: *` always matches.
- Writes without If-Match stay accepted (API integrators); the web app always sends it.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException

CHECKED_METHODS = {"PUT", "PATCH", "DELETE", "POST"}
LAST_WRITER_TTL = 7 * 24 * 3600


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "This record was changed since you loaded it."
    default_code = "stale"

    def __init__(self, detail, **extra):
        super().__init__(detail, "stale")
        self.extra = {"code": "stale", **extra}


def version_of(stamp) -> str | None:
    if stamp is None:
        return None
    utc = stamp.astimezone(datetime.UTC) if timezone.is_aware(stamp) else stamp
    return str(calendar.timegm(utc.utctimetuple()) * 1_000_000 + utc.microsecond)


def etag_for(stamp) -> str | None:
    version = version_of(stamp)
    return f'"{version}"' if version else None


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def if_match_tags(request) -> list[str] | None:
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        return None
    return [_opaque(tag) for tag in header.split(",") if tag.strip()]


def _writer_key(model, pk) -> str:
    return f"pm:last-writer:{model._meta.label_lower}:{pk}"


def user_display(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.get_full_name() or user.get_username()


def remember_writer(model, pk, etag: str, user) -> None:
    display = user_display(user)
    if display:
        cache.set(_writer_key(model, pk), {"etag": etag, "by": display}, LAST_WRITER_TTL)


def last_writer(model, pk, etag: str) -> str | None:
    """Who wrote the version `etag` (known for writes through the API while the cache keeps it), else None."""
    entry = cache.get(_writer_key(model, pk))
    if isinstance(entry, dict) and entry.get("etag") == etag:
        return entry.get("by")
    return None


class OptimisticConcurrencyMixin:
    def _current_stamp(self, obj, *, lock: bool):
        manager = type(obj)._default_manager
        queryset = manager.select_for_update() if lock else manager
        return queryset.filter(pk=obj.pk).values_list("updated_at", flat=True).first()

    def get_object(self):
        obj = super().get_object()
        if not hasattr(obj, "updated_at"):
            return obj
        self._etag_object = obj
        tags = if_match_tags(self.request)
        if tags is None or self.request.method not in CHECKED_METHODS or "*" in tags:
            return obj
        stamp = self._current_stamp(obj, lock=True)  # held until the request's transaction ends
        current = etag_for(stamp)
        if current in tags:
            return obj
        obj = super().get_object()  # the version we just locked, for the body
        changed_by = last_writer(type(obj), obj.pk, current)
        when = timezone.localtime(stamp) if stamp else None
        who = f" by {changed_by}" if changed_by else ""
        at = f" at {when:%Y-%m-%d %H:%M}" if when else ""
        name = obj._meta.verbose_name
        raise PreconditionFailed(
            f"This {name} was changed{who}{at} after you loaded it. Reload it, or send your change again to overwrite.",
            changed_by=changed_by,
            changed_at=when.isoformat() if when else None,
            current=self.get_serializer(obj).data,
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        obj = getattr(self, "_etag_object", None)
        if obj is None and getattr(self, "action", None) == "create" and response.status_code == 201:
            data = response.data if isinstance(response.data, dict) else {}
            model = self.get_queryset().model
            if data.get("id") is not None and hasattr(model, "updated_at"):
                obj = model._default_manager.filter(pk=data["id"]).first()
        if obj is None or not 200 <= response.status_code < 300 or response.status_code == 204:
            return response
        if request.method in ("GET", "HEAD") and getattr(self, "action", None) != "retrieve":
            return response  # pdf, timeline, history: not the record's representation
        if request.method in ("GET", "HEAD"):
            etag = etag_for(obj.updated_at)
        else:
            if connection.needs_rollback:
                return response
            etag = etag_for(self._current_stamp(obj, lock=False))
            if etag:
                remember_writer(type(obj), obj.pk, etag, request.user)
        if etag:
            response["ETag"] = etag
        return response
