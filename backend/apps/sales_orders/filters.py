"""Sales order list filters: status, parties, logistics, dates, what is on the lines, and margins."""

import django_filters

from apps.core.choices import Currency, FreshFrozen

from .models import UNINVOICED_OPEN_STATUSES, SalesOrder, SalesOrderStatus


class SalesOrderFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=SalesOrderStatus.choices)
    is_uninvoiced = django_filters.BooleanFilter(
        method="filter_uninvoiced", help_text="Confirmed, shipped or delivered, not invoiced yet."
    )
    customer = django_filters.NumberFilter(field_name="customer_id")
    ship_to = django_filters.NumberFilter(field_name="ship_to_id")
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    load = django_filters.NumberFilter(field_name="load_id")
    has_load = django_filters.BooleanFilter(field_name="load", lookup_expr="isnull", exclude=True)
    source_purchase_order = django_filters.NumberFilter(field_name="source_purchase_orders", distinct=True)
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    order_date_from = django_filters.DateFilter(field_name="order_date", lookup_expr="gte")
    order_date_to = django_filters.DateFilter(field_name="order_date", lookup_expr="lte")
    pickup_date_from = django_filters.DateFilter(field_name="pickup_date", lookup_expr="gte")
    pickup_date_to = django_filters.DateFilter(field_name="pickup_date", lookup_expr="lte")
    delivery_date_from = django_filters.DateFilter(field_name="delivery_date", lookup_expr="gte")
    delivery_date_to = django_filters.DateFilter(field_name="delivery_date", lookup_expr="lte")
    product = django_filters.NumberFilter(field_name="lines__product_id", distinct=True)
    protein = django_filters.CharFilter(field_name="lines__protein__code", distinct=True, help_text="e.g. beef")
    fresh_frozen = django_filters.ChoiceFilter(
        field_name="lines__fresh_frozen", choices=FreshFrozen.choices, distinct=True
    )
    total_min = django_filters.NumberFilter(field_name="total", lookup_expr="gte")
    total_max = django_filters.NumberFilter(field_name="total", lookup_expr="lte")
    margin_min = django_filters.NumberFilter(field_name="margin", lookup_expr="gte")
    margin_max = django_filters.NumberFilter(field_name="margin", lookup_expr="lte")
    buy_cost_complete = django_filters.BooleanFilter()

    class Meta:
        model = SalesOrder
        fields = ["number", "customer_po_number"]

    def filter_uninvoiced(self, queryset, name, value):
        if value is None:
            return queryset
        statuses = UNINVOICED_OPEN_STATUSES
        return queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)
