from rest_framework import serializers

from apps.core.company import ChoiceListField, ModelCleanMixin
from apps.core.serializers import TenantOwnedSerializer

from .models import COMPANY_LINKS, Contact, ContactType


class ContactSerializer(ModelCleanMixin, TenantOwnedSerializer):
    contact_types = ChoiceListField(ContactType.choices)
    full_name = serializers.CharField(read_only=True)
    company_kind = serializers.SerializerMethodField(help_text="supplier, customer, carrier or plant")
    company_name = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "first_name",
            "last_name",
            "full_name",
            "title",
            "contact_types",
            "email",
            "main_phone",
            "direct_phone",
            "cell_phone",
            "is_primary",
            "status",
            "notes",
            *COMPANY_LINKS,
            "company_kind",
            "company_name",
            "created_at",
            "updated_at",
        ]

    def _company(self, contact):
        for link in COMPANY_LINKS:
            if getattr(contact, f"{link}_id") is not None:
                return link, getattr(contact, link)
        return "", None

    def get_company_kind(self, contact) -> str:
        return self._company(contact)[0]

    def get_company_name(self, contact) -> str:
        company = self._company(contact)[1]
        return company.name if company is not None else ""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.run_model_clean(attrs)
        return attrs
