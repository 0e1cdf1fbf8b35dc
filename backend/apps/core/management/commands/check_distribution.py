"""What stands between the tenant tables and distributing them by tenant_id (Citus or any sharding by tenant):
read from PostgreSQL's catalog, so it reports what the database really has, not what the models say.

A table distributed by tenant_id needs tenant_id in its primary key and in every unique index, and a foreign
key to another distributed table must include tenant_id on both sides. Foreign keys to the shared tables
(tenants, users, proteins, content types) are fine: those become reference tables, copied to every node.
docs/SCALING.md is the plan this output feeds.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.core.rls import is_postgres, tenant_models

COLUMNS_SQL = "SELECT attnum, attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
INDEXES_SQL = """
SELECT c.relname, i.indisprimary, i.indkey::int2[]
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = %s::regclass AND (i.indisunique OR i.indisprimary)
ORDER BY c.relname
"""
FOREIGN_KEYS_SQL = """
SELECT conname, confrelid::regclass::text, conkey
FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'
ORDER BY conname
"""


def distribution_blockers(cursor) -> tuple[list[tuple[str, str, str]], set[str]]:
    """(table, kind, detail) for each blocker, and the shared tables the tenant tables point at."""
    tables = sorted({model._meta.db_table for model in tenant_models()})
    distributed = set(tables)
    blockers, reference_tables = [], set()
    for table in tables:
        cursor.execute(COLUMNS_SQL, [table])
        names = dict(cursor.fetchall())
        tenant_attnum = next((num for num, name in names.items() if name == "tenant_id"), None)
        if tenant_attnum is None:
            blockers.append((table, "no tenant_id", "the table has no tenant_id column"))
            continue
        cursor.execute(INDEXES_SQL, [table])
        for index, primary, attnums in cursor.fetchall():
            if tenant_attnum in attnums:
                continue
            columns = ", ".join(names.get(num, "<expression>") for num in attnums)
            if primary:
                blockers.append((table, "primary key", f"({columns}) without tenant_id"))
            else:
                blockers.append((table, "unique index", f"{index} ({columns}) without tenant_id"))
        cursor.execute(FOREIGN_KEYS_SQL, [table])
        for name, target, attnums in cursor.fetchall():
            target = target.strip('"')
            if target not in distributed:
                reference_tables.add(target)
            elif tenant_attnum not in attnums:
                columns = ", ".join(names[num] for num in attnums)
                blockers.append((table, "foreign key", f"{name} ({columns}) -> {target} without tenant_id"))
    return blockers, reference_tables


class Command(BaseCommand):
    help = "List every blocker to distributing the tenant tables by tenant_id (PostgreSQL)."

    def handle(self, *args, **options):
        if not is_postgres(connection):
            raise CommandError("check_distribution reads PostgreSQL's catalog: run it with DATABASE_URL=postgres://…")
        with connection.cursor() as cursor:
            blockers, reference_tables = distribution_blockers(cursor)
        tables = sorted({model._meta.db_table for model in tenant_models()})
        for table, kind, detail in blockers:
            self.stdout.write(f"{table}: {kind} {detail}")
        kinds = {}
        for _, kind, _ in blockers:
            kinds[kind] = kinds.get(kind, 0) + 1
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "none"
        self.stdout.write(f"\n{len(tables)} tenant tables; blockers: {summary}.")
        self.stdout.write(f"Shared tables they reference (reference tables): {', '.join(sorted(reference_tables))}.")
