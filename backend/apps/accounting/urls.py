from apps.core.routers import router

from .views import AccountMappingViewSet, ExportBatchViewSet, JournalEntryViewSet

router.register("journal-entries", JournalEntryViewSet, basename="journal-entry")
router.register("account-mappings", AccountMappingViewSet, basename="account-mapping")
router.register("journal-exports", ExportBatchViewSet, basename="journal-export")
