"""CSV import and export jobs (`CsvJob`): created by `POST /api/v1/csv-jobs/` (or by `POST <resource>/import/`
for a large file), run by the Celery task `core.run_csv_job` — in the worker when a broker is configured,
in the request otherwise (CELERY_TASK_ALWAYS_EAGER) — polled at `GET /api/v1/csv-jobs/{id}/` (status, rows
done / total) and downloaded at `GET /api/v1/csv-jobs/{id}/download/` (the export, or the import's report).

The import and export themselves are apps.core.csv_io's, with the resource's own viewset, serializer and
filters, rebuilt in the worker for the job's user and tenant. Progress goes through the cache (the job's row
is written in the job's transaction, which a poller would not see before the end)."""

from __future__ import annotations

import csv
import io
import logging
import tempfile
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, HttpRequest, QueryDict
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from apps.tenants.models import Role, TenantUser, role_at_least

from . import csv_io, replica
from .models import CsvJob
from .views import TenantReadOnlyModelViewSet

logger = logging.getLogger(__name__)

REPORT_ERRORS_KEPT = 1_000
PROGRESS_TTL = 24 * 3600


def progress_key(job_id: int) -> str:
    return f"csv-job:{job_id}:progress"


def resource_viewsets() -> dict[str, type]:
    """Router basename -> viewset, for every resource with CSV import or export. Each app's urls.py registers
    its viewsets: a Celery worker never serves a request, so the URLconf is loaded here first."""
    from django.urls import get_resolver

    from .routers import router

    get_resolver().url_patterns  # noqa: B018 - imports ROOT_URLCONF (and every app's registrations) once

    return {
        basename: viewset
        for _prefix, viewset, basename in router.registry
        if issubclass(viewset, csv_io.CsvImportExportMixin)
    }


def required_role(resource: str, kind: str) -> str | None:
    from .role_policy import POLICY

    return POLICY.get(resource, {}).get(kind)


class CsvJobSerializer(serializers.ModelSerializer):
    phase = serializers.SerializerMethodField(help_text="validating or writing while an import runs; else empty.")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CsvJob
        fields = [
            "id",
            "kind",
            "resource",
            "status",
            "dry_run",
            "query",
            "total_rows",
            "rows_done",
            "phase",
            "report",
            "error",
            "download_url",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def _live(self, job) -> dict:
        if job.status != CsvJob.Status.RUNNING:
            return {}
        return cache.get(progress_key(job.pk)) or {}

    def to_representation(self, job):
        data = super().to_representation(job)
        data["query"] = {key: value for key, value in (job.query or {}).items() if not key.startswith("_")}
        live = self._live(job)
        if live:
            data["rows_done"] = max(data["rows_done"], live.get("done", 0))
            data["total_rows"] = live.get("total", data["total_rows"])
        return data

    def get_phase(self, job) -> str:
        return self._live(job).get("phase", "")

    def get_download_url(self, job) -> str | None:
        if job.status != CsvJob.Status.DONE or not job.result:
            return None
        return f"/api/v1/csv-jobs/{job.pk}/download/"


class CsvJobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CsvJob.Kind.choices)
    resource = serializers.CharField(help_text="The resource, e.g. supplier.")
    dry_run = serializers.BooleanField(required=False, default=False, help_text="Import: validate only.")
    query = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Export: the list filters, as in the list's query string.",
    )
    file = serializers.FileField(required=False, help_text="Import: the CSV file.")

    def validate(self, attrs):
        viewset = resource_viewsets().get(attrs["resource"])
        if viewset is None:
            raise ValidationError({"resource": ["No such resource with CSV import or export."]})
        if attrs["kind"] == CsvJob.Kind.IMPORT:
            if not viewset.csv_import_key:
                raise ValidationError({"resource": ["This resource cannot be imported from CSV."]})
            if attrs.get("file") is None:
                raise ValidationError({"file": ["Attach the CSV file in the 'file' field."]})
        if len(attrs.get("query") or {}) > 50:
            raise ValidationError({"query": ["At most 50 filters."]})
        return attrs


