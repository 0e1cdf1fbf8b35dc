from apps.core.routers import router

from .views import BugReportViewSet

router.register("bug-reports", BugReportViewSet, basename="bug-report")
