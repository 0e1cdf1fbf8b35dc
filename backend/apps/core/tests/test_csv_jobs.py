"""CSV imports and exports as jobs (apps.core.jobs): create -> poll -> download, eager and through the worker
path; the row cap's 413; imports that do not query per row; bulk writes keep links and history."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import csv_io, jobs
from apps.core.models import CsvJob
from apps.core.testing.factories import TenantFactory, member
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.models import Supplier
from apps.suppliers.tests.factories import SupplierFactory, protein
from apps.tenants.models import Role
from conftest import client_for

JOBS = "/api/v1/csv-jobs/"


def supplier_csv(count: int, *, start: int = 0, extra: str = "") -> str:
    lines = ["code,name,city,state,postal_code,proteins" + (",plants" if extra else "")]
    for n in range(start, start + count):
        lines.append(f"S-{n:06d},Packer {n},Omaha,NE,68102,beef|pork" + (f",{extra}" if extra else ""))
    return "\r\n".join(lines) + "\r\n"


def upload(text: str):
    return SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv")


def start_import(client, text: str, *, dry_run=False):
    return client.post(
        JOBS, {"kind": "import", "resource": "supplier", "dry_run": dry_run, "file": upload(text)}, format="multipart"
    )


@pytest.fixture
def setup(db):
    protein("beef"), protein("pork")
    tenant = TenantFactory()
    return tenant, client_for(member(tenant, Role.MANAGER), tenant)


def test_import_job_create_poll_download(setup):
    tenant, client = setup
    response = start_import(client, supplier_csv(30))
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "done"  # no broker here: the job ran in the request
    polled = client.get(f"{JOBS}{job['id']}/").json()
    assert polled["report"]["committed"] is True
    assert (polled["report"]["created"], polled["rows_done"], polled["total_rows"]) == (30, 30, 30)
    assert Supplier.objects.filter(tenant=tenant).count() == 30
    supplier = Supplier.objects.get(tenant=tenant, code="S-000007")
    assert sorted(supplier.proteins.values_list("code", flat=True)) == ["beef", "pork"]
    assert supplier.history.count() == 1  # history rows are written in bulk too
    report = client.get(polled["download_url"])
    assert report.status_code == 200 and report["Content-Type"].startswith("text/csv")
    assert b"".join(report.streaming_content).decode().splitlines() == ["row,field,error"]


def test_dry_run_job_reports_every_row_and_writes_nothing(setup):
    tenant, client = setup
    text = supplier_csv(5) + "S-000001,Duplicate,Omaha,NE,68102,beef\r\nS-000099,,Omaha,NE,68102,unicorn\r\n"
    job = start_import(client, text, dry_run=True).json()
    assert job["status"] == "done" and job["dry_run"] is True
    errors = job["report"]["errors"]
    assert {(error["row"], error["field"]) for error in errors} >= {(7, "code"), (8, "name"), (8, "proteins")}
    assert job["report"]["committed"] is False
    assert Supplier.objects.filter(tenant=tenant).count() == 0
    body = b"".join(client.get(f"{JOBS}{job['id']}/download/").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == len(errors) and rows[0]["row"] == "7"


def test_a_large_file_sent_to_import_becomes_a_job(setup, monkeypatch):
    tenant, client = setup
    monkeypatch.setattr(csv_io, "IMPORT_SYNC_MAX_ROWS", 10)
    small = client.post("/api/v1/suppliers/import/", {"file": upload(supplier_csv(10))}, format="multipart")
    assert small.status_code == 200 and small.json()["created"] == 10
    large = client.post("/api/v1/suppliers/import/", {"file": upload(supplier_csv(11, start=10))}, format="multipart")
    assert large.status_code == 202, large.content
    assert large.json()["kind"] == "import" and large.json()["status"] == "done"
    assert Supplier.objects.filter(tenant=tenant).count() == 21


@pytest.mark.parametrize("route", ["resource", "jobs"])
def test_over_the_row_cap_is_a_413_and_nothing_is_queued(setup, monkeypatch, route):
    tenant, client = setup
    monkeypatch.setattr(csv_io, "IMPORT_MAX_ROWS", 5)
    text = supplier_csv(6)
    if route == "resource":
        response = client.post("/api/v1/suppliers/import/", {"file": upload(text)}, format="multipart")
    else:
        response = start_import(client, text)
    assert response.status_code == 413
    assert "at most 5 are imported at once" in response.json()["detail"]
    assert not CsvJob.objects.exists() and not Supplier.objects.exists()


def test_export_job_takes_the_list_filters_and_escapes_formulas(setup):
    tenant, client = setup
    SupplierFactory(tenant=tenant, name="=HYPERLINK(evil) Packing", city="Omaha")
    SupplierFactory(tenant=tenant, name="Quiet Packing", city="Lincoln")
    SupplierFactory(tenant=TenantFactory(), name="Other tenant Omaha")
    response = client.post(
        JOBS, {"kind": "export", "resource": "supplier", "query": {"search": "Omaha"}}, format="json"
    )
    assert response.status_code == 201, response.content
    job = response.json()
    assert (job["status"], job["total_rows"]) == ("done", 1)
    body = b"".join(client.get(job["download_url"]).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["name"] for row in rows] == ["'=HYPERLINK(evil) Packing"]


def test_roles_of_the_resource_apply_to_its_jobs(db):
    tenant = TenantFactory()
    readonly = client_for(member(tenant, Role.READONLY), tenant)
    assert start_import(readonly, supplier_csv(1)).status_code == 403  # import needs a manager
    export = readonly.post(JOBS, {"kind": "export", "resource": "supplier"}, format="json")
    assert export.status_code == 201
    unknown = readonly.post(JOBS, {"kind": "export", "resource": "nope"}, format="json")
    assert unknown.status_code == 400 and "resource" in unknown.json()


def test_with_a_broker_the_request_only_queues_and_the_worker_reports_progress(
    setup, settings, django_capture_on_commit_callbacks
):
    tenant, client = setup
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_import(client, supplier_csv(3)).json()
    assert job["status"] == "queued" and len(callbacks) == 1  # sent to the broker once the request commits
    assert not Supplier.objects.exists()
    # While the worker runs, pollers see its progress (the cache; the job row commits at the end).
    CsvJob.objects.filter(pk=job["id"]).update(status="running")
    cache.set(jobs.progress_key(job["id"]), {"phase": "validating", "done": 2, "total": 3})
    running = client.get(f"{JOBS}{job['id']}/").json()
    assert (running["phase"], running["rows_done"], running["total_rows"]) == ("validating", 2, 3)
    CsvJob.objects.filter(pk=job["id"]).update(status="queued")
    assert jobs.run_job(job["id"], tenant.pk) == "done"  # what the worker's task runs
    assert jobs.run_job(job["id"], tenant.pk) == "skipped"  # a redelivered task does not import twice
    done = client.get(f"{JOBS}{job['id']}/").json()
    assert (done["status"], done["report"]["created"]) == ("done", 3)
    assert Supplier.objects.filter(tenant=tenant).count() == 3


def _import_queries(client, text: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/suppliers/import/", {"file": upload(text)}, format="multipart")
    assert response.status_code == 200, response.content[:500]
    selects = sum(1 for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))
    return len(queries), selects


def test_import_queries_do_not_grow_with_the_rows(setup):
    """Linear work: reads are the same for 20 rows and for 400, creates or updates; writes are batched (SQLite
    caps the parameters of one statement, so a batch there is a few dozen rows), never one per row."""
    tenant, client = setup
    plant = PlantFactory(tenant=tenant)
    few, few_selects = _import_queries(client, supplier_csv(20, extra=str(plant.pk)))
    many, many_selects = _import_queries(client, supplier_csv(400, start=1000, extra=str(plant.pk)))
    assert many_selects == few_selects, (few_selects, many_selects)
    assert many - few < 380 / 10, (few, many)
    updated, updated_selects = _import_queries(
        client, supplier_csv(400, start=1000, extra=str(plant.pk)).replace("Packer", "Pack")
    )
    assert updated_selects <= few_selects + 2, (few_selects, updated_selects)
    assert updated - few < 380 / 10, (few, updated)
    supplier = Supplier.objects.get(tenant=tenant, code="S-001005")
    assert supplier.name == "Pack 1005" and list(supplier.plants.all()) == [plant]
    assert supplier.history.count() == 2
