"""Reporting reads from a real streaming replica (apps.core.replica).

The test starts a throwaway PostgreSQL primary and a `pg_basebackup -R -X stream` standby of it on free ports
(apps.core.testing.pg_replica), gives the primary this suite's schema (dumped from the test database, then
`migrate` and `setup_db_roles`, so row-level security is on), and runs replica_scenario.py in a process whose
DATABASE_URL is the primary and DATABASE_REPLICA_URL the standby. What proves the reports came from the standby:
with its replay paused, rows written on the primary are in the ordinary reads and missing from the dashboard,
the AR and AP aging, the statement and the CSV export; after the replay resumes they are in all of them."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from apps.core.testing.pg_replica import PG_BINDIR, binaries_available, binaries_major, primary_and_standby
from apps.core.testing.processes import free_port

NO_POSTGRES = "a streaming replica is a PostgreSQL feature; run with DATABASE_URL=postgres://…"
BACKEND = Path(__file__).resolve().parents[3]
DATABASE = "pm_replica_app"


def _psql(port: int, sql: str, database: str = "postgres") -> None:
    subprocess.run(  # noqa: S603
        [str(PG_BINDIR / "psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(port),
         "-U", "postgres", "-d", database, "-c", sql],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip


def _schema_of_the_test_database() -> bytes:
    """The suite's migrated schema and its migration records (no rows of any test), as SQL."""
    params = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    base = [str(PG_BINDIR / "pg_dump"), "--no-owner", "-h", params["HOST"] or "127.0.0.1",
            "-p", str(params["PORT"] or 5432), "-U", params["USER"] or "postgres", params["NAME"]]  # fmt: skip
    schema = subprocess.run([*base, "--schema-only"], env=env, check=True, capture_output=True, timeout=60)  # noqa: S603
    records = subprocess.run(  # noqa: S603
        [*base, "--data-only", "-t", "django_migrations"], env=env, check=True, capture_output=True, timeout=60
    )
    return schema.stdout + records.stdout


