"""Resource cases for the generic API tests: background CSV jobs."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from apps.core.models import CsvJob
from apps.core.testing.cases import ResourceCase, register


def csv_job(tenant) -> CsvJob:
    """A finished export job with its file, as the worker leaves it."""
    name = default_storage.save(f"csv-jobs/{tenant.pk}/case-export.csv", ContentFile(b"code,name\r\n"))
    return CsvJob.objects.create(
        tenant=tenant,
        kind=CsvJob.Kind.EXPORT,
        resource="supplier",
        status=CsvJob.Status.DONE,
        result=name,
        report={"rows": 0, "columns": ["code", "name"]},
        finished_at=timezone.now(),
    )


register(
    ResourceCase(
        basename="csv-job",
        factory=csv_job,
        create_payload=lambda tenant: {"kind": "export", "resource": "supplier", "query": {}},
    ),
)
