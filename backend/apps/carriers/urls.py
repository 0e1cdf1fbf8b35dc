from apps.core.routers import router

from .views import CarrierViewSet

router.register("carriers", CarrierViewSet, basename="carrier")
