"""Row-level security on PostgreSQL: the second wall behind the base viewset's tenant filter (DESIGN §4).

Every concrete TenantOwnedModel table gets ENABLE + FORCE ROW LEVEL SECURITY, one policy on
`app.tenant_id`, and composite foreign keys (tenant_id, x_id) -> x(tenant_id, id) towards other tenant
tables. All of it is applied after every `migrate`, so an app adds nothing to get it.
"""

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction

logger = logging.getLogger(__name__)

POLICY_NAME = "tenant_isolation"
TENANT_EXPR = "NULLIF(current_setting('app.tenant_id', true), '')::bigint"
USER_EXPR = "NULLIF(current_setting('app.user_id', true), '')::bigint"


def is_postgres(conn=None) -> bool:
    return (conn or connection).vendor == "postgresql"


def tenant_models() -> list:
    """Every table that holds tenant rows: tenant-owned models, their history tables (apps.core.history) and
    the many-to-many join tables (TenantLink through models)."""
    from .history import HistoricalTenantRecord
    from .models import TenantLink, TenantOwnedModel

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TenantOwnedModel | HistoricalTenantRecord | TenantLink)
        and model._meta.managed
        and not model._meta.proxy
    ]


def qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _short_name(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
    return f"{prefix}_{parts[0][:40]}_{digest}"


def policy_sql(model) -> list[str]:
    table = qn(model._meta.db_table)
    using = f"tenant_id = {TENANT_EXPR}"
    if model.rls_extra_condition:
        using = f"({using}) OR ({model.rls_extra_condition})"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY_NAME} ON {table}",
        f"CREATE POLICY {POLICY_NAME} ON {table} USING ({using}) WITH CHECK (tenant_id = {TENANT_EXPR})",
    ]


OPS_POLICY_NAME = "ops_access"


def ops_policy_sql(table: str, ops_role: str) -> list[str]:
    """The ops role (and its members: the owner) reads and writes every tenant's rows even without BYPASSRLS,
    which a managed database's non-superuser admin cannot grant. The app role is not a member of it."""
    return [
        f"DROP POLICY IF EXISTS {OPS_POLICY_NAME} ON {qn(table)}",
        f"CREATE POLICY {OPS_POLICY_NAME} ON {qn(table)} TO {qn(ops_role)} USING (true) WITH CHECK (true)",
    ]


def apply_ops_policies(conn) -> None:
    """ops_access on every tenant table, once the ops role exists (setup_db_roles, and after each migrate)."""
    if not is_postgres(conn):
        return
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [settings.DATABASE_OPS_ROLE])
        if cursor.fetchone() is None:
            return
        for model in tenant_models():
            for statement in ops_policy_sql(model._meta.db_table, settings.DATABASE_OPS_ROLE):
                cursor.execute(statement)


def composite_fk_sql(model, cursor) -> list[str]:
    """(tenant_id, fk_id) -> target(tenant_id, id) for every FK from one tenant table to another."""
    from .history import HistoricalTenantRecord
    from .models import TenantOwnedModel

    if issubclass(model, HistoricalTenantRecord):
        return []  # a history row keeps pointing at rows that may since have been deleted
    statements = []
    for field in model._meta.concrete_fields:
        target = getattr(field, "related_model", None)
        if not field.is_relation or not field.many_to_one or field.name == "tenant":
            continue
        if not (isinstance(target, type) and issubclass(target, TenantOwnedModel)):
            continue
        target_table = target._meta.db_table
        index = _short_name("tuq", target_table)
        statements.append(f"CREATE UNIQUE INDEX IF NOT EXISTS {qn(index)} ON {qn(target_table)} (tenant_id, id)")
        name = _short_name("tfk", model._meta.db_table, field.column)
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [name])
        if cursor.fetchone():
            continue
        statements.append(
            f"ALTER TABLE {qn(model._meta.db_table)} ADD CONSTRAINT {qn(name)} "
            f"FOREIGN KEY (tenant_id, {qn(field.column)}) REFERENCES {qn(target_table)} (tenant_id, id) "
            "DEFERRABLE INITIALLY DEFERRED"
        )
    return statements


