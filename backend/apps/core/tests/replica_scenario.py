"""The replica router's scenario, run by test_replica.py in a process of its own: its `default` is a throwaway
primary and its `replica` a streaming standby of it (DATABASE_URL, DATABASE_REPLICA_URL), both started by the
test. It prints one JSON line of what it observed; the test judges it.

    DJANGO_ENV=test DATABASE_URL=… DATABASE_REPLICA_URL=… python -m apps.core.tests.replica_scenario

Steps: migrate and set up the database roles on the primary (row-level security on); write two tenants' data
through the services and the API; wait for the standby to replay it; read the reports as tenant A; pause the
standby's replay; write more for tenant A; read the reports and the new rows again (ordinary reads see the rows,
reports do not); resume, wait for the replay, read the reports a third time; finally make the replica
unreachable and read the dashboard once more."""

import csv
import datetime
import io
import json
import os
import sys
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projectmeats.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from apps.core.testing.api import response_body  # noqa: E402

API = "/api/v1"


def _one(alias: str, sql: str):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _wait_for_replay(timeout: float = 30) -> float:
    """Seconds until the standby has replayed everything the primary has written so far."""
    target = _one("default", "SELECT pg_current_wal_lsn()::text")
    started = time.monotonic()
    while True:
        replayed = _one("replica", f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
        if replayed:
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"standby did not replay {target}")
        time.sleep(0.01)


def _invoice(tenant, customer, amount: str):
    from apps.invoices.services import create_invoice, issue_invoice
    from apps.products.tests.factories import ProductFactory

    today = timezone.localdate()
    invoice = create_invoice(
        tenant=tenant,
        by=None,
        customer=customer,
        invoice_date=today - datetime.timedelta(days=5),
        due_date=today + datetime.timedelta(days=25),
        lines=[
            {"product": ProductFactory(tenant=tenant), "boxes": 1, "unit_price": Decimal(amount), "price_unit": "each"}
        ],
    )
    return issue_invoice(invoice, by=None)


def _bill(tenant):
    from apps.payables.tests.factories import SupplierBillFactory

    return SupplierBillFactory(tenant=tenant, submit=True)


def _reports(client, customer_id: int) -> dict:
    """The four kinds of report as tenant A sees them, reduced to what the test compares."""
    dashboard = client.get(f"{API}/dashboard/")
    ar = client.get(f"{API}/accounts-receivables/aging/")
    ap = client.get(f"{API}/accounts-payable/aging/")
    statement = client.get(f"{API}/accounts-receivables/statement/{customer_id}/")
    export = client.get(f"{API}/customers/", {"format": "csv"})
    return {
        "status": [r.status_code for r in (dashboard, ar, ap, statement, export)],
        "dashboard_outstanding": dashboard.json()["receivables"]["outstanding"],
        "ar_total": [row["total"] for row in ar.json()["totals"]],
        "ar_customers": sorted(row["customer_name"] for row in ar.json()["customers"]),
        "ap_total": [row["total"] for row in ap.json()["totals"]],
        "ap_payees": len(ap.json()["payees"]),
        "statement_closing": statement.json()["closing_balance"],
        "statement_lines": len(statement.json()["lines"]),
        "export_names": sorted(row["name"] for row in csv.DictReader(io.StringIO(response_body(export).decode()))),
        "export_job_names": _export_job_names(client),
    }


def _export_job_names(client) -> list[str]:
    """The customers in a background export job's file (the job runs in the request: no broker here)."""
    job = client.post(f"{API}/csv-jobs/", {"kind": "export", "resource": "customer"}, format="json").json()
    body = b"".join(client.get(job["download_url"]).streaming_content).decode()
    return sorted(row["name"] for row in csv.DictReader(io.StringIO(body)))


