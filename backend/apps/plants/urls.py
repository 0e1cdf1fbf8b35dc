from apps.core.routers import router

from .views import PlantViewSet

router.register("plants", PlantViewSet, basename="plant")
