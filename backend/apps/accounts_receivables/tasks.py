"""Beat jobs of receivables (apps/accounts_receivables/periodic.py): daily, each tenant that opted in."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="accounts_receivables.overdue_reminders", acks_late=True)
def overdue_reminders() -> dict:
    from apps.core.periodic import run_per_tenant

    from .periodic import overdue_reminders_for

    return run_per_tenant("overdue reminders", overdue_reminders_for, timezone.localdate())


@shared_task(name="accounts_receivables.customer_statements", acks_late=True)
def customer_statements() -> dict:
    from apps.core.periodic import run_per_tenant

    from .periodic import statements_for

    return run_per_tenant("customer statements", statements_for, timezone.localdate())
