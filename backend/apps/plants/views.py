from django.db.models import Prefetch
from rest_framework.filters import OrderingFilter

from apps.contacts.models import Contact
from apps.core.filters import IdFilterBackend
from apps.core.filters import StrictDjangoFilterBackend as DjangoFilterBackend
from apps.core.views import TenantModelViewSet

from .filters import PlantFilter, PlantSearchFilter
from .models import Plant
from .serializers import PlantSerializer


class PlantViewSet(TenantModelViewSet):
    """USDA establishments; searchable by any form of the establishment number."""

    queryset = Plant.objects.select_related("supplier").prefetch_related(
        "proteins", Prefetch("contacts", queryset=Contact.objects.order_by("-is_primary", "last_name", "first_name"))
    )
    serializer_class = PlantSerializer
    filterset_class = PlantFilter
    filter_backends = [DjangoFilterBackend, IdFilterBackend, PlantSearchFilter, OrderingFilter]
    search_fields = [
        "code",
        "name",
        "establishment_number",
        "establishment_number_normalized",
        "city",
        "manager_name",
        "supplier__name",
    ]
    ordering_fields = ["code", "name", "establishment_number_normalized", "plant_type", "city", "state", "created_at"]
    ordering = ["name"]
    csv_import_key = "code"
