"""A worker killed mid-document does not strand it: real Redis, real `celery worker` subprocesses, SIGKILL.

The worker takes the task and stops inside the model call (a local OpenAI-compatible server holds its first
request open), so the document is `processing` when the kill comes.

- The whole worker (main process and pool) killed: nothing acknowledged the message (acks_late), so Redis still
  holds it as unacknowledged; a second worker started afterwards restores it once the visibility timeout
  (shortened to seconds here) has passed, and the document ends `extracted` on its second attempt.
- Only the pool process killed (the OOM killer's usual victim): the worker sees the process lost and, with
  reject_on_worker_lost, puts the message straight back; the same worker's new pool process finishes the document
  (the visibility timeout stays long here, so it cannot be what saved it).

Runs in `make test`; skipped only without redis-server."""

import hashlib
import json
import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def stalled_document(settings, tmp_path, *, visibility_timeout: int):
    """A queued document whose first model call hangs until `release` is set; yields a namespace."""
    first_call = threading.Event()
    release = threading.Event()
    model = FakeOpenAI()

    def reply(body):
        if len(model.requests) == 1:  # the first attempt's call: held open until its process is dead
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
                CELERY_VISIBILITY_TIMEOUT=str(visibility_timeout),
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

            def start_worker(name: str) -> Worker:
                worker = Worker(env, tmp_path / f"worker-{name}.log", name=name)
                workers.append(worker)
                return worker

            def status():
                return read_row(database_url, STATUS_SQL, [document.pk])

            def finished(worker: Worker):
                return wait_for(
                    lambda: (row := status())[0] != DocumentStatus.PROCESSING and row,
                    timeout=40,
                    interval=0.25,
                    what=f"the document to finish\n{worker.output()[-4000:]}",
                )

            yield type(
                "Stalled",
                (),
                {
                    "first_call": first_call,
                    "release": release,
                    "model": model,
                    "start_worker": staticmethod(start_worker),
                    "status": staticmethod(status),
                    "finished": staticmethod(finished),
                },
            )
    finally:
        release.set()
        for worker in workers:
            worker.stop()
        model.stop()


def test_a_worker_killed_mid_document_leaves_it_to_the_next_worker(settings, tmp_path):
    with stalled_document(settings, tmp_path, visibility_timeout=3) as stalled:
        first = stalled.start_worker("first")
        assert stalled.first_call.wait(40), f"the first worker never called the model:\n{first.output()[-4000:]}"
        assert stalled.status()[:2] == (DocumentStatus.PROCESSING, 1)

        first.kill()
        stalled.release.set()
        # Dead and nothing acknowledged: still processing, and nobody is working on it.
        assert stalled.status()[0] == DocumentStatus.PROCESSING

        second = stalled.start_worker("second")
        assert stalled.finished(second) == (DocumentStatus.EXTRACTED, 2, 100, "openai"), second.output()[-4000:]
        assert len(stalled.model.requests) == 2
        assert "process_document" in second.output() and "succeeded" in second.output()


def pool_children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the pool process")
def test_a_pool_process_killed_mid_document_is_requeued_by_its_worker_at_once(settings, tmp_path):
    with stalled_document(settings, tmp_path, visibility_timeout=900) as stalled:
        worker = stalled.start_worker("pool")
        assert stalled.first_call.wait(40), f"the worker never called the model:\n{worker.output()[-4000:]}"
        [child] = pool_children(worker.process.pid)  # --concurrency=1: the one pool process, mid-document
        os.kill(child, signal.SIGKILL)
        stalled.release.set()
        assert stalled.finished(worker) == (DocumentStatus.EXTRACTED, 2, 100, "openai"), worker.output()[-4000:]
        assert "WorkerLostError" in worker.output() or "SIGKILL" in worker.output()
