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
