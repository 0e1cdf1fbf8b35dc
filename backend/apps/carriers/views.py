"""Carrier endpoints: CRUD on the project base viewset."""

from django.db.models import Prefetch

from apps.contacts.models import Contact
from apps.core.views import TenantModelViewSet

from .filters import CarrierFilter
from .models import Carrier
from .serializers import CarrierSerializer


class CarrierViewSet(TenantModelViewSet):
    queryset = Carrier.objects.prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.order_by("-is_primary", "last_name", "first_name"))
    )
    serializer_class = CarrierSerializer
    filterset_class = CarrierFilter
    search_fields = ["code", "name", "mc_number", "dot_number", "scac", "city", "our_customer_number"]
    ordering_fields = ["code", "name", "carrier_type", "rating", "insurance_expires_on", "created_at", "updated_at"]
    ordering = ["name"]
    csv_import_key = "code"
