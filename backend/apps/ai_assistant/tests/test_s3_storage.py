"""Uploads on S3-compatible object storage (moto's server mode on 127.0.0.1, the real S3 HTTP API): the API writes
the file to the bucket and nothing to the local disk; a Celery worker in another process, with no media folder at
all, reads it back through the storage API and processes it."""

import base64
import json

import pytest

from apps.ai_assistant.models import Document, DocumentStatus
from apps.core.testing import s3
from apps.core.testing.processes import (
    Worker,
    read_row,
    redis_available,
    redis_server,
    reset_broker_pools,
    shared_database_url,
    wait_for,
)
from apps.core.testing.processes import worker_env as base_worker_env
from apps.tenants.models import Role
from conftest import client_for
from projectmeats.celery import app
from projectmeats.settings.base import s3_storage

from .factories import unique_pdf

URL = "/api/v1/ai-assistant/documents/"


@pytest.fixture
def bucket(settings):
    with s3.s3_server() as environ:
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage(environ)}
        yield environ


def upload(client, data: bytes):
    payload = {"file_name": "po.pdf", "content_base64": base64.b64encode(data).decode()}
    return client.post(URL, payload, format="json")


@pytest.mark.django_db
def test_an_upload_lands_in_the_bucket_and_is_read_back_through_storage(
    client, world, bucket, settings, django_capture_on_commit_callbacks
):
    data = unique_pdf()
    response = upload(client, data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == DocumentStatus.EXTRACTED, body["failure_reason"]  # read back from the bucket
    document = Document.objects.get(pk=body["id"])
    key = f"media/{document.file.name}"
    assert s3.keys(bucket) == [key]
    stored = s3.client(bucket).get_object(Bucket=bucket["AWS_STORAGE_BUCKET_NAME"], Key=key)["Body"].read()
    assert stored == data
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    # The bucket is private: the file is served by the API (tenant-checked), streamed from the bucket.
    file_url = client.get(f"{URL}{document.pk}/").json()["file_url"]
    served = client.get(file_url)
    assert served.status_code == 200
    assert (b"".join(served.streaming_content) if served.streaming else served.content) == data

    tenant, users = world
    with django_capture_on_commit_callbacks(execute=True):  # the object goes once the row's deletion commits
        assert client_for(users[Role.ADMIN], tenant).delete(f"{URL}{document.pk}/").status_code == 204
    assert s3.keys(bucket) == []


@pytest.fixture
def broker_for_this_process(settings, tmp_path):
    """The API's own queueing path (on_commit -> delay) against a real Redis, not eager."""
    with redis_server(tmp_path) as url:
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        reset_broker_pools()  # publish to this Redis, not to a pool an earlier test left for its own
        try:
            yield url
        finally:
            app.pool.force_close_all()
            # The connection and producer pools are cached per app; the next test's broker is another one (an
            # eager test still takes a producer from them).
            reset_broker_pools()


@pytest.mark.skipif(not redis_available(), reason="redis-server is not installed")
@pytest.mark.django_db(transaction=True)
def test_a_worker_without_any_media_folder_processes_an_upload_from_the_bucket(
    client, bucket, broker_for_this_process, tmp_path
):
    response = upload(client, unique_pdf())
    assert response.status_code == 201, response.content
    assert response.json()["status"] == DocumentStatus.UPLOADED  # queued for the worker, not run in the request
    pk = response.json()["id"]
    database_url = shared_database_url(tmp_path)
    no_media = tmp_path / "worker-has-no-media-folder"
    worker = Worker(
        base_worker_env(
            DATABASE_URL=database_url,
            CELERY_BROKER_URL=broker_for_this_process,
            MEDIA_ROOT=str(no_media),
            LOG_FORMAT="json",
            **bucket,
        ),
        tmp_path / "worker.log",
        name="s3",
    )
    try:
        row = wait_for(
            lambda: (
                (
                    r := read_row(
                        database_url, "SELECT status, failure_reason FROM ai_assistant_document WHERE id = ?", [pk]
                    )
                )[0]
                not in (DocumentStatus.UPLOADED, DocumentStatus.PROCESSING)
                and r
            ),
            timeout=40,
            interval=0.25,
            what="the worker to process the upload",
        )
    finally:
        worker.stop()
    assert row == (DocumentStatus.EXTRACTED, ""), worker.output()[-4000:]
    assert not no_media.exists()  # the worker read the bucket, never a local path
    # The worker's JSON log line names the task, the tenant and the upload request that queued it.
    lines = [json.loads(line) for line in worker.output().splitlines() if line.startswith("{")]
    [done] = [line for line in lines if line["message"].startswith(f"document {pk} extracted")]
    assert done["task_name"] == "ai_assistant.process_document" and done["task_id"] != "-"
    assert done["tenant_id"] == str(Document.objects.get(pk=pk).tenant_id)
    assert done["request_id"] == response["X-Request-ID"]
