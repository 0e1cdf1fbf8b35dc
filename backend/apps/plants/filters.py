import django_filters
from rest_framework.filters import SearchFilter

from apps.core.choices import Certificate
from apps.core.company import filter_json_list
from apps.core.establishment import normalize_or_none

from .models import Plant


class PlantFilter(django_filters.FilterSet):
    protein = django_filters.CharFilter(field_name="proteins__code", distinct=True, help_text="Protein code (beef)")
    certificate = django_filters.ChoiceFilter(choices=Certificate.choices, method="filter_certificate")
    establishment_number = django_filters.CharFilter(
        method="filter_establishment_number", help_text="Any accepted form: EST. 245, 245A, P-1234, ..."
    )

    class Meta:
        model = Plant
        fields = ["plant_type", "supplier", "is_active", "capacity_unit", "state", "country"]

    def filter_certificate(self, queryset, name, value):
        return filter_json_list(queryset, "certificates", value)

    def filter_establishment_number(self, queryset, name, value):
        normalized = normalize_or_none(value)
        if normalized is None:
            return queryset.none()
        return queryset.filter(establishment_number_normalized=normalized)


class PlantSearchFilter(SearchFilter):
    """`?search=EST. 245` finds establishment 245: a search that reads as an establishment number is
    searched in its normalised form."""

    def get_search_terms(self, request):
        raw = request.query_params.get(self.search_param, "")
        normalized = normalize_or_none(raw)
        if normalized and normalized != raw.strip():
            return [normalized]
        return super().get_search_terms(request)
