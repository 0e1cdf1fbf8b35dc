"""The beat sweep: a document left `processing` by a dead worker is processed again; one that is still within the
hard time limit is left alone; one that keeps dying ends `failed` with the reason."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from apps.ai_assistant.models import Document, DocumentStatus
from apps.ai_assistant.tasks import requeue_stuck_documents
from projectmeats.celery import app

from .factories import unique_pdf
from .test_uploads import post

# Transactional, with the ops alias: the sweep reads every tenant's documents through it (another connection on
# PostgreSQL, which would not see a test transaction's rows).
pytestmark = pytest.mark.django_db(transaction=True, databases=list(settings.DATABASES))


def _stranded(client, *, minutes_ago: int, attempts: int = 1) -> Document:
    response = post(client, "invoice.pdf", unique_pdf())
    assert response.status_code == 201, response.content
    Document.objects.filter(pk=response.json()["id"]).update(
        status=DocumentStatus.PROCESSING,
        progress=40,
        attempts=attempts,
        processing_started_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    return Document.objects.get(pk=response.json()["id"])


def test_a_document_stranded_by_a_dead_worker_is_finished_by_the_sweep(client):
    stranded = _stranded(client, minutes_ago=11)
    fresh = _stranded(client, minutes_ago=2)  # its worker may still be on it: not doubled
    assert requeue_stuck_documents.apply().get() == 1
    stranded.refresh_from_db()
    fresh.refresh_from_db()
    assert stranded.status == DocumentStatus.EXTRACTED and stranded.attempts == 2
    assert fresh.status == DocumentStatus.PROCESSING


def test_a_document_that_keeps_dying_fails_with_the_reason(client):
    doomed = _stranded(client, minutes_ago=30, attempts=3)
    assert requeue_stuck_documents.apply().get() == 0
    doomed.refresh_from_db()
    assert doomed.status == DocumentStatus.FAILED and "stopped 3 times" in doomed.failure_reason


def test_the_sweep_is_on_the_beat_schedule_and_tasks_are_acknowledged_late():
    schedule = app.conf.beat_schedule["requeue-stuck-documents"]
    assert schedule["task"] == requeue_stuck_documents.name and schedule["schedule"] <= 600
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    # The stale cutoff exceeds the hard time limit, so a running task is never requeued.
    from apps.ai_assistant.services import STALE_PROCESSING

    assert STALE_PROCESSING.total_seconds() > app.conf.task_time_limit
