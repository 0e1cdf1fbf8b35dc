"""Fail unless every tenant table has row-level security forced with its policy, and the app role is safe."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Verify row-level security on every tenant table and the app role's attributes (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        from apps.core.db_roles import rls_problems
        from apps.core.rls import tenant_models

        conn = connections[database]
        if conn.vendor != "postgresql":
            raise CommandError("check_rls needs PostgreSQL (DATABASE_URL=postgres://...)")
        problems = rls_problems(conn)
        if problems:
            raise CommandError("Row-level security is not in place:\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS(f"RLS OK on {len(tenant_models())} tenant tables; app role is safe."))
