"""Group-by with subtotals for any list: `GET <resource>/groups/?group_by=<field>&<the list's own filters>`.

A viewset declares the fields its list may be grouped by and the money fields summed per group:

    group_by_fields = {"customer": GroupBy("customer", label="customer__name"), "status": GroupBy("status")}
    group_sum_fields = ("total", "balance_due")

The rows are the list's rows (the same tenant scoping, filters, search and `?id=`); each group answers its key,
label, count, the list query that shows its rows, and the sums of the declared fields per currency (amounts in
different currencies are never added together). Groups are paginated like a list (ordered by label); `totals`
holds the same sums over every matching row. An undeclared `group_by` is a 400 naming the choices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from .money import round_money
from .pagination import BoundedPageNumberPagination
from .renderers import BrowsableAPIRenderer


@dataclass(frozen=True)
class GroupBy:
    """One field a list may be grouped by."""

    field: str  # the model field (a foreign key groups by its id): "customer", "status"
    label: str | None = None  # a path to the group's label ("customer__name"); default: the choice label or value
    param: str | None = None  # the list's query parameter that selects one group's rows; default: `field`


class GroupSubtotalSerializer(serializers.Serializer):
    currency = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    sums = serializers.DictField(child=serializers.CharField(), help_text="Declared money field -> its sum.")


class ListGroupSerializer(serializers.Serializer):
    key = serializers.JSONField(allow_null=True, help_text="The field's value (a foreign key's id).")
    label = serializers.CharField()
    count = serializers.IntegerField()
    query = serializers.DictField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="The list's query parameters that select this group's rows (null for rows without a value).",
    )
    subtotals = GroupSubtotalSerializer(many=True, help_text="Per currency; amounts are never added across them.")


class GroupedListSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    count = serializers.IntegerField(help_text="Number of groups.")
    count_is_exact = serializers.BooleanField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ListGroupSerializer(many=True)
    totals = GroupSubtotalSerializer(many=True, help_text="Over every matching row, per currency.")


def _money(value) -> str:
    return str(round_money(value or 0))


class GroupedListMixin:
    """Mixed into TenantModelViewSet: the `groups` list action, offered where `group_by_fields` is declared."""

    group_by_fields: dict[str, GroupBy] = {}
    group_sum_fields: tuple[str, ...] = ()
    group_currency_field: str | None = "currency"

    @classmethod
    def get_extra_actions(cls):
        actions = super().get_extra_actions()
        if not cls.group_by_fields:
            actions = [extra for extra in actions if extra.__name__ != "groups"]
        return actions

    def _subtotals(self, rows, keys: list[str]) -> dict[tuple, list[dict]]:
        """(group key values) -> [{currency, count, sums}] from one GROUP BY query."""
        currency = self.group_currency_field
        columns = [*keys, currency] if currency else keys
        sums = {f"sum__{name}": Sum(name) for name in self.group_sum_fields}
        found: dict[tuple, list[dict]] = {}
        if not columns:  # no key and no currency: one subtotal over every row
            row = rows.aggregate(n=Count("pk"), **sums)
            sums_only = {name: _money(row[f"sum__{name}"]) for name in self.group_sum_fields}
            return {(): [{"currency": None, "count": row["n"], "sums": sums_only}]} if row["n"] else {}
        for row in rows.values(*columns).annotate(n=Count("pk"), **sums).order_by(*columns):
            found.setdefault(tuple(row[key] for key in keys), []).append(
                {
                    "currency": row[currency] if currency else None,
                    "count": row["n"],
                    "sums": {name: _money(row[f"sum__{name}"]) for name in self.group_sum_fields},
                }
            )
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group_by", OpenApiTypes.STR, required=True, description="A field this list declares for grouping."
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="A page of groups."),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="Groups per page (default 50, max 500)."),
        ],
        responses=GroupedListSerializer,
        filters=True,
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="groups",
        pagination_class=BoundedPageNumberPagination,
        renderer_classes=[JSONRenderer, BrowsableAPIRenderer],
    )
    def groups(self, request, *args, **kwargs):
        """The list's rows (same filters and search) grouped by one declared field: per group its key, label,
        count and the sums of the declared money fields per currency; `totals` over all matching rows."""
        name = request.query_params.get("group_by", "")
        spec = self.group_by_fields.get(name)
        if spec is None:
            choices = ", ".join(sorted(self.group_by_fields))
            raise ValidationError({"group_by": [f"Group by one of: {choices}."]})
        listed = self.filter_queryset(self.get_queryset())
        model = listed.model
        # The list's rows by id: its joins (search over lines, contacts ...) never count a row twice.
        rows = model._default_manager.for_tenant(request.tenant).filter(pk__in=listed.values("pk"))
        field = model._meta.get_field(spec.field)
        key = field.attname if field.is_relation else field.name
        label_column = "group_label"
        groups = rows.values(key)
        if spec.label:
            groups = groups.annotate(**{label_column: F(spec.label)}).values(key, label_column)
        groups = groups.annotate(n=Count("pk")).order_by(*([label_column] if spec.label else []), key)
        page = self.paginator.paginate_queryset(groups, request, view=self)
        page_keys = [group[key] for group in page]
        selected = Q(**{f"{key}__in": [k for k in page_keys if k is not None]})
        if None in page_keys:
            selected |= Q(**{f"{key}__isnull": True})
        subtotals = self._subtotals(rows.filter(selected), [key]) if page_keys else {}
        choices = dict(field.flatchoices) if field.choices else {}
        param = spec.param or spec.field
        results = []
        for group in page:
            value = group[key]
            if spec.label:
                label = group[label_column]
            else:
                label = choices.get(value, value)
            results.append(
                {
                    "key": value,
                    "label": "—" if label in (None, "") else str(label),
                    "count": group["n"],
                    "query": None if value is None else {param: str(value)},
                    "subtotals": subtotals.get((value,), []),
                }
            )
        response = self.paginator.get_paginated_response(results)
        response.data = {"group_by": name, **response.data, "totals": self._subtotals(rows, []).get((), [])}
        return response
