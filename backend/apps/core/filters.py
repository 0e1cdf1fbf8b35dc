"""The filter backend every list uses: django-filter's, with booleans that mean something. django-filter's
boolean widgets turn any value they do not know into "no filter", so `?is_open=maybe` returned every row;
here it is a 400 naming the parameter."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

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
