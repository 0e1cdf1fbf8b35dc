"""Celery app: a broker when CELERY_BROKER_URL is set, otherwise tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projectmeats.settings")

app = Celery("projectmeats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
