from apps.core.routers import router

from .views import NotificationViewSet, PushDeviceViewSet

router.register("notifications", NotificationViewSet, basename="notification")
router.register("push-devices", PushDeviceViewSet, basename="push-device")
