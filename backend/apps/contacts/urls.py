from apps.core.routers import router

from .views import ContactViewSet

router.register("contacts", ContactViewSet, basename="contact")
