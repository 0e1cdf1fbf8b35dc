"""Test runs: fast hashing, in-memory e-mail, eager tasks; the database comes from DATABASE_URL."""

import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

if USING_POSTGRES:  # noqa: F405
    # Test data need not survive a crash: skip the WAL flush on every commit (many transactional tests).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# `make mutation` runs the tests once per mutant: a file test database kept between runs (pytest --reuse-db)
# spares each run the migrations. The suite itself always uses the in-memory default.
if os.environ.get("TEST_SQLITE_FILE") and not USING_POSTGRES:  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_FILE"]}  # noqa: F405
