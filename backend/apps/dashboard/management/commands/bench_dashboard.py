"""Benchmark: the dashboard of a tenant with ~100k sales and purchase orders (`make bench`).

Multiplies the demo tenant's seeded history (copies of its orders and invoices, new numbers) up to the
requested size, then times the dashboard's queries. Run it on a throw-away database."""

import math
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core import rls
from apps.dashboard.reports import dashboard
from apps.invoices.models import Invoice
from apps.purchase_orders.models import PurchaseOrder
from apps.sales_orders.models import SalesOrder, SalesOrderLine
from apps.tenants.models import Tenant

BATCH = 2000


def _clone(model, row):
    return model(**{field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields})


def _copy(row, **changes):
    row.pk = None
    row.id = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    return row


class Command(BaseCommand):
    help = "Grow the demo tenant to --orders sales and purchase orders and time GET /api/v1/dashboard/'s queries."

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, orders, repeat, **options):
        tenant = Tenant.objects.filter(slug="demo").first()
        if tenant is None or not SalesOrder.objects.filter(tenant=tenant).exists():
            raise CommandError("Seed the demo tenant first: manage.py seed_demo")
        self._grow(tenant, orders)
        today = timezone.localdate()
        timings = []
        for _ in range(repeat):
            reset_queries()
            with rls.tenant_context(tenant.pk), CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                dashboard(tenant, today)
                timings.append((time.perf_counter() - started) * 1000)
        counts = {
            "sales orders": SalesOrder.objects.filter(tenant=tenant).count(),
            "sales order lines": SalesOrderLine.objects.filter(tenant=tenant).count(),
            "purchase orders": PurchaseOrder.objects.filter(tenant=tenant).count(),
            "invoices": Invoice.objects.filter(tenant=tenant).count(),
        }
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
        self.stdout.write(
            f"dashboard ({connection.vendor}): {len(queries)} queries, "
            f"median {statistics.median(timings):.0f} ms, best {min(timings):.0f} ms over {repeat} runs"
        )

    @transaction.atomic
    def _grow(self, tenant, target: int) -> None:
        existing = SalesOrder.objects.filter(tenant=tenant).count()
        missing = target - existing
        # Copies are made of the seeded originals only; numbers carry this run's starting size to stay unique.
        base_orders = list(SalesOrder.objects.filter(tenant=tenant).exclude(number__contains="-B").order_by("pk"))
        if missing <= 0:
            return
        lines_by_order: dict[int, list] = {}
        for line in SalesOrderLine.objects.filter(tenant=tenant):
            lines_by_order.setdefault(line.order_id, []).append(line)
        invoices = {inv.sales_order_id: inv for inv in Invoice.objects.filter(tenant=tenant).exclude(status="void")}
        base_pos = list(PurchaseOrder.objects.filter(tenant=tenant).exclude(number__contains="-B").order_by("pk"))
        rounds = math.ceil(missing / len(base_orders))
        self.stdout.write(f"Copying {len(base_orders)} orders x {rounds} (this takes a while)...")
        for copy_round in range(1, rounds + 1):
            suffix = f"-B{existing}-{copy_round}"
            new_orders = [_copy(_clone(SalesOrder, src), number=f"{src.number}{suffix}") for src in base_orders]
            originals = [o.pk for o in base_orders]
            created = SalesOrder.objects.bulk_create(new_orders, batch_size=BATCH)
            lines, copied_invoices = [], []
            for original_pk, order in zip(originals, created, strict=True):
                for line in lines_by_order.get(original_pk, []):
                    lines.append(_copy(_clone(SalesOrderLine, line), order_id=order.pk))
                invoice = invoices.get(original_pk)
                if invoice is not None:
                    copied_invoices.append(
                        _copy(_clone(Invoice, invoice), sales_order_id=order.pk, number=f"{invoice.number}{suffix}")
                    )
            SalesOrderLine.objects.bulk_create(lines, batch_size=BATCH)
            Invoice.objects.bulk_create(copied_invoices, batch_size=BATCH)
            PurchaseOrder.objects.bulk_create(
                [_copy(_clone(PurchaseOrder, po), number=f"{po.number}{suffix}") for po in base_pos],
                batch_size=BATCH,
            )
