"""Bug report endpoints: any member files and reads reports; admins triage, change status and delete."""

from django.db import transaction
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from apps.core.views import TenantModelViewSet
from apps.tenants.models import Role

from . import services
from .filters import BugReportFilter
from .models import BugReport
from .serializers import BugReportSerializer

CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}


class BugReportViewSet(TenantModelViewSet):
    queryset = BugReport.objects.select_related("reporter", "resolved_by")
    serializer_class = BugReportSerializer
    filterset_class = BugReportFilter
    search_fields = ["title", "description", "page_url", "browser", "os"]
    ordering_fields = ["created_at", "updated_at", "severity", "status", "category", "title", "resolved_at"]
    ordering = ["-created_at"]
    csv_import_key = None  # reports are filed one by one by the people who saw the problem
    required_roles = {"POST": Role.READONLY, "PUT": Role.ADMIN, "PATCH": Role.ADMIN, "DELETE": Role.ADMIN}

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.tenant, created_by=self.request.user, reporter=self.request.user)

    def perform_update(self, serializer):
        target = serializer.validated_data.pop("status", None)
        old_screenshot = serializer.instance.screenshot.name
        report = serializer.save()
        if target is not None:
            report = services.change_status(report, target, by=self.request.user)
        serializer.instance = report
        if old_screenshot and old_screenshot != report.screenshot.name:
            _delete_file_after_commit(report.screenshot.storage, old_screenshot)

    def perform_destroy(self, instance):
        screenshot = instance.screenshot.name
        instance.delete()
        if screenshot:
            _delete_file_after_commit(instance.screenshot.storage, screenshot)

    @extend_schema(
        responses={
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY),
            404: OpenApiResponse(description="No such report in this tenant, or it has no screenshot."),
        }
    )
    @action(detail=True, methods=["get"], url_path="screenshot")
    def screenshot(self, request, pk=None):
        """The report's screenshot image (members of the tenant only)."""
        report = self.get_object()
        if not report.screenshot:
            raise Http404("This report has no screenshot.")
        suffix = report.screenshot.name[report.screenshot.name.rfind(".") :].lower()
        return FileResponse(
            report.screenshot.open("rb"), content_type=CONTENT_TYPES.get(suffix, "application/octet-stream")
        )


def _delete_file_after_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))
