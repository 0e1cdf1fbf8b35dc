"""Product list filters: every choice, relation and flag, plus price and NAMP lookups."""

import django_filters
from django.db.models import Q

from apps.core.models import Protein

from .models import Product


class ProductFilter(django_filters.FilterSet):
    protein = django_filters.ModelChoiceFilter(
        field_name="protein", to_field_name="code", queryset=Protein.objects.all(), label="Protein code"
    )
    plant = django_filters.NumberFilter(field_name="plants", label="Available from plant (id)")
    namp_number = django_filters.CharFilter(field_name="namp_number", lookup_expr="iexact")
    price_min = django_filters.NumberFilter(field_name="default_price", lookup_expr="gte")
    price_max = django_filters.NumberFilter(field_name="default_price", lookup_expr="lte")
    for_supplier = django_filters.NumberFilter(
        method="filter_for_supplier",
        label="What a supplier can sell (id): its own products and products of no particular supplier",
    )

    class Meta:
        model = Product
        fields = [
            "protein",
            "grade",
            "namp_number",
            "fresh_frozen",
            "package_type",
            "carton_type",
            "net_catch",
            "edible_inedible",
            "is_tested",
            "origin",
            "country_of_origin",
            "supplier",
            "price_unit",
            "is_active",
        ]

    def filter_for_supplier(self, queryset, name, value):
        return queryset.filter(Q(supplier_id=value) | Q(supplier__isnull=True))
