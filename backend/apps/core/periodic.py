"""Periodic jobs (Celery beat, CELERY_BEAT_SCHEDULE): each runs tenant by tenant, each tenant in its own
transaction under its row-level-security context, so one tenant's failure neither stops nor rolls back the
others. Every e-mail a job sends goes through `apps.core.delivery.send_document_once` with a key naming what it
is about (the invoice and reminder stage, the customer and month, the carrier and expiry date): a job that runs
twice, late, or in two beat processes at once sends nothing twice."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings

logger = logging.getLogger(__name__)


def tenant_setting(tenant, key: str, default=None):
    return (getattr(tenant, "settings", None) or {}).get(key, default)


def active_tenant_ids() -> list[int]:
    """Every active tenant, read through the ops alias (the jobs start outside any tenant)."""
    from apps.tenants.models import Tenant

    return list(
        Tenant.objects.using(settings.OPS_DB_ALIAS).filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )


def run_per_tenant(job: str, func: Callable, *args) -> dict[str, int]:
    """func(tenant, *args) -> number sent, for each active tenant under its context. Returns {"sent", "failed"}
    (tenants whose run raised; logged with the traceback, the other tenants still run)."""
    from apps.tenants.models import Tenant

    from .rls import run_for_tenant

    totals = {"sent": 0, "failed": 0}
    for tenant_id in active_tenant_ids():
        try:
            totals["sent"] += run_for_tenant(tenant_id, lambda tid=tenant_id: func(Tenant.objects.get(pk=tid), *args))
        except Exception:  # noqa: BLE001 - one tenant's bad data must not stop every other tenant's run
            totals["failed"] += 1
            logger.exception("%s failed for tenant %s", job, tenant_id)
    logger.info("%s: %s sent, %s tenant(s) failed", job, totals["sent"], totals["failed"])
    return totals
