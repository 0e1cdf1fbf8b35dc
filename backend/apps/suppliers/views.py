from django.db.models import Count, Prefetch

from apps.contacts.models import Contact
from apps.core.company import COMPANY_ORDERING_FIELDS, COMPANY_SEARCH_FIELDS
from apps.core.views import TenantModelViewSet
from apps.plants.models import Plant

from .filters import SupplierFilter
from .models import Supplier
from .serializers import SupplierSerializer


def product_relation() -> str | None:
    """The query name of Product.supplier once the products app defines it (None before)."""
    for relation in Supplier._meta.related_objects:
        if relation.related_model._meta.label == "products.Product" and relation.field.name == "supplier":
            return relation.field.related_query_name()
    return None


class SupplierViewSet(TenantModelViewSet):
    """Packers, processors, importers and cold storages; reads include plants, contacts and product count."""

    queryset = Supplier.objects.prefetch_related(
        "proteins",
        Prefetch("plants", queryset=Plant.objects.order_by("name")),
        Prefetch("owned_plants", queryset=Plant.objects.order_by("name")),
        Prefetch("contacts", queryset=Contact.objects.order_by("-is_primary", "last_name", "first_name")),
    )
    serializer_class = SupplierSerializer
    filterset_class = SupplierFilter
    search_fields = [*COMPANY_SEARCH_FIELDS, "paca_licence_number"]
    ordering_fields = [*COMPANY_ORDERING_FIELDS, "supplier_type", "quality_rating", "payment_terms_days"]
    ordering = ["name"]
    csv_import_key = "code"

    def get_queryset(self):
        queryset = super().get_queryset()
        relation = product_relation()
        if relation:
            queryset = queryset.annotate(product_count=Count(relation, distinct=True))
        return queryset
