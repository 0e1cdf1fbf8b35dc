from apps.core.routers import router

from .views import ClaimViewSet

router.register("claims", ClaimViewSet, basename="claim")
