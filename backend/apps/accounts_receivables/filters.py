import django_filters

from apps.core.choices import Currency, PaymentMethod

from .models import Payment


class PaymentFilter(django_filters.FilterSet):
    payment_method = django_filters.ChoiceFilter(choices=PaymentMethod.choices)
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    payment_date_from = django_filters.DateFilter(field_name="payment_date", lookup_expr="gte")
    payment_date_to = django_filters.DateFilter(field_name="payment_date", lookup_expr="lte")
    has_credit = django_filters.BooleanFilter(
        method="filter_has_credit", help_text="true: payments with money left to apply (customer credit)."
    )
    invoice = django_filters.NumberFilter(field_name="applications__invoice", distinct=True)

    class Meta:
        model = Payment
        fields = ["customer", "payment_method", "currency", "invoice"]

    def filter_has_credit(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(unapplied_amount__gt=0) if value else queryset.filter(unapplied_amount=0)
