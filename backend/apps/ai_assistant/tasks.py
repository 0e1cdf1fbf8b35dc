"""Celery task: process one uploaded document under its tenant (eager when no broker is configured)."""

from celery import shared_task


@shared_task(name="ai_assistant.process_document", acks_late=True)
def process_document_task(document_id: int, tenant_id: int) -> None:
    from .services import process_document

    process_document(document_id, tenant_id)
