"""Invoice and credit memo list filters: status, customer, dates, overdue, balances."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from apps.core.choices import Currency

from .models import RECEIVABLE_STATUSES, CreditMemo, CreditMemoReason, CreditMemoStatus, Invoice, InvoiceStatus


def overdue_q() -> Q:
    """Issued or partially paid, money still due, past the due date (the same rule as Invoice.is_overdue)."""
    return Q(status__in=RECEIVABLE_STATUSES, balance_due__gt=0, due_date__lt=timezone.localdate())


class InvoiceFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=InvoiceStatus.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Past due with a balance.")
    is_open = django_filters.BooleanFilter(method="filter_open", help_text="Issued or partially paid.")
    customer = django_filters.NumberFilter(field_name="customer_id")
    sales_order = django_filters.NumberFilter(field_name="sales_order_id")
    from_sales_order = django_filters.BooleanFilter(field_name="sales_order", lookup_expr="isnull", exclude=True)
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    invoice_date_from = django_filters.DateFilter(field_name="invoice_date", lookup_expr="gte")
    invoice_date_to = django_filters.DateFilter(field_name="invoice_date", lookup_expr="lte")
    due_date_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_date_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    balance_due_min = django_filters.NumberFilter(field_name="balance_due", lookup_expr="gte")
    total_min = django_filters.NumberFilter(field_name="total", lookup_expr="gte")
    total_max = django_filters.NumberFilter(field_name="total", lookup_expr="lte")
    product = django_filters.NumberFilter(field_name="lines__product_id", distinct=True)

    class Meta:
        model = Invoice
        fields = ["number", "customer_po_number"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        statuses = RECEIVABLE_STATUSES
        return queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)


class CreditMemoFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CreditMemoStatus.choices)
    reason = django_filters.ChoiceFilter(choices=CreditMemoReason.choices)
    invoice = django_filters.NumberFilter(field_name="invoice_id")
    customer = django_filters.NumberFilter(field_name="customer_id")
    memo_date_from = django_filters.DateFilter(field_name="memo_date", lookup_expr="gte")
    memo_date_to = django_filters.DateFilter(field_name="memo_date", lookup_expr="lte")

    class Meta:
        model = CreditMemo
        fields = ["number"]
