from apps.core.routers import router

from .views import MemberViewSet, TenantViewSet

router.register("tenants", TenantViewSet, basename="tenant")
router.register("members", MemberViewSet, basename="member")
