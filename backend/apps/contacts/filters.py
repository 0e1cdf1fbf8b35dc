import django_filters

from apps.core.company import filter_json_list

from .models import COMPANY_LINKS, Contact, ContactType


class ContactFilter(django_filters.FilterSet):
    contact_type = django_filters.ChoiceFilter(choices=ContactType.choices, method="filter_contact_type")
    company_kind = django_filters.ChoiceFilter(
        choices=[(link, link.title()) for link in COMPANY_LINKS], method="filter_company_kind"
    )

    class Meta:
        model = Contact
        fields = [*COMPANY_LINKS, "status", "is_primary"]

    def filter_contact_type(self, queryset, name, value):
        return filter_json_list(queryset, "contact_types", value)

    def filter_company_kind(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})