def apply_row_level_security(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: runs once per migrate, after every app's tables exist."""
    if sender.label != "core":
        return
    conn = connections[using]
    if not is_postgres(conn):
        return
    with transaction.atomic(using=using), conn.cursor() as cursor:
        for model in tenant_models():
            for statement in policy_sql(model):
                cursor.execute(statement)
        for model in tenant_models():
            for statement in composite_fk_sql(model, cursor):
                cursor.execute(statement)
    from .db_roles import grant_privileges

    grant_privileges(conn, only_if_roles_exist=True)
    apply_ops_policies(conn)


def on_connection_created(sender, connection, **kwargs) -> None:
    """The ops alias runs as the BYPASSRLS ops role when it shares the runtime credentials."""
    if connection.alias == "ops" and settings.OPS_SET_ROLE and is_postgres(connection):
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(settings.OPS_SET_ROLE)}")


# --- Per-transaction tenant context ---------------------------------------------------------------


def activate(*, tenant_id: int | None, user_id: int | None, using: str = "default") -> None:
    """Enter the app role and set tenant and user for the current transaction only: one statement, the
    equivalent of SET LOCAL ROLE plus two SET LOCALs. The end of the transaction undoes all three.

    `using` names the connection: the request's own (default), or the read replica's transaction that reporting
    reads run in (apps.core.replica), which must see the same rows under the same role."""
    from .request_id import set_log_tenant

    set_log_tenant(tenant_id)  # log records name the tenant (RequestIdFilter); the request or task resets it
    conn = connections[using]
    if not is_postgres(conn):
        return
    if not conn.in_atomic_block:
        raise RuntimeError("the database tenant is transaction-scoped: call activate() inside a transaction")
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('role', %s, true), set_config('app.tenant_id', %s, true), "
            "set_config('app.user_id', %s, true)",
            [settings.DATABASE_APP_ROLE, str(tenant_id or ""), str(user_id or "")],
        )


def deactivate() -> None:
    """Leave the tenant context early, in one statement; only needed when the transaction goes on afterwards."""
    if not is_postgres() or not connection.in_atomic_block or connection.needs_rollback:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('app.tenant_id', '', true), set_config('app.user_id', '', true), "
            "set_config('role', 'none', true)"
        )


def _snapshot() -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('role'), current_setting('app.tenant_id', true), "
            "current_setting('app.user_id', true)"
        )
        return cursor.fetchone()


def _restore(previous: tuple[str, str, str]) -> None:
    role, tenant_id, user_id = previous
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('role', %s, true), set_config('app.tenant_id', %s, true), "
            "set_config('app.user_id', %s, true)",
            [role or "none", tenant_id or "", user_id or ""],
        )


@contextmanager
def tenant_context(tenant_id: int, user_id: int | None = None) -> Iterator[None]:
    """One transaction under an explicit tenant, for Celery tasks, commands and scripts.

    Nested inside a transaction that already has a context (a task run eagerly inside a request), it
    works in a savepoint and gives the outer context back afterwards; on an error the savepoint's rollback
    restores it. At the outermost level the end of the transaction ends the context: nothing to reset."""
    from .request_id import _current_tenant_id

    nested = is_postgres() and connection.in_atomic_block
    log_tenant = _current_tenant_id.get()
    try:
        with transaction.atomic():
            previous = _snapshot() if nested else None
            activate(tenant_id=tenant_id, user_id=user_id)
            yield
            if previous is not None:
                _restore(previous)
    finally:
        _current_tenant_id.set(log_tenant)


def run_for_tenant(tenant_id: int, func: Callable, *args, **kwargs):
    """Run func(*args, **kwargs) in one transaction under tenant_id; background code's entry point."""
    with tenant_context(tenant_id):
        return func(*args, **kwargs)


def analyze_tables(models=None, *, using: str = "default") -> list[str]:
    """ANALYZE after a bulk load, so the planner has statistics before autovacuum gets to it (PostgreSQL only).
    Needs the table owner (seed_demo, bench, migrate jobs); the app role could not, so imports rely on autovacuum."""
    conn = connections[using]
    if not is_postgres(conn):
        return []
    tables = [model._meta.db_table for model in (models or tenant_models())]
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {conn.ops.quote_name(table)}")
    return tables
