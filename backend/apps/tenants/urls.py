from apps.core.routers import router

from .views import InvitationViewSet, MemberViewSet, TenantViewSet

router.register("tenants", TenantViewSet, basename="tenant")
router.register("members", MemberViewSet, basename="member")
router.register("invitations", InvitationViewSet, basename="invitation")
