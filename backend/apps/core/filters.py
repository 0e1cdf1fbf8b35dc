"""The filter backends every list uses: django-filter's, with booleans that mean something, and `?id=`. django-filter's
boolean widgets turn any value they do not know into "no filter", so `?is_open=maybe` returned every row;
here it is a 400 naming the parameter."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

BOOLEAN_VALUES = {"true", "false", "1", "0"}


class StrictDjangoFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, filter_ in filterset.filters.items():
            if not isinstance(filter_, django_filters.BooleanFilter):
                continue
            for value in request.query_params.getlist(name):
                if value.strip().lower() not in BOOLEAN_VALUES | {""}:
                    errors[name] = [f"Use true or false (got {value[:40]!r})."]
        if errors:
            raise ValidationError(errors)
        return filterset


# `?id=` takes at most this many ids (a page holds at most 500 rows: the page-size cap).
ID_FILTER_LIMIT = 500


def parse_ids(values: list[str]) -> list[int]:
    """`?id=3,5&id=8` -> [3, 5, 8]; a 400 on `id` for anything that is not a list of record ids."""
    ids: list[int] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or len(part) > 18:
                raise ValidationError(
                    {"id": [f"Give record ids as whole numbers separated by commas (got {part[:40]!r})."]}
                )
            ids.append(int(part))
    if len(ids) > ID_FILTER_LIMIT:
        raise ValidationError({"id": [f"At most {ID_FILTER_LIMIT} ids at once (got {len(ids)})."]})
    return ids


class IdFilterBackend(BaseFilterBackend):
    """`?id=3,5,8` on every list: exactly those records (of the caller's tenant, like any filter), e.g. the rows a
    user selected, for the CSV export (`?format=csv&id=…`) or the merged PDF (`…/pdfs/?id=…`)."""

    def filter_queryset(self, request, queryset, view):
        values = request.query_params.getlist("id")
        if not any(value.strip() for value in values):
            return queryset
        return queryset.filter(pk__in=parse_ids(values))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "id",
                "required": False,
                "in": "query",
                "description": f"Only these records: ids separated by commas (at most {ID_FILTER_LIMIT}).",
                "schema": {"type": "string"},
            }
        ]
