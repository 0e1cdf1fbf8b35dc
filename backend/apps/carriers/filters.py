"""Carrier list filters: every choice, flag and the computed insurance_expired."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from .models import Carrier


class CarrierFilter(django_filters.FilterSet):
    insurance_expired = django_filters.BooleanFilter(
        method="filter_insurance_expired", label="Insurance expired (true) or valid / not recorded (false)"
    )
    insurance_expires_before = django_filters.DateFilter(field_name="insurance_expires_on", lookup_expr="lt")
    insurance_expires_on_from = django_filters.DateFilter(field_name="insurance_expires_on", lookup_expr="gte")
    insurance_expires_on_to = django_filters.DateFilter(field_name="insurance_expires_on", lookup_expr="lte")
    rating_min = django_filters.NumberFilter(field_name="rating", lookup_expr="gte")

    class Meta:
        model = Carrier
        fields = ["carrier_type", "reefer_capable", "is_active", "appointment_method", "state", "country", "rating"]

    def filter_insurance_expired(self, queryset, name, value):
        if value is None:
            return queryset
        expired = Q(insurance_expires_on__lt=timezone.localdate())
        return queryset.filter(expired) if value else queryset.exclude(expired)
