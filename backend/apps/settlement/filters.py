"""Load settlement list filters: status, load, the load's status, the day the figures count on."""

import django_filters

from apps.loads.models import LoadStatus

from .models import LoadSettlement, SettlementStatus


class LoadSettlementFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=SettlementStatus.choices)
    load = django_filters.NumberFilter(field_name="load_id")
    load_status = django_filters.MultipleChoiceFilter(field_name="load__status", choices=LoadStatus.choices)
    period_date_from = django_filters.DateFilter(field_name="period_date", lookup_expr="gte")
    period_date_to = django_filters.DateFilter(field_name="period_date", lookup_expr="lte")

    class Meta:
        model = LoadSettlement
        fields = []
