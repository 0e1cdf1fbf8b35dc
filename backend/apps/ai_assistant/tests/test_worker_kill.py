"""A worker killed mid-document does not strand it: real Redis, real `celery worker` subprocesses, SIGKILL.

The first worker takes the task and stops inside the model call (a local OpenAI-compatible server holds its
first request open), so the document is `processing` when the worker and its pool are killed. Nothing
acknowledged the message (acks_late), so Redis still holds it as unacknowledged; a second worker started
afterwards restores it once the visibility timeout (shortened to seconds here) has passed, processes the
document again and it ends `extracted` on its second attempt. Runs in `make test`; skipped only without
redis-server."""

import hashlib
import json
import threading

import pytest
from celery import Celery

from apps.ai_assistant.models import DocumentStatus
from apps.core.testing.factories import TenantFactory
from apps.core.testing.processes import (
    Worker,
    read_row,
    redis_available,
    redis_server,
    shared_database_url,
    wait_for,
    worker_env,
)

from .conftest import FakeOpenAI, completion
from .factories import DocumentFactory, unique_pdf
from .test_openai_provider import model_extraction

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_available(), reason="redis-server is not installed"),
]

STATUS_SQL = "SELECT status, attempts, progress, provider FROM ai_assistant_document WHERE id = ?"


def test_a_worker_killed_mid_document_leaves_it_to_the_next_worker(settings, tmp_path):
    first_call = threading.Event()
    release = threading.Event()
    model = FakeOpenAI()

    def reply(body):
        if len(model.requests) == 1:  # the first worker's call: held open until that worker is dead
            first_call.set()
            release.wait(60)
        return completion(json.dumps(model_extraction()))

    model.script = [reply]
    model.start()

    tenant = TenantFactory(name="Summit Protein Brokers LLC", settings={"ai_provider": "openai"})
    pdf = unique_pdf()
    document = DocumentFactory(
        tenant=tenant,
        status=DocumentStatus.UPLOADED,
        progress=0,
        file__data=pdf,
        file__filename="po.pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        document_type="",
    )
    database_url = shared_database_url(tmp_path)
    workers = []
    try:
        with redis_server(tmp_path) as broker_url:
            env = worker_env(
                DATABASE_URL=database_url,
                CELERY_BROKER_URL=broker_url,
                CELERY_VISIBILITY_TIMEOUT="3",
                CELERY_RESTORE_INTERVAL="1",
                MEDIA_ROOT=str(settings.MEDIA_ROOT),
                OPENAI_API_KEY="sk-local-test",
                OPENAI_BASE_URL=model.base_url,
                OPENAI_MODEL="local-test-model",
                OPENAI_TIMEOUT="90",
                OPENAI_MAX_RETRIES="0",
            )
            producer = Celery("producer", broker=broker_url, set_as_current=False)
            producer.send_task("ai_assistant.process_document", args=[document.pk, tenant.pk])

            first = Worker(env, tmp_path / "worker-1.log", name="first")
            workers.append(first)
            assert first_call.wait(40), f"the first worker never called the model:\n{first.output()[-4000:]}"
            status, attempts, _progress, _provider = read_row(database_url, STATUS_SQL, [document.pk])
            assert (status, attempts) == (DocumentStatus.PROCESSING, 1)

            first.kill()
            release.set()
            # Dead and nothing acknowledged: still processing, and nobody is working on it.
            assert read_row(database_url, STATUS_SQL, [document.pk])[0] == DocumentStatus.PROCESSING

            second = Worker(env, tmp_path / "worker-2.log", name="second")
            workers.append(second)
            row = wait_for(
                lambda: (r := read_row(database_url, STATUS_SQL, [document.pk]))[0] != DocumentStatus.PROCESSING and r,
                timeout=40,
                interval=0.25,
                what=f"the second worker to finish the document\n{second.output()[-4000:]}",
            )
            assert row == (DocumentStatus.EXTRACTED, 2, 100, "openai"), second.output()[-4000:]
            assert len(model.requests) == 2
            assert "process_document" in second.output() and "succeeded" in second.output()
    finally:
        release.set()
        for worker in workers:
            worker.stop()
        model.stop()
