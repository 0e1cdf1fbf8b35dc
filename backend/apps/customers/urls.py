from apps.core.routers import router

from .views import CustomerViewSet, ShipToLocationViewSet

router.register("customers", CustomerViewSet, basename="customer")
router.register("ship-to-locations", ShipToLocationViewSet, basename="ship-to-location")
