"""A large CSV import through the whole queued path, nothing in-process: `POST /api/v1/suppliers/import/` with
more rows than an import answers in the request is a 202 that only queues; a real `celery -A projectmeats worker`
subprocess against a real redis-server (the broker, and the cache the worker's progress goes through) runs it;
polling `GET /api/v1/csv-jobs/{id}/` shows the progress while it runs and the report once it is done; the rows,
their protein links and their history rows exist — or, for a file with one bad row, none of them.

On SQLite the worker opens a file copy of the test database (apps.core.testing.processes); each poll copies
the worker's committed state back, so the API answers from what the worker wrote. Skipped only without
redis-server."""

import csv
import io

import pytest

from apps.core import csv_io
from apps.core.testing.factories import TenantFactory, member
from apps.core.testing.processes import (
    Worker,
    pull_shared_database,
    redis_available,
    redis_server,
    reset_broker_pools,
    shared_database_url,
    wait_for,
    worker_env,
)
from apps.suppliers.models import Supplier
from apps.suppliers.tests.factories import protein
from apps.tenants.models import Role
from conftest import client_for
from projectmeats.celery import app

from .test_csv_jobs import supplier_csv, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_available(), reason="redis-server is not installed"),
]

ROWS = 5_000
JOBS = "/api/v1/csv-jobs/"


@pytest.fixture
def redis(settings, tmp_path):
    """One redis-server: database 0 the broker, database 1 the cache (this process and the worker's)."""
    with redis_server(tmp_path) as broker_url:
        cache_url = broker_url.removesuffix("/0") + "/1"
        settings.CELERY_BROKER_URL = broker_url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}}
        reset_broker_pools()  # publish to this Redis, not to a pool an earlier test left for its own
        try:
            yield broker_url, cache_url
        finally:
            app.pool.force_close_all()
            reset_broker_pools()


def poll_until_finished(client, database_url: str, job_id: int, worker: Worker) -> tuple[dict, list[dict]]:
    """Poll the job as the web app does; returns the finished job and every answer seen while it ran."""
    running: list[dict] = []

    def finished():
        pull_shared_database(database_url)
        response = client.get(f"{JOBS}{job_id}/")
        assert response.status_code == 200, response.content
        body = response.json()
        if body["status"] == "running":
            running.append(body)
        return body["status"] in ("done", "failed") and body

    job = wait_for(finished, timeout=180, interval=0.05, what=f"the job to finish\n{worker.output()[-4000:]}")
    return job, running


def test_a_large_import_is_queued_run_by_a_real_worker_and_polled_to_its_report(redis, settings, tmp_path):
    broker_url, cache_url = redis
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded file and the report: shared with the worker
    protein("beef"), protein("pork")
    tenant = TenantFactory()
    manager = member(tenant, Role.MANAGER)
    client = client_for(manager, tenant)
    assert ROWS > csv_io.IMPORT_SYNC_MAX_ROWS

    # A file with one bad row (no name on row 4,001: the header is row 1) and a good one, queued before the
    # worker exists: the requests answer 202 at once and write no supplier.
    bad_text = supplier_csv(ROWS).replace("S-003999,Packer 3999,", "S-003999,,")
    bad = client.post("/api/v1/suppliers/import/", {"file": upload(bad_text)}, format="multipart")
    good = client.post("/api/v1/suppliers/import/", {"file": upload(supplier_csv(ROWS))}, format="multipart")
    for response in (bad, good):
        assert response.status_code == 202, response.content[:500]
        assert (response.json()["status"], response.json()["total_rows"]) == ("queued", ROWS)
    assert not Supplier.objects.filter(tenant=tenant).exists()

    database_url = shared_database_url(tmp_path)
    worker = Worker(
        worker_env(
            DATABASE_URL=database_url,
            CELERY_BROKER_URL=broker_url,
            REDIS_URL=cache_url,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
        ),
        tmp_path / "worker.log",
        name="csv",
    )
    try:
        failed, _ = poll_until_finished(client, database_url, bad.json()["id"], worker)
        job, running = poll_until_finished(client, database_url, good.json()["id"], worker)
    finally:
        worker.stop()
    log = worker.output()
    assert "core.run_csv_job" in log and "succeeded" in log, log[-4000:]

    # The bad file: finished, every error reported with its row and field, nothing written.
    assert failed["status"] == "done", failed
    assert failed["report"]["committed"] is False
    assert failed["report"]["errors"] == [{"row": 4001, "field": "name", "error": "This field is required."}]

    # The good one: progress was visible while the worker ran (phase, rows done of the total), never backwards
    # (rows are counted per phase: validated, then written).
    assert running, f"the job was never seen running\n{log[-4000:]}"
    live = [body for body in running if body["phase"]]
    assert live, running
    assert all(body["total_rows"] == ROWS and 0 <= body["rows_done"] <= ROWS for body in live), live
    steps = [(["validating", "writing"].index(body["phase"]), body["rows_done"]) for body in live]
    assert steps == sorted(steps), steps
    assert any(0 < count < ROWS for _phase, count in steps), steps  # seen part-way, not only at the ends
    assert job["status"] == "done" and job["error"] == "", job
    assert (job["rows_done"], job["total_rows"], job["phase"]) == (ROWS, ROWS, "")
    report = job["report"]
    assert (report["committed"], report["created"], report["updated"], report["errors"]) == (True, ROWS, 0, [])

    # The rows, their links and their history, as the worker wrote them; the report file it stored.
    suppliers = Supplier.objects.filter(tenant=tenant)
    assert suppliers.count() == ROWS
    assert sorted(suppliers.values_list("code", flat=True))[::1000] == [f"S-{n:06d}" for n in range(0, ROWS, 1000)]
    last = suppliers.get(code=f"S-{ROWS - 1:06d}")
    assert (last.name, last.city, last.created_by_id) == (f"Packer {ROWS - 1}", "Omaha", manager.pk)
    assert sorted(last.proteins.values_list("code", flat=True)) == ["beef", "pork"]
    assert [(h.history_type, h.history_user_id) for h in last.history.all()] == [("+", manager.pk)]
    assert Supplier.history.model.objects.filter(tenant=tenant).count() == ROWS
    download = client.get(job["download_url"])
    assert download.status_code == 200
    body = b"".join(download.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body))) == [["row", "field", "error"]]
