import django_filters

from apps.core.choices import Certificate
from apps.core.company import filter_json_list

from .models import Customer, ShipToLocation


class CustomerFilter(django_filters.FilterSet):
    protein = django_filters.CharFilter(field_name="proteins__code", distinct=True, help_text="Protein code (beef)")
    preferred_plant = django_filters.NumberFilter(field_name="preferred_plants", distinct=True)
    certificate = django_filters.ChoiceFilter(choices=Certificate.choices, method="filter_certificate")
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
        model = Customer
        fields = [
            "status",
            "customer_type",
            "industry",
            "edible_inedible",
            "purchasing_preference",
            "will_pick_up",
            "credit_hold",
            "exportable",
            "sales_rep",
            "buyer_contact",
            "payment_method",
            "currency",
            "state",
            "country",
        ]

    def filter_certificate(self, queryset, name, value):
        return filter_json_list(queryset, "certificates", value)


class ShipToLocationFilter(django_filters.FilterSet):
    class Meta:
        model = ShipToLocation
        fields = ["customer", "appointment_method", "is_default", "is_active", "state", "country"]
