"""Bug report list filters: category, severity, status, client app, reporter and when it was filed."""

import django_filters

from .models import BugReport


class BugReportFilter(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    is_open = django_filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", label="Not yet closed")

    class Meta:
        model = BugReport
        fields = ["category", "severity", "status", "client", "reporter"]
