from django.db.models import Prefetch

from apps.contacts.models import Contact
from apps.core.company import COMPANY_ORDERING_FIELDS, COMPANY_SEARCH_FIELDS
from apps.core.documents import TimelineMixin
from apps.core.views import TenantModelViewSet

from .filters import CustomerFilter, ShipToLocationFilter
from .models import Customer, ShipToLocation
from .serializers import CustomerSerializer, ShipToLocationSerializer


class CustomerViewSet(TimelineMixin, TenantModelViewSet):
    """Buyers; reads include ship-to locations and contacts. Credit hold, credit limit and payment terms change
    only with the manager role or higher and a `reason` (403 naming the field / 400 on `reason`)."""

    queryset = Customer.objects.select_related("sales_rep__user").prefetch_related(
        "proteins",
        "preferred_plants",
        Prefetch("ship_to_locations", queryset=ShipToLocation.objects.order_by("-is_default", "name")),
        Prefetch("contacts", queryset=Contact.objects.order_by("-is_primary", "last_name", "first_name")),
    )
    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    search_fields = [*COMPANY_SEARCH_FIELDS, "ship_to_locations__name", "ship_to_locations__city"]
    ordering_fields = [*COMPANY_ORDERING_FIELDS, "customer_type", "industry", "credit_hold", "payment_terms_days"]
    ordering = ["name"]
    csv_import_key = "code"


class ShipToLocationViewSet(TenantModelViewSet):
    """A customer's receiving addresses. Setting is_default releases the customer's previous default."""

    queryset = ShipToLocation.objects.select_related("customer")
    serializer_class = ShipToLocationSerializer
    filterset_class = ShipToLocationFilter
    search_fields = ["name", "city", "postal_code", "customer__name", "customer__code"]
    ordering_fields = ["name", "city", "state", "is_default", "customer__name", "created_at"]
    ordering = ["customer__name", "-is_default", "name"]
    csv_import_key = None  # no natural key; import ship-tos with the customer's form or the API
