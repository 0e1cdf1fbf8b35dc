from apps.core.routers import router

from .views import PurchaseOrderViewSet

router.register("purchase-orders", PurchaseOrderViewSet, basename="purchase-order")
