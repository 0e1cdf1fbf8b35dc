from .jobs import CsvJobViewSet
from .routers import router
from .views import ProteinViewSet

router.register("proteins", ProteinViewSet, basename="protein")
router.register("csv-jobs", CsvJobViewSet, basename="csv-job")
