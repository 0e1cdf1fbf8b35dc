from .routers import router
from .views import ProteinViewSet

router.register("proteins", ProteinViewSet, basename="protein")
