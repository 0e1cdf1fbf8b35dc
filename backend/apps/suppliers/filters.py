import django_filters
from django.db.models import Q

from apps.core.choices import Certificate
from apps.core.company import filter_json_list

from .models import Supplier


class SupplierFilter(django_filters.FilterSet):
    protein = django_filters.CharFilter(field_name="proteins__code", distinct=True, help_text="Protein code (beef)")
    plant = django_filters.NumberFilter(method="filter_plant", help_text="Owns or sells from this plant id.")
    certificate = django_filters.ChoiceFilter(choices=Certificate.choices, method="filter_certificate")
    quality_rating_min = django_filters.NumberFilter(field_name="quality_rating", lookup_expr="gte")
    credit_limit_min = django_filters.NumberFilter(field_name="credit_limit", lookup_expr="gte")
    credit_application_sent_on_from = django_filters.DateFilter(
        field_name="credit_application_sent_on", lookup_expr="gte"
    )
    credit_application_sent_on_to = django_filters.DateFilter(
        field_name="credit_application_sent_on", lookup_expr="lte"
    )
    credit_account_opened_on_from = django_filters.DateFilter(field_name="credit_account_opened_on", lookup_expr="gte")
    credit_account_opened_on_to = django_filters.DateFilter(field_name="credit_account_opened_on", lookup_expr="lte")

    class Meta:
        model = Supplier
        fields = [
            "status",
            "supplier_type",
            "origin",
            "country_of_origin",
            "fresh_frozen",
            "package_type",
            "net_catch",
            "edible_inedible",
            "shipping_offered",
            "pickup_appointment_method",
            "payment_method",
            "currency",
            "offers_contracts",
            "offers_export_documents",
            "quality_rating",
            "state",
            "country",
        ]

    def filter_plant(self, queryset, name, value):
        return queryset.filter(Q(plants=value) | Q(owned_plants=value)).distinct()

    def filter_certificate(self, queryset, name, value):
        return filter_json_list(queryset, "certificates", value)
