from apps.core.routers import router

from .views import SalesOrderViewSet

router.register("sales-orders", SalesOrderViewSet, basename="sales-order")
