"""Reporting reads from a read replica (`DATABASE_REPLICA_URL`, the `replica` alias), in one place.

The rule: a read goes to the replica only inside `reporting_reads()` — the dashboard, the AR and AP aging and
cash requirements, customer statements and CSV exports enter it (the base viewset's `reporting_actions`, the CSV
export of every list, the export job). Every other read stays on the primary, so what a user just wrote is what
the next ordinary read shows; every write goes to the primary. Without a replica configured the router is not
installed and `reporting_reads()` does nothing.

The replica has the same tables, roles and row-level-security policies as the primary (a physical standby
replays them), and its queries run under the same role, tenant and user, set by the same function
(`apps.core.rls.activate`) on the replica's connection, inside a read-only transaction of its own that ends with
the scope. If the replica cannot be reached when the scope opens, the reads stay on the primary (logged)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from . import rls

logger = logging.getLogger(__name__)

REPLICA = "replica"

# True while the current thread (or task) is inside reporting_reads() with the replica's transaction open.
_reporting: ContextVar[bool] = ContextVar("pm_reporting_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _reachable() -> bool:
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as exc:
        logger.warning("read replica unreachable, reporting reads stay on the primary: %s", exc)
        return False
    return True


@contextmanager
def reporting_reads(*, tenant_id: int | None, user_id: int | None) -> Iterator[bool]:
    """Reads inside the block go to the replica, as `tenant_id` / `user_id` under the app role; yields whether
    they do. Nested, or with no replica configured (or reachable), it changes nothing."""
    if _reporting.get() or not replica_configured() or not _reachable():
        yield False
        return
    with transaction.atomic(using=REPLICA):
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SET TRANSACTION READ ONLY")  # a replica pointed at a primary by mistake writes nothing
        rls.activate(tenant_id=tenant_id, user_id=user_id, using=REPLICA)
        token = _reporting.set(True)
        try:
            yield True
        finally:
            _reporting.reset(token)


def in_reporting_reads() -> bool:
    return _reporting.get()


class ReplicaRouter:
    """DATABASE_ROUTERS when a replica is configured (projectmeats/settings/base.py)."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reporting.get() else None

    def db_for_write(self, model, **hints):
        # A row read inside a report and saved afterwards is written to the primary, never the replica.
        instance = hints.get("instance")
        if instance is not None and instance._state.db == REPLICA:
            return DEFAULT_DB_ALIAS
        return None

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True  # the same database: the replica is a copy of the primary
        return None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None
