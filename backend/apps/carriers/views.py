"""Carrier endpoints: CRUD on the project base viewset."""

from apps.core.views import TenantModelViewSet

from .filters import CarrierFilter
from .models import Carrier
from .serializers import CarrierSerializer


class CarrierViewSet(TenantModelViewSet):
    queryset = Carrier.objects.all()
    serializer_class = CarrierSerializer
    filterset_class = CarrierFilter
    search_fields = ["code", "name", "mc_number", "dot_number", "scac", "city", "our_customer_number"]
    ordering_fields = ["code", "name", "carrier_type", "rating", "insurance_expires_on", "created_at", "updated_at"]
    ordering = ["name"]
    csv_import_key = "code"
