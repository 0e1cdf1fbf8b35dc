"""The embedded SQLite default under concurrent writers (WAL, busy timeout, IMMEDIATE transactions) and the
security headers (CSP without inline scripts, Permissions-Policy) on the web app, the API and the admin."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from apps.core.security_headers import CSP


def sqlite_options() -> dict:
    import importlib
    import os

    from projectmeats.settings import base

    saved = os.environ.pop("DATABASE_URL", None)
    try:
        module = importlib.reload(base)
        return dict(module.DATABASES["default"]["OPTIONS"])
    finally:
        if saved is not None:
            os.environ["DATABASE_URL"] = saved
        importlib.reload(base)


def wrapper(path, options) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "NAME": str(path),
            "ENGINE": "django.db.backends.sqlite3",
            "OPTIONS": options,
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )


@pytest.fixture(autouse=True)
def _own_connections(request, django_db_blocker):
    if "django_db" in request.keywords:
        yield
        return
    with django_db_blocker.unblock():  # these tests open their own SQLite files, not the test database
        yield


def test_sqlite_default_uses_wal_and_a_busy_timeout(tmp_path):
    options = sqlite_options()
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10
    conn = wrapper(tmp_path / "dev.sqlite3", options)
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    conn.close()


def test_concurrent_read_then_write_transactions_do_not_fail(tmp_path):
    """Eight threads, each a request-like transaction (transaction.atomic, as ATOMIC_REQUESTS opens) that
    reads and then writes — the pattern that made 'database is locked' 500s with deferred transactions."""
    options = sqlite_options()
    alias = "sqlite_probe"
    connections.settings[alias] = wrapper(tmp_path / "dev.sqlite3", options).settings_dict
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (1, 0)")
        errors = []

        def worker():
            try:
                for _ in range(10):
                    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                        cursor.execute("SELECT value FROM counter WHERE id = 1")
                        value = cursor.fetchone()[0]
                        cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(exc))
            finally:
                connections[alias].close()

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT value FROM counter WHERE id = 1")
            assert cursor.fetchone()[0] == 80  # and no lost increments
    finally:
        connections[alias].close()
        del connections.settings[alias]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/health/", "/admin/login/", "/api/auth/csrf/", "/"])
def test_every_response_has_csp_and_permissions_policy(path):
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_documented_policy_has_no_inline_scripts():
    assert "script-src 'self';" in CSP
    assert settings.MIDDLEWARE.index(
        "apps.core.security_headers.SecurityHeadersMiddleware"
    ) < settings.MIDDLEWARE.index("django.middleware.common.CommonMiddleware")
