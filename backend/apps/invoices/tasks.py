"""Beat job of invoices (apps/invoices/periodic.py): overdue invoices notify their authors once."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="invoices.notify_overdue", acks_late=True)
def notify_overdue() -> dict:
    from apps.core.periodic import run_per_tenant

    from .periodic import overdue_notifications_for

    return run_per_tenant("overdue invoice notifications", overdue_notifications_for, timezone.localdate())
