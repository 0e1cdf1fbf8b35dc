from apps.core.routers import router

from .views import ColdStorageEntryViewSet, LoadViewSet

router.register("loads", LoadViewSet, basename="load")
router.register("cold-storage-entries", ColdStorageEntryViewSet, basename="cold-storage-entry")