def start_job(request, *, kind: str, resource: str, dry_run=False, text=None, rows=0, query=None) -> CsvJob:
    """Create the job and run it: now (no broker) or in the worker once the request's transaction commits."""
    tenant = request.tenant
    job = CsvJob(
        tenant=tenant,
        created_by=request.user,
        kind=kind,
        resource=resource,
        dry_run=dry_run,
        query={**(query or {}), "_host": request.get_host()},
        total_rows=rows,
    )
    if text is not None:
        name = f"csv-jobs/{tenant.pk}/{uuid.uuid4().hex}.csv"
        job.source = default_storage.save(name, ContentFile(text.encode("utf-8")))
    job.save()
    from .tasks import run_csv_job

    if settings.CELERY_TASK_ALWAYS_EAGER:
        run_csv_job.delay(job.pk, tenant.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: run_csv_job.delay(job.pk, tenant.pk))
    return job


# --- In the worker ---------------------------------------------------------------------------------------


def _view_for(job: CsvJob, action_name: str):
    """The resource's viewset as it would serve the job's user in the job's tenant."""
    membership = TenantUser.objects.select_related("user", "tenant").filter(
        tenant_id=job.tenant_id, user_id=job.created_by_id, is_active=True
    )
    membership = membership.first()
    needed = required_role(job.resource, job.kind)
    if membership is None or needed is None or not role_at_least(membership.role, needed):
        raise PermissionDenied("The job's author may no longer do this in this tenant.")
    http = HttpRequest()
    http.method = "GET"
    query = {key: value for key, value in (job.query or {}).items() if not key.startswith("_")}
    http.GET = QueryDict(mutable=True)
    http.GET.update(query)
    http.META["HTTP_HOST"] = (job.query or {}).get("_host") or "localhost"
    http.META["SERVER_NAME"] = http.META["HTTP_HOST"].split(":")[0]
    http.META["SERVER_PORT"] = "80"
    http.user = membership.user
    http.tenant = membership.tenant
    http.membership = membership
    request = Request(http)
    request.user = membership.user
    request.tenant = membership.tenant
    request.membership = membership
    view = resource_viewsets()[job.resource]()
    view.request, view.args, view.kwargs, view.format_kwarg = request, (), {}, None
    view.action = action_name
    view.basename = job.resource
    view.headers = {}
    return view


def _claim(job_id: int) -> bool:
    job = CsvJob.objects.select_for_update().get(pk=job_id)
    if job.status in (CsvJob.Status.DONE, CsvJob.Status.FAILED):
        return False  # a redelivered task: the job already ran
    job.status, job.started_at = CsvJob.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    return True


def _reporter(job: CsvJob):
    def report(phase: str, done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": total}, PROGRESS_TTL)

    return report


def _store(job: CsvJob, suffix: str, text: str) -> str:
    name = f"csv-jobs/{job.tenant_id}/{job.pk}-{suffix}.csv"
    return default_storage.save(name, ContentFile(text.encode("utf-8")))


def _execute(job_id: int) -> None:
    job = CsvJob.objects.select_for_update().get(pk=job_id)
    if job.kind == CsvJob.Kind.IMPORT:
        view = _view_for(job, "import_csv")
        with default_storage.open(job.source, "rb") as handle:
            text = handle.read().decode("utf-8")
        table = list(csv_io.parse_csv(text))
        report = csv_io.import_table(view, table, dry_run=job.dry_run, progress=_reporter(job))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["row", "field", "error"])
        for error in report["errors"]:
            writer.writerow([error["row"], csv_io.to_cell(error["field"]), csv_io.to_cell(error["error"])])
        job.result = _store(job, "report", buffer.getvalue())
        job.total_rows = report["total_rows"]
        job.rows_done = report["total_rows"]
        kept = report["errors"][:REPORT_ERRORS_KEPT]
        job.report = {**report, "errors": kept, "error_count": len(report["errors"])}
    else:
        view = _view_for(job, "list")
        # The same pieces as a streamed `?format=csv`, into a temporary file: one chunk of rows in memory.
        with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
            with replica.reporting_reads(tenant_id=job.tenant_id, user_id=job.created_by_id):
                total, columns = _export_rows(view, _reporter(job), spool)
            spool.seek(0)
            job.result = default_storage.save(f"csv-jobs/{job.tenant_id}/{job.pk}-export.csv", File(spool))
        job.total_rows = job.rows_done = total
        job.report = {"rows": total, "columns": columns}
    job.status, job.finished_at = CsvJob.Status.DONE, timezone.now()
    job.save()


