"""Create (or update) the PostgreSQL app and ops roles and grant them data privileges; idempotent.

Runs as a superuser or as a managed database's admin with CREATEROLE only: it sends only the attributes that
differ and that the connecting role may set, and says which it could not set (the ops role's BYPASSRLS is then
replaced by the ops_access policies)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Create the runtime app role (RLS applies) and the ops role (BYPASSRLS), with their grants."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        from apps.core.db_roles import ensure_roles

        conn = connections[database]
        if conn.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: no database roles to set up.")
            return
        try:
            for line in ensure_roles(conn):
                self.stdout.write(self.style.WARNING(line) if line.startswith("cannot") else line)
        except Exception as exc:  # noqa: BLE001 - reported as a command error with the server's message
            raise CommandError(
                f"could not set up roles (connect as the database owner with CREATEROLE, or a superuser): {exc}"
            ) from exc
        self.stdout.write(self.style.SUCCESS("Database roles ready."))
