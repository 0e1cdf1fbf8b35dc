"""Resource cases for the generic API tests: background CSV jobs."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from apps.core.models import CsvJob, SavedFilter
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


def saved_filter(tenant) -> SavedFilter:
    """A private filter of the tenant's newest member: the generic tests call as the member they just added."""
    from apps.tenants.models import TenantUser

    newest = TenantUser.objects.filter(tenant=tenant).order_by("-id").first()
    count = SavedFilter.objects.filter(tenant=tenant).count()
    return SavedFilter.objects.create(
        tenant=tenant,
        created_by=newest.user if newest else None,
        name=f"Overdue {count + 1}",
        resource="invoice",
        query={"overdue": "true", "status": ["issued", "partially_paid"]},
    )


register(
    ResourceCase(
        basename="saved-filter",
        factory=saved_filter,
        create_payload=lambda tenant: {
            "name": f"Open in USD {SavedFilter.objects.count()}",
            "resource": "invoice",
            "query": {"is_open": "true", "currency": "USD"},
            "shared": True,
        },
        update_payload=lambda row: {"name": f"{row.name} (renamed)", "query": {"overdue": "true"}},
        search_term=lambda row: row.name,
    ),
)
