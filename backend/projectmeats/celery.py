"""Celery app: a broker when CELERY_BROKER_URL is set, otherwise tasks run eagerly in-process."""

import os

from celery import Celery
from celery.signals import before_task_publish

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projectmeats.settings")

app = Celery("projectmeats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@before_task_publish.connect
def _carry_request_id(headers=None, **_kwargs) -> None:
    """A task queued while a request runs logs that request's id in the worker (apps.core.request_id)."""
    from apps.core.request_id import add_request_id_header

    if headers is not None:
        add_request_id_header(headers)
