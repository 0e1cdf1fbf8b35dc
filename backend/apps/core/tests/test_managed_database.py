"""Managed-database deploys: the owner is NOSUPERUSER CREATEROLE (like a hosted PostgreSQL's admin user).
As such an owner, on a fresh database it owns: migrate, setup_db_roles (twice: create, then update), check_rls,
and the row-level-security tests themselves (apps/core/tests/test_rls.py) in a subprocess."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are a PostgreSQL feature; run with DATABASE_URL"
)
BACKEND = Path(__file__).resolve().parents[3]


def _admin(sql: str) -> None:
    """Cluster-level statements as the suite's own (superuser) connection, outside any transaction."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params.pop("options", None)
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture
def managed_owner():
    suffix = uuid.uuid4().hex[:8]
    owner, app, ops = f"pm_ops_owner_{suffix}", f"pm_ops_app_{suffix}", f"pm_ops_ops_{suffix}"
    database = f"pm_ops_managed_{suffix}"
    _admin(f"CREATE ROLE {owner} LOGIN NOSUPERUSER CREATEROLE CREATEDB NOBYPASSRLS")
    # pytest-django reuses test_<name> with --reuse-db: the RLS tests run on the database migrated here.
    _admin(f"CREATE DATABASE test_{database} OWNER {owner}")
    settings = connection.settings_dict
    url = f"postgres://{owner}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{database}"
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": url,
        "DATABASE_APP_ROLE": app,
        "DATABASE_OPS_ROLE": ops,
        "DATABASE_APP_PASSWORD": "",
        "DATABASE_OPS_PASSWORD": "",
    }
    env.pop("DATABASE_OPS_URL", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    yield {"owner": owner, "app": app, "ops": ops, "database": f"test_{database}", "env": env, "url": url}
    _admin(f"DROP DATABASE IF EXISTS test_{database} WITH (FORCE)")
    for role in (app, ops, owner):
        _admin(f"DROP ROLE IF EXISTS {role}")


def _manage(env, *args) -> subprocess.CompletedProcess:
    run_env = {
        **env,
        "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/test_" + env["DATABASE_URL"].rsplit("/", 1)[1],
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BACKEND, env=run_env, capture_output=True, text=True, timeout=600
    )


def test_a_createrole_owner_sets_up_roles_migrates_and_passes_the_rls_checks(managed_owner):
    env = managed_owner["env"]
    migrated = _manage(env, "migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    first = _manage(env, "setup_db_roles")
    assert first.returncode == 0, first.stderr[-3000:]
    assert f"created role {managed_owner['app']}" in first.stdout
    assert f"cannot set BYPASSRLS on {managed_owner['ops']}" in first.stdout  # said, not sent
    # The suite's RLS tests as this owner, on the database just migrated (pytest-django reuses test_<name>); its
    # conftest runs setup_db_roles again (the update path: nothing the owner may not set is sent) and
    # test_check_rls_passes runs check_rls.
    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "apps/core/tests/test_rls.py",
            "-q",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "--reuse-db",
            "-rA",
        ],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert "PASSED apps/core/tests/test_rls.py::test_check_rls_passes" in tests.stdout
    assert "SKIPPED" not in tests.stdout and "FAILED" not in tests.stdout
