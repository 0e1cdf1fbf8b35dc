from .jobs import CsvJobViewSet
from .routers import router
from .saved_filters import SavedFilterViewSet
from .views import ProteinViewSet

router.register("proteins", ProteinViewSet, basename="protein")
router.register("csv-jobs", CsvJobViewSet, basename="csv-job")
router.register("saved-filters", SavedFilterViewSet, basename="saved-filter")
