from apps.core.views import TenantModelViewSet

from .filters import ContactFilter
from .models import COMPANY_LINKS, Contact
from .serializers import ContactSerializer


class ContactViewSet(TenantModelViewSet):
    """People at suppliers, customers, carriers and plants; filter by company with ?supplier=<id> etc."""

    queryset = Contact.objects.select_related(*COMPANY_LINKS)
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    search_fields = [
        "first_name",
        "last_name",
        "title",
        "email",
        "main_phone",
        "direct_phone",
        "cell_phone",
        *(f"{link}__name" for link in COMPANY_LINKS),
    ]
    ordering_fields = ["last_name", "first_name", "title", "status", "is_primary", "created_at"]
    ordering = ["last_name", "first_name"]
    csv_import_key = None  # people have no natural key (e-mail is often a shared mailbox)
