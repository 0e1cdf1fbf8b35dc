"""Celery tasks of the shared foundation: document delivery and plain e-mail (apps.core.delivery), CSV jobs."""

from celery import shared_task
from django.conf import settings


@shared_task(name="core.deliver_document", bind=True, acks_late=True, max_retries=None)
def deliver_document(self, delivery_id: int, tenant_id: int, secrets: dict | None = None) -> str:
    """Send one DocumentDelivery; retried with exponential backoff until EMAIL_SEND_MAX_ATTEMPTS.
    Run eagerly (no broker) it makes EMAIL_EAGER_ATTEMPTS attempts in a row, without waiting."""
    from .delivery import attempt_delivery, retry_countdown
    from .rls import run_for_tenant

    if self.request.is_eager:
        for attempt in range(1, settings.EMAIL_EAGER_ATTEMPTS + 1):
            last = attempt >= settings.EMAIL_EAGER_ATTEMPTS
            outcome = run_for_tenant(tenant_id, attempt_delivery, delivery_id, last_attempt=last, secrets=secrets)
            if outcome != "retry":
                return outcome
        return outcome
    last = self.request.retries + 1 >= settings.EMAIL_SEND_MAX_ATTEMPTS
    outcome = run_for_tenant(tenant_id, attempt_delivery, delivery_id, last_attempt=last, secrets=secrets)
    if outcome == "retry":
        # The failed attempt is committed on the row before the retry is scheduled.
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return outcome


@shared_task(name="core.send_email", bind=True, acks_late=True, max_retries=None)
def send_email(self, to: list[str], subject: str, body: str) -> str:
    """A plain e-mail that belongs to no tenant (apps.core.delivery.send_email), with the deliveries' retries."""
    from .delivery import attempt_email, retry_countdown

    if self.request.is_eager:
        outcome = "retry"
        for attempt in range(1, settings.EMAIL_EAGER_ATTEMPTS + 1):
            outcome = attempt_email(to, subject, body, last_attempt=attempt >= settings.EMAIL_EAGER_ATTEMPTS)
            if outcome != "retry":
                return outcome
        return outcome
    last = self.request.retries + 1 >= settings.EMAIL_SEND_MAX_ATTEMPTS
    outcome = attempt_email(to, subject, body, last_attempt=last)
    if outcome == "retry":
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return outcome


@shared_task(name="core.run_csv_job", acks_late=True)
def run_csv_job(job_id: int, tenant_id: int) -> str:
    """One CSV import or export job; a redelivered job that already finished is skipped."""
    from .jobs import run_job

    return run_job(job_id, tenant_id)
