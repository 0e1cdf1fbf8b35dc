"""Beat job of carriers (apps/carriers/periodic.py): daily insurance expiry warnings."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="carriers.insurance_warnings", acks_late=True)
def insurance_warnings() -> dict:
    from apps.core.periodic import run_per_tenant

    from .periodic import insurance_warnings_for

    return run_per_tenant("carrier insurance warnings", insurance_warnings_for, timezone.localdate())
