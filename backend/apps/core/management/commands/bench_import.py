"""Benchmark of the CSV import (`make bench-import`): N supplier rows through the job path a worker runs
(`apps.core.jobs.run_job`, under the tenant's row-level security on PostgreSQL), first as a dry run, then for
real, then N updates of the same rows. Prints the timings; exits 1 when the import is over --max-seconds.
A benchmark, not a test: it needs a migrated database it may write to, and cleans up after itself."""

import time

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from apps.core import jobs
from apps.core.models import CsvJob, Protein
from apps.suppliers.models import Supplier
from apps.tenants.models import Role, Tenant, TenantUser


def supplier_rows(count: int, label: str) -> str:
    lines = ["code,name,supplier_type,city,state,postal_code,phone,email,payment_terms_days,proteins"]
    for n in range(count):
        lines.append(
            f"B-{n:07d},{label} Packing {n},packer,Dakota City,NE,68731,402-555-0100,"
            f"sales{n}@example.com,{14 + n % 30},beef|pork"
        )
    return "\r\n".join(lines) + "\r\n"


class Command(BaseCommand):
    help = "Time a CSV import of --rows supplier rows (dry run, create, update) through the worker's job path."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--max-seconds", type=float, default=60.0)
        parser.add_argument("--keep", action="store_true", help="Leave the bench tenant and its rows.")

    def handle(self, *args, rows, max_seconds, keep, **options):
        for code, name in (("beef", "Beef"), ("pork", "Pork")):
            Protein.objects.get_or_create(code=code, defaults={"name": name})
        stamp = int(time.time())
        tenant = Tenant.objects.create(name=f"Bench {stamp}", slug=f"bench-{stamp}")
        user = get_user_model().objects.create_user(f"bench-{stamp}", password=None)
        TenantUser.objects.create(tenant=tenant, user=user, role=Role.MANAGER)
        self.stdout.write(f"database: {connection.vendor}; {rows:,} rows; tenant {tenant.slug}")
        timings = {}
        try:
            for label, dry_run, text in (
                ("dry run", True, supplier_rows(rows, "First")),
                ("create", False, supplier_rows(rows, "First")),
                ("update", False, supplier_rows(rows, "Second")),
            ):
                job = CsvJob.objects.create(
                    tenant=tenant, created_by=user, kind="import", resource="supplier", dry_run=dry_run
                )
                job.source = default_storage.save(f"csv-jobs/{tenant.pk}/bench.csv", ContentFile(text.encode()))
                job.save(update_fields=["source"])
                started = time.perf_counter()
                outcome = jobs.run_job(job.pk, tenant.pk)
                seconds = time.perf_counter() - started
                job.refresh_from_db()
                report = job.report or {}
                if outcome != "done" or report.get("error_count"):
                    raise CommandError(f"{label}: {outcome} {job.error} {report.get('errors', [])[:3]}")
                timings[label] = seconds
                self.stdout.write(
                    f"{label:>8}: {seconds:7.1f} s  {rows / seconds:9,.0f} rows/s  "
                    f"created {report.get('created')} updated {report.get('updated')} "
                    f"committed {report.get('committed')}"
                )
            count = Supplier.objects.filter(tenant=tenant).count()
            if count != rows:
                raise CommandError(f"{count} suppliers in the bench tenant, expected {rows}")
        finally:
            if not keep:
                self._clean(tenant, user)
        worst = max(timings["create"], timings["update"])
        verdict = "within" if worst <= max_seconds else "OVER"
        self.stdout.write(f"slowest import {worst:.1f} s: {verdict} the {max_seconds:.0f} s target")
        if worst > max_seconds:
            raise CommandError("the import is slower than the target")

    def _clean(self, tenant, user):
        from apps.suppliers.models import SupplierPlant, SupplierProtein

        for job in CsvJob.objects.filter(tenant=tenant):
            for name in (job.source, job.result):
                if name:
                    default_storage.delete(name)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                    if cursor.fetchone()[0]:
                        # The rows are the bench's own and go together: no per-row foreign-key checks (minutes
                        # at 100,000 rows), for this transaction only.
                        cursor.execute("SET LOCAL session_replication_role = replica")
            for model in (SupplierProtein, SupplierPlant, Supplier.history.model, Supplier, CsvJob, TenantUser):
                model._base_manager.filter(tenant=tenant)._raw_delete(model._base_manager.db)
        tenant.delete()
        user.delete()