def _export_rows(view, report, out) -> tuple[int, list[str]]:
    """The export's reads (from the replica when there is one), written to `out` as UTF-8: the row count and
    the columns."""
    queryset = view.filter_queryset(view.get_queryset())
    if not queryset.query.order_by and not queryset.ordered:
        queryset = queryset.order_by("pk")
    else:
        queryset = queryset.order_by(*queryset.query.order_by, "pk")
    total = csv_io.bounded_count(queryset, csv_io.EXPORT_ROW_LIMIT + 1)
    if total > csv_io.EXPORT_ROW_LIMIT:
        raise ValidationError(f"More than {csv_io.EXPORT_ROW_LIMIT:,} rows match; an export takes at most that.")
    for piece in csv_io.export_pieces(view, queryset, progress=lambda done: report("exporting", done, total)):
        out.write(piece.encode("utf-8"))
    return total, view.csv_columns()


def _fail(job_id: int, message: str) -> None:
    CsvJob.objects.filter(pk=job_id).update(
        status=CsvJob.Status.FAILED, error=message[:2000], finished_at=timezone.now(), updated_at=timezone.now()
    )


def run_job(job_id: int, tenant_id: int) -> str:
    """The task body: claim, run in one transaction (the import's rows and the job's result commit together),
    or record the failure in a transaction of its own."""
    from .rls import run_for_tenant

    if not run_for_tenant(tenant_id, _claim, job_id):
        return "skipped"
    try:
        run_for_tenant(tenant_id, _execute, job_id)
    except (ValidationError, PermissionDenied) as exc:
        detail = exc.detail
        run_for_tenant(tenant_id, _fail, job_id, str(detail[0] if isinstance(detail, list) else detail))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - the job says it failed instead of staying "running"
        logger.exception("csv job %s failed", job_id)
        run_for_tenant(tenant_id, _fail, job_id, f"The job failed: {type(exc).__name__}.")
        return "failed"
    finally:
        cache.delete(progress_key(job_id))
    return "done"


# --- API -------------------------------------------------------------------------------------------------


class CsvJobViewSet(TenantReadOnlyModelViewSet):
    """Background CSV imports and exports of this tenant: start one, poll its progress, download the result."""

    queryset = CsvJob.objects.all()
    serializer_class = CsvJobSerializer
    filterset_fields = ["kind", "status", "resource", "dry_run"]
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-id"]
    required_roles = {"GET": Role.READONLY, "HEAD": Role.READONLY, "POST": Role.READONLY}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={"application/json": CsvJobCreateSerializer, "multipart/form-data": CsvJobCreateSerializer},
        responses={201: CsvJobSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Start a job (201; poll it until `status` is done or failed). Import: `kind=import`, `resource`,
        `file` (multipart), `dry_run`. Export: `kind=export`, `resource`, `query` (the list's filters). The caller
        needs the resource's import / export role."""
        payload = CsvJobCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attrs = payload.validated_data
        needed = required_role(attrs["resource"], attrs["kind"])
        if needed is None or not role_at_least(request.membership.role, needed):
            raise PermissionDenied(f"Your role in this tenant does not allow the {attrs['kind']} of this resource.")
        text, rows = None, 0
        if attrs["kind"] == CsvJob.Kind.IMPORT:
            text = csv_io.read_upload(request)
            rows = csv_io.check_row_cap(list(csv_io.parse_csv(text)))
        job = start_job(
            request,
            kind=attrs["kind"],
            resource=attrs["resource"],
            dry_run=attrs["dry_run"],
            text=text,
            rows=rows,
            query=attrs.get("query") or {},
        )
        return Response(self.get_serializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 404: OpenApiResponse(description="No file (yet).")},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def download(self, request, *args, **kwargs):
        """The export's CSV, or the import's report (row, field, error) as CSV, once the job is done."""
        job = self.get_object()
        if job.status != CsvJob.Status.DONE or not job.result:
            raise NotFound("This job has no file (yet).")
        name = f"{job.resource}-{job.kind}-{job.pk}{'-report' if job.kind == CsvJob.Kind.IMPORT else ''}.csv"
        response = FileResponse(default_storage.open(job.result, "rb"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
