"""Supplier bill list filters: status, supplier, purchase order, currency, variances, dates."""

import django_filters
from django.utils import timezone

from apps.core.choices import Currency

from .models import (
    PAYABLE_STATUSES,
    DebitMemo,
    DebitMemoStatus,
    FreightBill,
    PaymentMethod,
    PaymentOut,
    PaymentOutStatus,
    SupplierBill,
    SupplierBillStatus,
)


class SupplierBillFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=SupplierBillStatus.choices)
    supplier = django_filters.NumberFilter(field_name="supplier_id")
    purchase_order = django_filters.NumberFilter(field_name="purchase_order_id")
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    has_variances = django_filters.BooleanFilter()
    is_open = django_filters.BooleanFilter(method="filter_open", help_text="Approved and not yet paid.")
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Approved, unpaid, past due.")
    bill_date_from = django_filters.DateFilter(field_name="bill_date", lookup_expr="gte")
    bill_date_to = django_filters.DateFilter(field_name="bill_date", lookup_expr="lte")
    due_date_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_date_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    total_min = django_filters.NumberFilter(field_name="total", lookup_expr="gte")
    total_max = django_filters.NumberFilter(field_name="total", lookup_expr="lte")

    class Meta:
        model = SupplierBill
        fields = ["number", "supplier_invoice_number"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"status__in": PAYABLE_STATUSES, "balance_due__gt": 0}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"status__in": PAYABLE_STATUSES, "balance_due__gt": 0, "due_date__lt": timezone.localdate()}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)


class DebitMemoFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=DebitMemoStatus.choices)
    supplier = django_filters.NumberFilter(field_name="supplier_id")
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    is_open = django_filters.BooleanFilter(method="filter_open", help_text="Not void, with a balance left.")
    memo_date_from = django_filters.DateFilter(field_name="memo_date", lookup_expr="gte")
    memo_date_to = django_filters.DateFilter(field_name="memo_date", lookup_expr="lte")
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte")
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte")

    class Meta:
        model = DebitMemo
        fields = ["number", "source"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"status": DebitMemoStatus.OPEN, "balance__gt": 0}
        return queryset.filter(**condition) if value else queryset.exclude(**condition)


class FreightBillFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=SupplierBillStatus.choices)
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    load = django_filters.NumberFilter(field_name="load_id")
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    has_variances = django_filters.BooleanFilter()
    is_open = django_filters.BooleanFilter(method="filter_open", help_text="Approved and not yet fully paid.")
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Approved, unpaid, past due.")
    bill_date_from = django_filters.DateFilter(field_name="bill_date", lookup_expr="gte")
    bill_date_to = django_filters.DateFilter(field_name="bill_date", lookup_expr="lte")
    due_date_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_date_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    total_min = django_filters.NumberFilter(field_name="total", lookup_expr="gte")
    total_max = django_filters.NumberFilter(field_name="total", lookup_expr="lte")

    class Meta:
        model = FreightBill
        fields = ["number", "carrier_invoice_number"]

    filter_open = SupplierBillFilter.filter_open
    filter_overdue = SupplierBillFilter.filter_overdue


class PaymentOutFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=PaymentOutStatus.choices)
    method = django_filters.MultipleChoiceFilter(choices=PaymentMethod.choices)
    supplier = django_filters.NumberFilter(field_name="supplier_id")
    carrier = django_filters.NumberFilter(field_name="carrier_id")
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    payment_date_from = django_filters.DateFilter(field_name="payment_date", lookup_expr="gte")
    payment_date_to = django_filters.DateFilter(field_name="payment_date", lookup_expr="lte")
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte")
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte")
    supplier_bill = django_filters.NumberFilter(field_name="applications__supplier_bill_id", distinct=True)
    freight_bill = django_filters.NumberFilter(field_name="applications__freight_bill_id", distinct=True)

    class Meta:
        model = PaymentOut
        fields = ["number", "reference"]
