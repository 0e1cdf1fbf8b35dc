"""Product endpoints: CRUD on the project base viewset."""

from apps.core.views import TenantModelViewSet

from .filters import ProductFilter
from .models import Product
from .serializers import ProductSerializer


class ProductViewSet(TenantModelViewSet):
    queryset = Product.objects.select_related("protein", "supplier").prefetch_related("plants")
    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    search_fields = ["code", "description", "cut", "namp_number", "supplier_item_number", "supplier__name"]
    ordering_fields = [
        "code",
        "description",
        "namp_number",
        "default_price",
        "box_weight_lbs",
        "created_at",
        "updated_at",
    ]
    ordering = ["code"]
    csv_import_key = "code"
