"""Post the journal entries that are missing: every money event of the tenants' documents (invoices issued and
voided, credit memos, customer payments, bills approved / voided / marked paid, payments out, debit memos) that
the journal does not hold yet. Idempotent: a second run posts nothing. seed_demo runs it for the demo tenant."""

from django.core.management.base import BaseCommand

from apps.core import rls
from apps.tenants.models import Tenant


class Command(BaseCommand):
    help = "Post the journal entries missing for existing documents (all tenants, or --tenant SLUG)."

    def add_arguments(self, parser):
        parser.add_argument("--tenant", action="append", metavar="SLUG", help="Only this tenant (repeatable).")

    def handle(self, *args, tenant=None, **options):
        from apps.accounting import services

        tenants = Tenant.objects.order_by("pk")
        if tenant:
            tenants = tenants.filter(slug__in=tenant)
        total = 0
        for row in tenants:
            with rls.tenant_context(row.pk):
                posted = services.post_missing(row)
            total += posted
            if options.get("verbosity", 1):
                self.stdout.write(f"{row.slug}: {posted} journal entries posted")
        self.stdout.write(self.style.SUCCESS(f"{total} journal entries posted."))
