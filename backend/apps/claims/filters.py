"""Claim list filters: status, kind, invoice, customer, load, responsible payee, currency, dates."""

import django_filters

from apps.core.choices import Currency

from .models import Claim, ClaimKind, ClaimStatus


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ClaimStatus.choices)
    kind = django_filters.MultipleChoiceFilter(choices=ClaimKind.choices)
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    invoice = django_filters.NumberFilter(field_name="invoice_id")
    customer = django_filters.NumberFilter(field_name="customer_id")
    load = django_filters.NumberFilter(field_name="load_id")
    responsible_supplier = django_filters.NumberFilter(field_name="responsible_supplier_id")
    responsible_carrier = django_filters.NumberFilter(field_name="responsible_carrier_id")
    credit_memo = django_filters.NumberFilter(field_name="credit_memo_id")
    debit_memo = django_filters.NumberFilter(field_name="debit_memo_id")
    claim_date_from = django_filters.DateFilter(field_name="claim_date", lookup_expr="gte")
    claim_date_to = django_filters.DateFilter(field_name="claim_date", lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["number"]
