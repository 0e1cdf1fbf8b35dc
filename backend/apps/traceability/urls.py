from apps.core.routers import router

from .views import RecallViewSet

router.register("recall", RecallViewSet, basename="recall")