def main() -> dict:
    from apps.core import replica
    from apps.core.testing.factories import TenantFactory, member
    from apps.customers.tests.factories import CustomerFactory
    from apps.invoices.models import Invoice
    from apps.tenants.models import Role

    seen: dict = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("setup_db_roles", verbosity=0)
    seen["setup_seconds"] = round(time.monotonic() - started, 2)
    seen["replica_in_recovery"] = _one("replica", "SELECT pg_is_in_recovery()")
    seen["primary_in_recovery"] = _one("default", "SELECT pg_is_in_recovery()")

    tenant_a, tenant_b = TenantFactory(name="Alpha Meats"), TenantFactory(name="Bravo Meats")
    owner = member(tenant_a, Role.OWNER)
    customer = CustomerFactory(tenant=tenant_a, name="Acme Steakhouse")
    _invoice(tenant_a, customer, "1000.00")
    _bill(tenant_a)
    b_customer = CustomerFactory(tenant=tenant_b, name="Bravo Only Grill")
    b_invoice = _invoice(tenant_b, b_customer, "555.00")
    seen["first_replay_seconds"] = round(_wait_for_replay(), 3)

    client = APIClient()
    client.force_authenticate(owner)
    client.credentials(HTTP_X_TENANT_ID=str(tenant_a.pk))
    seen["before"] = _reports(client, customer.pk)

    # Row-level security on the replica: inside the reporting scope as tenant A, an unfiltered read of every
    # invoice runs on the standby as the app role and returns tenant A's rows only.
    with replica.reporting_reads(tenant_id=tenant_a.pk, user_id=owner.pk) as routed:
        seen["scope_routed"] = routed
        seen["scope_db"] = Invoice.objects.all().db
        seen["scope_invoice_tenants"] = sorted({tenant for (tenant,) in Invoice.objects.values_list("tenant_id")})
        seen["scope_sees_b_invoice"] = Invoice.objects.filter(pk=b_invoice.pk).exists()
        with connections["replica"].cursor() as cursor:
            cursor.execute(
                "SELECT current_user, current_setting('app.tenant_id', true), pg_is_in_recovery(), "
                "current_setting('transaction_read_only')"
            )
            seen["scope_session"] = list(cursor.fetchone())
    seen["primary_sees_b_invoice"] = Invoice.objects.filter(pk=b_invoice.pk).exists()  # superuser, no tenant
    seen["ids"] = {"tenant_a": tenant_a.pk, "tenant_b": tenant_b.pk}
    seen["outside_scope_db"] = Invoice.objects.all().db

    # Pause the standby's replay; what is written now exists on the primary only.
    _one("replica", "SELECT pg_wal_replay_pause()::text")
    deadline = time.monotonic() + 10
    while _one("replica", "SELECT pg_get_wal_replay_pause_state()") != "paused":
        if time.monotonic() > deadline:
            raise TimeoutError("replay did not pause")
        time.sleep(0.01)
    lag_invoice = _invoice(tenant_a, customer, "777.77")
    _bill(tenant_a)
    created = client.post(f"{API}/customers/", {"code": "LAG-1", "name": "Replica Lag Provisions"}, format="json")
    seen["created_status"] = created.status_code
    # Ordinary reads are the primary's: the new rows are there at once.
    seen["paused_ordinary_reads"] = [
        client.get(f"{API}/invoices/{lag_invoice.pk}/").status_code,
        client.get(f"{API}/customers/{created.json()['id']}/").status_code,
    ]
    seen["paused"] = _reports(client, customer.pk)

    _one("replica", "SELECT pg_wal_replay_resume()::text")
    seen["resume_replay_seconds"] = round(_wait_for_replay(), 3)
    seen["after"] = _reports(client, customer.pk)

    # The replica goes away: reports are served from the primary instead of failing.
    connections["replica"].close()
    connections["replica"].settings_dict["PORT"] = os.environ["SCENARIO_CLOSED_PORT"]
    unreachable = client.get(f"{API}/dashboard/")
    seen["unreachable"] = [unreachable.status_code, unreachable.json()["receivables"]["outstanding"]]
    seen["total_seconds"] = round(time.monotonic() - started, 2)
    return seen


if __name__ == "__main__":
    observations = main()
    sys.stdout.write("SCENARIO " + json.dumps(observations, default=str) + "\n")
