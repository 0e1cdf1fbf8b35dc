"""Benchmark of the streamed CSV export (`make bench-export`): `GET /api/v1/suppliers/?format=csv` of a tenant
with N suppliers, through the whole API stack in this process (authentication, tenant, row-level security on
PostgreSQL, the list's filters and ordering). Prints the time to the first byte (the header), to the first
rows, to the last byte, the rows per second, and the process's resident memory before, at most during, and
after the export; a smaller export first shows what does not grow with the rows. Exits 1 when the first byte
takes over --max-first-byte seconds. A benchmark, not a test: it needs a migrated database it may write to,
and cleans up after itself."""

import csv
import io
import resource
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from rest_framework.test import APIClient

from apps.core import csv_io, rls
from apps.suppliers.models import Supplier
from apps.tenants.models import Role, Tenant, TenantUser

SEED_BATCH = 5_000


def rss_mb() -> float:
    """The resident set size now (Linux /proc), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Time a streamed CSV export of --rows suppliers (first byte, total, memory)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--max-first-byte", type=float, default=1.0)
        parser.add_argument("--keep", action="store_true", help="Leave the bench tenant and its rows.")

    def handle(self, *args, rows, max_first_byte, keep, **options):
        if rows > csv_io.EXPORT_ROW_LIMIT:
            raise CommandError(f"an export takes at most {csv_io.EXPORT_ROW_LIMIT:,} rows")
        stamp = int(time.time())
        tenant = Tenant.objects.create(name=f"Bench export {stamp}", slug=f"bench-export-{stamp}")
        user = get_user_model().objects.create_user(f"bench-export-{stamp}", password=None)
        TenantUser.objects.create(tenant=tenant, user=user, role=Role.READONLY)
        client = APIClient()
        client.force_authenticate(user)
        client.credentials(HTTP_X_TENANT_ID=str(tenant.pk))
        self.stdout.write(f"database: {connection.vendor}; tenant {tenant.slug}")
        try:
            seeded = 0
            results = []
            for size in sorted({min(rows, max(1, rows // 10)), rows}):
                self._seed(tenant, seeded, size - seeded)
                seeded = size
                results.append(self._export(client, size))
        finally:
            if not keep:
                self._clean(tenant, user)
        first_byte = results[-1]["first_byte"]
        verdict = "within" if first_byte <= max_first_byte else "OVER"
        self.stdout.write(f"first byte {first_byte * 1000:.0f} ms: {verdict} the {max_first_byte:.1f} s target")
        if first_byte > max_first_byte:
            raise CommandError("the first byte is later than the target")

    def _seed(self, tenant, start: int, count: int) -> None:
        """Rows written in batches (the seeding does not hold every row at once and so inflate the peak)."""
        with rls.tenant_context(tenant.pk):
            for offset in range(start, start + count, SEED_BATCH):
                end = min(offset + SEED_BATCH, start + count)
                Supplier.objects.bulk_create(
                    Supplier(
                        tenant=tenant,
                        code=f"E-{n:07d}",
                        name=f"Export Packing {n:07d}",
                        city="=Omaha" if n % 10 == 0 else "Omaha",
                        state="NE",
                        postal_code="68102",
                        email=f"sales{n}@example.com",
                    )
                    for n in range(offset, end)
                )
        rls.analyze_tables([Supplier])

    def _export(self, client, expected: int) -> dict:
        before = rss_mb()
        started = time.perf_counter()
        response = client.get("/api/v1/suppliers/", {"format": "csv"})
        if response.status_code != 200 or not response.streaming:
            raise CommandError(f"export: {response.status_code} {getattr(response, 'content', b'')[:300]!r}")
        pieces = iter(response.streaming_content)
        header = next(pieces)
        first_byte = time.perf_counter() - started
        first = next(pieces)
        first_rows = time.perf_counter() - started
        peak = rss_mb()
        size = len(header) + len(first)
        lines = first.count(b"\r\n")
        checked = list(csv.reader(io.StringIO((header + first).decode())))
        for piece in pieces:
            size += len(piece)
            lines += piece.count(b"\r\n")
            peak = max(peak, rss_mb())
        total = time.perf_counter() - started
        response.close()
        after = rss_mb()
        if lines != expected:
            raise CommandError(f"{lines} rows exported, expected {expected}")
        if checked[1][1] != "E-0000000" or "'=Omaha" not in checked[1]:
            raise CommandError(f"unexpected first row {checked[1][:6]}")
        self.stdout.write(
            f"{expected:>8,} rows: first byte {first_byte * 1000:6.0f} ms, first {csv_io.EXPORT_CHUNK} rows "
            f"{first_rows * 1000:6.0f} ms, all {total:6.1f} s ({expected / total:,.0f} rows/s, "
            f"{size / 1e6:.1f} MB); RSS before {before:.0f} MB, peak {peak:.0f} MB, after {after:.0f} MB"
        )
        return {"first_byte": first_byte, "total": total, "peak": peak}

    def _clean(self, tenant, user):
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                    if cursor.fetchone()[0]:
                        cursor.execute("SET LOCAL session_replication_role = replica")
            for model in (Supplier, TenantUser):
                model._base_manager.filter(tenant=tenant)._raw_delete(model._base_manager.db)
        tenant.delete()
        user.delete()
