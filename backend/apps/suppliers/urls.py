from apps.core.routers import router

from .views import SupplierViewSet

router.register("suppliers", SupplierViewSet, basename="supplier")
