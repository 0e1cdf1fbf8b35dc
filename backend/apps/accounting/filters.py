"""Journal filters: date range, source kind and document, account, currency, exported or not, export batch."""

import django_filters
from django.db.models import Q

from apps.core.choices import Currency

from .models import AccountMapping, AccountRole, ExportBatch, JournalEntry, SourceKind


class JournalEntryFilter(django_filters.FilterSet):
    entry_date_from = django_filters.DateFilter(field_name="entry_date", lookup_expr="gte")
    entry_date_to = django_filters.DateFilter(field_name="entry_date", lookup_expr="lte")
    source_kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices)
    source_id = django_filters.NumberFilter()
    currency = django_filters.ChoiceFilter(choices=Currency.choices)
    account = django_filters.CharFilter(
        method="filter_account", help_text="Entries with a line on this account code (e.g. 1100)."
    )
    account_role = django_filters.ChoiceFilter(
        choices=AccountRole.choices, field_name="lines__account_role", distinct=True
    )
    exported = django_filters.BooleanFilter(method="filter_exported", help_text="In an export batch (true) or not.")
    export_batch = django_filters.NumberFilter(field_name="export_batch_id")
    reverses = django_filters.NumberFilter(field_name="reverses_id")
    is_reversal = django_filters.BooleanFilter(field_name="reverses", lookup_expr="isnull", exclude=True)

    class Meta:
        model = JournalEntry
        fields = ["number", "event", "source_number"]

    def filter_account(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(lines__account_code=value.strip())).distinct()

    def filter_exported(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(export_batch__isnull=not value)


class AccountMappingFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=AccountRole.choices)

    class Meta:
        model = AccountMapping
        fields = ["code"]


class ExportBatchFilter(django_filters.FilterSet):
    to_date_from = django_filters.DateFilter(field_name="to_date", lookup_expr="gte")
    to_date_to = django_filters.DateFilter(field_name="to_date", lookup_expr="lte")
    from_date_from = django_filters.DateFilter(field_name="from_date", lookup_expr="gte")
    from_date_to = django_filters.DateFilter(field_name="from_date", lookup_expr="lte")

    class Meta:
        model = ExportBatch
        fields = ["number"]
