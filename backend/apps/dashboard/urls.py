from apps.core.routers import router

from .views import DashboardViewSet

router.register("dashboard", DashboardViewSet, basename="dashboard")
