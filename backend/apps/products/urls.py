from apps.core.routers import router

from .views import ProductViewSet

router.register("products", ProductViewSet, basename="product")
