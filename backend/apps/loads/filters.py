"""Load and cold storage list filters."""

import django_filters
from django.db.models import Q
from rest_framework.exceptions import ValidationError

from apps.core.choices import Currency

from .models import ColdStorageEntry, Load, LoadStatus, MatchStatus


class LoadFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=LoadStatus.choices)
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    purchase_order = django_filters.NumberFilter(field_name="load_orders__purchase_order_id", distinct=True)
    supplier = django_filters.NumberFilter(field_name="load_orders__purchase_order__supplier_id", distinct=True)
    customer = django_filters.NumberFilter(
        field_name="sales_orders__customer_id",
        distinct=True,
        help_text="Loads carrying a sales order of this customer.",
    )
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    pod_received = django_filters.BooleanFilter()
    pickup_date = django_filters.DateFilter(field_name="pickup_date")
    pickup_date_from = django_filters.DateFilter(field_name="pickup_date", lookup_expr="gte")
    pickup_date_to = django_filters.DateFilter(field_name="pickup_date", lookup_expr="lte")
    delivery_date_from = django_filters.DateFilter(field_name="delivery_date", lookup_expr="gte")
    delivery_date_to = django_filters.DateFilter(field_name="delivery_date", lookup_expr="lte")
    pod_received_on_from = django_filters.DateFilter(field_name="pod_received_on", lookup_expr="gte")
    pod_received_on_to = django_filters.DateFilter(field_name="pod_received_on", lookup_expr="lte")
    day_from = django_filters.DateFilter(
        method="filter_day_from", help_text="Picking up or delivering on or after this day."
    )
    day_to = django_filters.DateFilter(
        method="filter_day_to", help_text="Picking up or delivering on or before this day."
    )
    assigned_to = django_filters.CharFilter(
        method="filter_assigned_to", help_text='"me" for the loads assigned to the caller, or a user id.'
    )

    class Meta:
        model = Load
        fields = ["number", "bol_number", "seal_number", "trailer_number"]

    def filter_day_from(self, queryset, name, value):
        return queryset  # applied with day_to in filter_queryset: pickup OR delivery inside the range

    filter_day_to = filter_day_from

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start, end = self.form.cleaned_data.get("day_from"), self.form.cleaned_data.get("day_to")
        if start is None and end is None:
            return queryset
        pickup, delivery = Q(pickup_date__isnull=False), Q(delivery_date__isnull=False)
        if start is not None:
            pickup &= Q(pickup_date__gte=start)
            delivery &= Q(delivery_date__gte=start)
        if end is not None:
            pickup &= Q(pickup_date__lte=end)
            delivery &= Q(delivery_date__lte=end)
        return queryset.filter(pickup | delivery)

    def filter_assigned_to(self, queryset, name, value):
        if value == "me":
            user = getattr(self.request, "user", None)
            return queryset.filter(assigned_to=user) if user and user.is_authenticated else queryset.none()
        if not value.isdigit():
            raise ValidationError({"assigned_to": ['Give "me" or a user id.']})
        return queryset.filter(assigned_to_id=int(value))


class ColdStorageEntryFilter(django_filters.FilterSet):
    match_status = django_filters.ChoiceFilter(choices=MatchStatus.choices)
    purchase_order = django_filters.NumberFilter(field_name="purchase_order_id")
    load = django_filters.NumberFilter(field_name="load_id")
    product = django_filters.NumberFilter(field_name="product_id")
    storage_supplier = django_filters.NumberFilter(field_name="storage_supplier_id")
    storage_plant = django_filters.NumberFilter(field_name="storage_plant_id")
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    in_storage = django_filters.BooleanFilter(
        field_name="released_on", lookup_expr="isnull", help_text="Still in the cold storage (not released)."
    )
    stored_on_from = django_filters.DateFilter(field_name="stored_on", lookup_expr="gte")
    stored_on_to = django_filters.DateFilter(field_name="stored_on", lookup_expr="lte")
    released_on_from = django_filters.DateFilter(field_name="released_on", lookup_expr="gte")
    released_on_to = django_filters.DateFilter(field_name="released_on", lookup_expr="lte")
    production_date_from = django_filters.DateFilter(field_name="production_date", lookup_expr="gte")
    production_date_to = django_filters.DateFilter(field_name="production_date", lookup_expr="lte")

    class Meta:
        model = ColdStorageEntry
        fields = ["lot_number"]
