"""Celery beat job: overdue invoices notify their authors once (apps.invoices.services.notify_overdue_invoices)."""

from celery import shared_task


@shared_task(name="invoices.notify_overdue", acks_late=True)
def notify_overdue() -> int:
    from .services import notify_overdue_invoices

    return notify_overdue_invoices()
