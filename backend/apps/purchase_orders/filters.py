"""Purchase order list filters: status, parties, terms, dates, and what is on the lines."""

import django_filters

from apps.core.choices import AppointmentMethod, CarrierReleaseFormat, Currency

from .models import OPEN_STATUSES, FreightTerms, PurchaseOrder, PurchaseOrderStatus


class PurchaseOrderFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=PurchaseOrderStatus.choices)
    is_open = django_filters.BooleanFilter(method="filter_open", help_text="Draft, sent, confirmed or picked up.")
    supplier = django_filters.NumberFilter(field_name="supplier_id")
    plant = django_filters.NumberFilter(field_name="plant_id")
    supplier_contact = django_filters.NumberFilter(field_name="supplier_contact_id")
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    has_carrier = django_filters.BooleanFilter(field_name="carrier", lookup_expr="isnull", exclude=True)
    customer = django_filters.NumberFilter(field_name="customer_id")
    freight_terms = django_filters.ChoiceFilter(choices=FreightTerms.choices)
    carrier_release_format = django_filters.ChoiceFilter(choices=CarrierReleaseFormat.choices)
    appointment_method = django_filters.ChoiceFilter(choices=AppointmentMethod.choices)
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    order_date_from = django_filters.DateFilter(field_name="order_date", lookup_expr="gte")
    order_date_to = django_filters.DateFilter(field_name="order_date", lookup_expr="lte")
    pickup_date = django_filters.DateFilter(field_name="pickup_date")
    pickup_date_from = django_filters.DateFilter(field_name="pickup_date", lookup_expr="gte")
    pickup_date_to = django_filters.DateFilter(field_name="pickup_date", lookup_expr="lte")
    delivery_date_from = django_filters.DateFilter(field_name="delivery_date", lookup_expr="gte")
    delivery_date_to = django_filters.DateFilter(field_name="delivery_date", lookup_expr="lte")
    product = django_filters.NumberFilter(field_name="lines__product_id", distinct=True)
    protein = django_filters.CharFilter(field_name="lines__protein__code", distinct=True, help_text="e.g. beef")
    fresh_frozen = django_filters.CharFilter(field_name="lines__fresh_frozen", distinct=True)
    total_min = django_filters.NumberFilter(field_name="total", lookup_expr="gte")
    total_max = django_filters.NumberFilter(field_name="total", lookup_expr="lte")

    class Meta:
        model = PurchaseOrder
        fields = ["number", "supplier_confirmation_number", "carrier_release_number"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)
