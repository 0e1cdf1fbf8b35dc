from apps.core.routers import router

from .views import LoadSettlementViewSet, SettlementReportViewSet

router.register("load-settlements", LoadSettlementViewSet, basename="load-settlement")
router.register("settlement-reports", SettlementReportViewSet, basename="settlement-report")