@pytest.fixture
def replicated(db):
    """(primary, standby) with the app database on the primary; both stopped and deleted afterwards."""
    server_major = connection.pg_version // 10000
    if binaries_major() < server_major:
        pytest.skip(f"the binaries in {PG_BINDIR} are older than the test server ({server_major}); set PG_BINDIR")
    with primary_and_standby() as (primary, standby):
        _psql(primary.port, f"CREATE DATABASE {DATABASE}")
        # The role names the schema's grants and policies mention; setup_db_roles gives them their attributes.
        for role in (settings.DATABASE_APP_ROLE, settings.DATABASE_OPS_ROLE):
            _psql(primary.port, f'CREATE ROLE "{role}"')
        subprocess.run(  # noqa: S603
            [str(PG_BINDIR / "psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
             str(primary.port), "-U", "postgres", "-d", DATABASE],
            input=_schema_of_the_test_database(), check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        yield primary, standby


def _settings_with(**env: str) -> subprocess.CompletedProcess:
    """The settings as a fresh process reads them from these variables (printed: aliases, routers, atomic)."""
    code = (
        "from projectmeats import settings as s; "
        "print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []), "
        "s.DATABASES.get('replica', {}).get('ATOMIC_REQUESTS'), s.DATABASES.get('replica', {}).get('PORT'))"
    )
    run_env = {**os.environ, "DJANGO_ENV": "test", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=BACKEND, env=run_env, capture_output=True, text=True, timeout=60
    )


def test_the_replica_alias_and_router_exist_only_when_a_replica_is_configured():
    postgres = "postgres://postgres@127.0.0.1:5432/pm_settings_only"
    with_replica = _settings_with(
        DATABASE_URL=postgres, DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:5499/pm_settings_only"
    )
    assert with_replica.stdout.split() == [
        "['default',", "'ops',", "'replica']", "['apps.core.replica.ReplicaRouter']", "False", "5499"
    ]  # fmt: skip
    without = _settings_with(DATABASE_URL=postgres, DATABASE_REPLICA_URL="")
    assert without.stdout.split() == ["['default',", "'ops']", "[]", "None", "None"]
    sqlite = _settings_with(DATABASE_URL="", DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:5499/x")
    assert sqlite.returncode != 0 and "DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL" in sqlite.stderr


def test_the_router_sends_reads_to_the_replica_only_inside_the_reporting_scope():
    from apps.core import replica
    from apps.customers.models import Customer

    router = replica.ReplicaRouter()
    assert router.db_for_read(Customer) is None  # ordinary reads: the primary
    token = replica._reporting.set(True)  # what reporting_reads() sets once the replica's transaction is open
    try:
        assert router.db_for_read(Customer) == "replica"
        assert router.db_for_write(Customer) is None  # writes: the primary, in the scope too
    finally:
        replica._reporting.reset(token)
    assert router.db_for_read(Customer) is None
    from_replica = Customer()
    from_replica._state.db = "replica"
    assert router.db_for_write(Customer, instance=from_replica) == "default"
    assert router.allow_migrate("replica", "customers") is False
    assert router.allow_migrate("default", "customers") is None


def test_without_a_replica_the_reporting_scope_changes_nothing():
    from apps.core import replica

    assert not replica.replica_configured()
    with replica.reporting_reads(tenant_id=1, user_id=1) as routed:
        assert routed is False and not replica.in_reporting_reads()


@pytest.mark.postgres
@pytest.mark.django_db  # for the test database's name (its schema is copied); nothing is written to it
@pytest.mark.skipif(connection.vendor != "postgresql", reason=NO_POSTGRES)
@pytest.mark.skipif(not binaries_available(), reason=f"PostgreSQL server binaries not found in {PG_BINDIR}")
def test_reports_are_read_from_the_streaming_replica(replicated, tmp_path):
    primary, standby = replicated
    started = time.monotonic()
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": primary.url(DATABASE),
        "DATABASE_REPLICA_URL": standby.url(DATABASE),
        "SCENARIO_CLOSED_PORT": str(free_port()),
        "MEDIA_ROOT": str(tmp_path / "media"),  # the export jobs' files
    }
    for name in ("DATABASE_OPS_URL", "PYTEST_XDIST_WORKER", "CELERY_BROKER_URL"):
        env.pop(name, None)
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "apps.core.tests.replica_scenario"],
        cwd=BACKEND, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:] + standby.log_tail()
    line = next(line for line in run.stdout.splitlines() if line.startswith("SCENARIO "))
    seen = json.loads(line.removeprefix("SCENARIO "))
    print(f"replica scenario: {time.monotonic() - started:.1f} s in all", json.dumps(seen, indent=1))

    assert seen["replica_in_recovery"] is True and seen["primary_in_recovery"] is False

    # Row-level security holds on the replica: as tenant A under the app role, tenant B's invoice is not there.
    assert seen["scope_routed"] is True and seen["scope_db"] == "replica"
    assert seen["scope_invoice_tenants"] == [seen["ids"]["tenant_a"]]
    assert seen["scope_sees_b_invoice"] is False
    assert seen["scope_session"] == [settings.DATABASE_APP_ROLE, str(seen["ids"]["tenant_a"]), True, "on"]
    assert seen["primary_sees_b_invoice"] is True  # it exists; only the scope's tenant hides it
    assert seen["outside_scope_db"] == "default"

    before, paused, after = seen["before"], seen["paused"], seen["after"]
    for reports in (before, paused, after):
        assert reports["status"] == [200, 200, 200, 200, 200]
    # Tenant A's figures as written: one invoice of 1,000.00; one supplier bill (20 boxes, 1,187.40 lb caught at
    # $4.25/lb = $5,046.45); its customers (Acme Steakhouse and the ones the factories made), no Bravo rows.
    assert before["dashboard_outstanding"] == "1000.00"
    assert before["ar_total"] == ["1000.00"] and before["ar_customers"] == ["Acme Steakhouse"]
    assert before["ap_total"] == ["5046.45"]
    assert before["statement_closing"] == "1000.00" and before["statement_lines"] == 1
    assert "Acme Steakhouse" in before["export_names"] and "Bravo Only Grill" not in before["export_names"]
    assert before["export_job_names"] == before["export_names"]

    # Replay paused: the invoice of 777.77, a second bill and the customer made through the API are on the
    # primary (the ordinary reads find them) and not yet on the replica the reports read.
    assert seen["created_status"] == 201
    assert seen["paused_ordinary_reads"] == [200, 200]
    assert paused == before

    # Replayed: every report shows them.
    assert after["dashboard_outstanding"] == "1777.77"
    assert after["ar_total"] == ["1777.77"]
    assert after["ap_total"] == ["10092.90"]
    assert after["statement_closing"] == "1777.77" and after["statement_lines"] == 2
    assert sorted(set(after["export_names"]) - set(before["export_names"])) == ["Replica Lag Provisions"]
    assert after["export_job_names"] == after["export_names"]

    # A replica that cannot be reached: the report comes from the primary.
    assert seen["unreachable"] == [200, "1777.77"]
