"""Backup and restore (config/backup.sh, the script behind `make backup` / `make restore`): a dump of a seeded
tenant restored into a fresh database has the same rows, the same sums and the same row-level security."""

import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from apps.core.rls import POLICY_NAME, tenant_models

REPO = Path(__file__).resolve().parents[4]
BACKUP_SCRIPT = REPO / "config" / "backup.sh"
NUMERIC_TYPES = ("smallint", "integer", "bigint", "numeric", "real", "double precision")

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL (set DATABASE_URL=postgres://...)"
)


def url_for(database: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{database}"


def table_fingerprint(url: str) -> dict[str, tuple]:
    """Per table: row count and the sum of every numeric column (as the superuser: RLS does not hide rows)."""
    fingerprint = {}
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        for table in tables:
            columns = [
                name
                for (name,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = %s AND data_type = ANY(%s) ORDER BY column_name",
                    [table, list(NUMERIC_TYPES)],
                ).fetchall()
            ]
            sums = "".join(f', SUM("{column}")' for column in columns)
            fingerprint[table] = tuple(conn.execute(f'SELECT COUNT(*){sums} FROM "{table}"').fetchone())
    return fingerprint


def row_security(url: str) -> dict[str, tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, p.qual, p.with_check "
            "FROM pg_class c LEFT JOIN pg_policies p ON p.tablename = c.relname AND p.policyname = %s "
            "WHERE c.relname = ANY(%s)",
            [POLICY_NAME, [model._meta.db_table for model in tenant_models()]],
        ).fetchall()
    return {name: tuple(rest) for name, *rest in rows}


def run_script(*args: str, env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_")}
    env.update(env_overrides)
    return subprocess.run(
        ["bash", str(BACKUP_SCRIPT), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_sum_and_policy_into_a_fresh_database(tmp_path):
    call_command("seed_demo", verbosity=0)
    source_db = connection.settings_dict["NAME"]
    restored_db = f"{source_db}_restored_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "backup.dump"
    env = {
        "DATABASE_URL": url_for(source_db),
        "DATABASE_OPS_ROLE": settings.DATABASE_OPS_ROLE,
        "DATABASE_APP_ROLE": settings.DATABASE_APP_ROLE,
    }
    try:
        backup = run_script("backup", str(dump), env_overrides=env)
        assert backup.returncode == 0, backup.stderr
        assert dump.stat().st_size > 0

        restore = run_script("restore", str(dump), restored_db, env_overrides=env)
        assert restore.returncode == 0, restore.stderr

        source, restored = table_fingerprint(url_for(source_db)), table_fingerprint(url_for(restored_db))
        assert source["tenants_tenantuser"][0] >= 5, "the demo tenant was not seeded"
        assert restored == source

        policies = row_security(url_for(restored_db))
        assert policies == row_security(url_for(source_db))
        assert set(policies) == {model._meta.db_table for model in tenant_models()}
        for table, (enabled, forced, using, with_check) in policies.items():
            assert enabled and forced, f"{table}: row-level security not enabled and forced after restore"
            assert "app.tenant_id" in using and "app.tenant_id" in with_check, f"{table}: policy missing"

        again = run_script("restore", str(dump), restored_db, env_overrides=env)
        assert again.returncode != 0 and "already exists" in again.stderr
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')


def test_backup_refuses_sqlite_with_a_clear_message(tmp_path):
    result = run_script("backup", str(tmp_path / "x.dump"), env_overrides={"DATABASE_URL": "sqlite:///db.sqlite3"})
    assert result.returncode != 0
    assert "backups need PostgreSQL" in result.stderr
