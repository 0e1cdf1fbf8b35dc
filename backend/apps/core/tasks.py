"""Celery tasks of the shared foundation: document delivery by e-mail (apps.core.delivery)."""

from celery import shared_task
from django.conf import settings


@shared_task(name="core.deliver_document", bind=True, acks_late=True, max_retries=None)
def deliver_document(self, delivery_id: int, tenant_id: int) -> str:
    """Send one DocumentDelivery; retried with exponential backoff until EMAIL_SEND_MAX_ATTEMPTS.
    Run eagerly (no broker) it makes EMAIL_EAGER_ATTEMPTS attempts in a row, without waiting."""
    from .delivery import attempt_delivery, retry_countdown
    from .rls import run_for_tenant

    if self.request.is_eager:
        for attempt in range(1, settings.EMAIL_EAGER_ATTEMPTS + 1):
            last = attempt >= settings.EMAIL_EAGER_ATTEMPTS
            outcome = run_for_tenant(tenant_id, attempt_delivery, delivery_id, last_attempt=last)
            if outcome != "retry":
                return outcome
        return outcome
    last = self.request.retries + 1 >= settings.EMAIL_SEND_MAX_ATTEMPTS
    outcome = run_for_tenant(tenant_id, attempt_delivery, delivery_id, last_attempt=last)
    if outcome == "retry":
        # The failed attempt is committed on the row before the retry is scheduled.
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return outcome
