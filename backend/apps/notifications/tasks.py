"""Celery task: push notifications through Expo under their tenant, retried with backoff when Expo is away."""

import logging

from celery import shared_task

log = logging.getLogger(__name__)
MAX_RETRIES = 5


@shared_task(name="notifications.push", bind=True, max_retries=MAX_RETRIES)
def push_notifications_task(self, tenant_id: int, notification_ids: list[int]) -> None:
    from apps.core.rls import run_for_tenant

    from .push import PushUnavailable
    from .services import deliver_push

    try:
        run_for_tenant(tenant_id, deliver_push, notification_ids)
    except PushUnavailable as exc:
        if not self.request.is_eager and self.request.retries < MAX_RETRIES:
            raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
        _record_failure(tenant_id, notification_ids, str(exc))
    except Exception as exc:  # never let a push break the request that committed the change
        log.exception("push of notifications %s failed", notification_ids)
        _record_failure(tenant_id, notification_ids, f"{type(exc).__name__}: {exc}")


def _record_failure(tenant_id: int, notification_ids: list[int], error: str) -> None:
    from apps.core.rls import run_for_tenant

    from .models import Notification, PushStatus

    log.warning("push of notifications %s failed: %s", notification_ids, error)
    run_for_tenant(
        tenant_id,
        lambda: (
            Notification.objects.filter(pk__in=notification_ids)
            .exclude(push_status=PushStatus.SENT)
            .update(push_status=PushStatus.FAILED, push_error=error[:2000])
        ),
    )
