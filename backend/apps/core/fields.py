"""Input bounds every API field obeys, installed once at start-up (apps.core.apps.CoreConfig.ready):

- dates and datetimes between DATE_MIN and DATE_MAX, so date arithmetic (due dates, aging buckets, statement
  periods) can never overflow (0001-01-01 and 9999-12-31 used to be 500s);
- JSON values without NUL characters (PostgreSQL's jsonb cannot store \\u0000) and nested at most
  API_JSON_MAX_DEPTH levels.

They are installed on DRF's own DateField / DateTimeField / JSONField, so every serializer (model-derived or
written by hand, in any app) gets them without opting in. Query parameters that carry dates use date_param().
"""

import datetime

from django.conf import settings
from rest_framework import serializers

from .parsers import json_depth_exceeds

DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2199, 12, 31)
DATE_RANGE_MESSAGE = f"Give a date between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}."


def check_date(value: datetime.date) -> datetime.date:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise serializers.ValidationError(DATE_RANGE_MESSAGE, code="date_out_of_range")
    return value


def date_param(request, name: str, default: datetime.date | None = None) -> datetime.date | None:
    """A YYYY-MM-DD query parameter within the date range; 400 naming the parameter otherwise."""
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        value = datetime.date.fromisoformat(raw.strip())
    except ValueError:
        raise serializers.ValidationError({name: ["Give a date as YYYY-MM-DD."]}) from None
    try:
        return check_date(value)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None


def has_nul(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def check_json(value):
    if has_nul(value):
        raise serializers.ValidationError("Text may not contain NUL (\\u0000) characters.", code="null_characters")
    if json_depth_exceeds(value, settings.API_JSON_MAX_DEPTH):
        raise serializers.ValidationError(
            f"Nested more than {settings.API_JSON_MAX_DEPTH} levels deep.", code="too_deep"
        )
    return value


def _bounded(method, check):
    def to_internal_value(self, data):
        return check(method(self, data))

    to_internal_value.__wrapped__ = method
    to_internal_value.bounded = True
    return to_internal_value


def install() -> None:
    for field_class, check in (
        (serializers.DateField, check_date),
        (serializers.DateTimeField, check_date),
        (serializers.JSONField, check_json),
    ):
        method = field_class.to_internal_value
        if not getattr(method, "bounded", False):
            field_class.to_internal_value = _bounded(method, check)
