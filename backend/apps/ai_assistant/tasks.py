"""Celery task: process one uploaded document under its tenant (eager when no broker is configured)."""

from celery import shared_task
from celery.signals import worker_process_init


@worker_process_init.connect
def _load_ocr_models(**_kwargs) -> None:
    """Each worker process loads the OCR models once, before its first document, not per page."""
    from .text_layer import warm_up

    warm_up()


@shared_task(name="ai_assistant.process_document", acks_late=True)
def process_document_task(document_id: int, tenant_id: int) -> None:
    from .services import process_document

    process_document(document_id, tenant_id)


@shared_task(name="ai_assistant.requeue_stuck_documents", acks_late=True)
def requeue_stuck_documents() -> int:
    """Beat job (every 5 minutes): documents whose worker died stay `processing` (or `uploaded` when the task was
    lost before a worker took it). Requeue those older than STALE_PROCESSING (longer than the hard time limit,
    so a task still running is never doubled); after MAX_SWEEP_ATTEMPTS the document fails with the reason."""
    from .services import requeue_stuck_documents as sweep

    return sweep()
