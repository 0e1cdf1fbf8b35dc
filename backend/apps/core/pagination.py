"""List pagination (DESIGN §5, docs/API.md "Pagination").

Page numbers (the default, the web app's lists): the COUNT is bounded, so page 1 of a big tenant stays
cheap, and grows only as far as the page asked for, so every page is reachable (`next` is given while rows
remain). A deep page still costs its OFFSET: walks through a large list use the cursor.

Cursor (keyset) pagination on the large lists (`CursorOrPageNumberPagination`): `?cursor=` (empty) starts a
walk, `next`/`previous` carry an opaque cursor holding the sort key of the page's last/first row. Each page
is `WHERE (key, id) after the cursor ORDER BY key, id LIMIT n`, served by a (tenant_id, key, id) index: the
cost does not grow with depth, and a row is seen exactly once even when many rows share the sort key.
"""

import base64
import binascii
import json
from functools import partial

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q
from django.utils.functional import cached_property
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    def __init__(self, *args, count_bound: int = COUNT_LIMIT, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_bound = count_bound

    @cached_property
    def count(self) -> int:
        # COUNT(*) over at most count_bound + 1 rows; beyond that the count is reported as a lower bound.
        if isinstance(self.object_list, list):  # a report's rows, already in memory
            return len(self.object_list)
        return self.object_list[: self.count_bound + 1].count()


class BoundedPageNumberPagination(PageNumberPagination):
    django_paginator_class = BoundedPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # The count is bounded by COUNT_LIMIT or, for a deeper page, by that page's end: page n exists, and has a
        # next page, whenever the rows are there.
        page_size = self.get_page_size(request) or self.page_size
        try:
            wanted = int(request.query_params.get(self.page_query_param) or 1)
        except ValueError:
            wanted = 1
        bound = max(COUNT_LIMIT, min(wanted, 10**9) * page_size)
        self.count_bound = bound
        self.django_paginator_class = partial(BoundedPaginator, count_bound=bound)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        count = self.page.paginator.count
        bound = self.page.paginator.count_bound
        return Response(
            {
                "count": min(count, bound),
                "count_is_exact": count <= bound,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["properties"]["count_is_exact"] = {"type": "boolean", "example": True}
        base["required"] = ["count", "count_is_exact", "results"]
        return base


def _resolve_field(model, path: str):
    """The model field at the end of a `__` path, or None when a step is not a field (an annotation)."""
    field = None
    for step in path.split("__"):
        try:
            field = model._meta.get_field(step)
        except FieldDoesNotExist:
            return None
        if field.is_relation:
            model = field.related_model
    return field


class CursorOrPageNumberPagination(BoundedPageNumberPagination):
    """Page numbers as above, or, when the request sends `cursor`, keyset pages (no count).

    The cursor walks the list in one of the view's `cursor_ordering_fields` (each with a (tenant_id, field, id)
    index), ascending or descending, with `id` as the tie-break in the same direction. NULLs sort as the
    largest value (last ascending, first descending: PostgreSQL's default, which a backward index scan keeps)."""

    cursor_query_param = "cursor"
    invalid_cursor = "Invalid cursor: start again with cursor= (empty) and follow next/previous."

    def paginate_queryset(self, queryset, request, view=None):
        if self.cursor_query_param not in request.query_params:
            self.keyset = False
            return super().paginate_queryset(queryset, request, view)
        self.keyset = True
        self.request = request
        self.page_size_now = self.get_page_size(request) or self.page_size
        self._model = queryset.model
        self.keys = self._keys(queryset, view)
        token = request.query_params.get(self.cursor_query_param, "")
        values, backwards = self._decode(token) if token else (None, False)
        self.started = bool(token)
        self.backwards = backwards
        ordering = [self._order_expression(name, desc != backwards, nullable) for name, desc, nullable in self.keys]
        queryset = queryset.order_by(*ordering)
        if values is not None:
            queryset = queryset.filter(self._after(values, backwards))
        rows = list(queryset[: self.page_size_now + 1])
        self.has_more = len(rows) > self.page_size_now
        rows = rows[: self.page_size_now]
        if backwards:
            rows.reverse()
        self.rows = rows
        return rows

    # --- ordering and keys -------------------------------------------------------------------------------

    def _keys(self, queryset, view) -> list[tuple[str, bool, bool]]:
        """[(field path, descending, nullable)] from the queryset's ordering (OrderingFilter's or the default)."""
        allowed = set(getattr(view, "cursor_ordering_fields", ()))
        terms = [term for term in queryset.query.order_by if isinstance(term, str)]
        if not terms:
            terms = list(queryset.model._meta.ordering)
        keys = []
        for term in terms:
            desc = term.startswith("-")
            name = term.lstrip("-")
            name = "id" if name == "pk" else name
            if name == "id":
                keys.append(("id", desc, False))
                break
            field = _resolve_field(queryset.model, name)
            if name not in allowed or field is None or field.is_relation or len(keys) >= 1:
                choices = ", ".join(sorted(allowed)) or "none"
                raise ValidationError(
                    {"ordering": [f"With cursor pagination, order by one of: {choices} (with - for descending)."]}
                )
            keys.append((name, desc, field.null))
        if not keys or keys[-1][0] != "id":
            keys.append(("id", keys[-1][1] if keys else True, False))
        return keys

    @staticmethod
    def _order_expression(name: str, desc: bool, nullable: bool):
        if not nullable:
            return F(name).desc() if desc else F(name).asc()
        return F(name).desc(nulls_first=True) if desc else F(name).asc(nulls_last=True)

    def _after(self, values, backwards: bool) -> Q:
        """Rows strictly after the cursor's row in the walking order, plus a range on the first key alone so
        the index scan starts at the cursor instead of filtering from the top."""
        condition = Q(pk__in=[])
        ties = Q()
        for (name, desc, nullable), value in zip(self.keys, values, strict=True):
            desc = desc != backwards
            if value is None:
                beyond = Q(**{f"{name}__isnull": False}) if desc else None
                tie = Q(**{f"{name}__isnull": True})
            else:
                beyond = Q(**{f"{name}__lt" if desc else f"{name}__gt": value})
                if nullable and not desc:
                    beyond |= Q(**{f"{name}__isnull": True})
                tie = Q(**{name: value})
            if beyond is not None:
                condition |= ties & beyond
            ties &= tie
        name, desc, nullable = self.keys[0]
        first, desc = values[0], desc != backwards
        if first is not None:
            start = Q(**{f"{name}__lte" if desc else f"{name}__gte": first})
            if nullable and not desc:
                start |= Q(**{f"{name}__isnull": True})
            condition &= start
        return condition

    # --- cursor tokens -----------------------------------------------------------------------------------

    def _ordering_label(self) -> list[str]:
        return [("-" if desc else "") + name for name, desc, _ in self.keys]

    def _encode(self, row, backwards: bool) -> str:
        values = []
        for name, _desc, _nullable in self.keys:
            value = row
            for step in name.split("__"):
                value = getattr(value, step) if value is not None else None
            values.append(value)
        raw = json.dumps({"o": self._ordering_label(), "v": values, "b": backwards}, cls=DjangoJSONEncoder)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def _decode(self, token: str):
        try:
            raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            if raw["o"] != self._ordering_label():
                raise ValidationError(
                    {self.cursor_query_param: ["This cursor belongs to another ordering: start again with cursor=."]}
                )
            values = raw["v"]
            if not isinstance(values, list) or len(values) != len(self.keys) or not isinstance(raw["b"], bool):
                raise ValueError
            parsed = []
            for (name, _desc, _nullable), value in zip(self.keys, values, strict=True):
                field = _resolve_field(self._model, name)
                parsed.append(None if value is None else field.to_python(value))
            return parsed, raw["b"]
        except ValidationError:
            raise
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, DjangoValidationError) as exc:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor]}) from exc

    # --- response ----------------------------------------------------------------------------------------

    def _link(self, row, backwards: bool) -> str:
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self._encode(row, backwards))

    def get_next_link(self):
        if not self.keyset:
            return super().get_next_link()
        if not self.rows or (not self.backwards and not self.has_more):
            return None
        return self._link(self.rows[-1], False)

    def get_previous_link(self):
        if not self.keyset:
            return super().get_previous_link()
        if not self.rows or not self.started or (self.backwards and not self.has_more):
            return None
        return self._link(self.rows[0], True)

    def get_paginated_response(self, data):
        if not self.keyset:
            return super().get_paginated_response(data)
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        base = super().get_paginated_response_schema(schema)
        base["required"] = ["results"]  # count and count_is_exact: page-number pages only
        return base

    def get_schema_operation_parameters(self, view):
        choices = ", ".join(getattr(view, "cursor_ordering_fields", ()))
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Keyset pagination: send it empty for the first page, then follow next/previous. No count; "
                    f"page is ignored. Orderings: {choices} (- for descending)."
                ),
                "schema": {"type": "string"},
            },
        ]
