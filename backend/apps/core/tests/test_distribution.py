"""manage.py check_distribution reads PostgreSQL's catalog and names every blocker to distributing the tenant
tables by tenant_id; the expected lines are written out here from the schema as it is known to be."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's catalog")


def _run() -> list[str]:
    out = StringIO()
    call_command("check_distribution", stdout=out)
    return out.getvalue().splitlines()


@on_postgres
@pytest.mark.django_db
def test_it_lists_single_column_keys_unique_indexes_and_foreign_keys_without_tenant_id():
    lines = _run()
    assert "purchase_orders_purchaseorder: primary key (id) without tenant_id" in lines
    assert any(
        line.startswith("purchase_orders_purchaseorderline: foreign key ")
        and line.endswith("(order_id) -> purchase_orders_purchaseorder without tenant_id")
        for line in lines
    )
    assert "tenants_invitation: unique index tenants_invitation_token_hash_key (token_hash) without tenant_id" in lines
    # The composite (tenant_id, x_id) foreign keys and (tenant_id, id) indexes that rls.py adds are not blockers.
    assert not [line for line in lines if "tfk_" in line or "tuq_" in line]
    assert (
        "Shared tables they reference (reference tables): auth_user, core_protein, django_content_type, tenants_tenant."
        in lines
    )
    # A foreign key to a shared table (tenant, user, protein) is never a blocker.
    assert not [line for line in lines if "-> tenants_tenant " in line or "-> auth_user " in line]


@on_postgres
@pytest.mark.django_db
def test_a_new_unique_index_is_a_blocker_only_without_tenant_id():
    with connection.cursor() as cursor:
        cursor.execute("CREATE UNIQUE INDEX test_dist_name_only ON suppliers_supplier (name)")
        cursor.execute("CREATE UNIQUE INDEX test_dist_with_tenant ON suppliers_supplier (tenant_id, name)")
    lines = _run()
    assert "suppliers_supplier: unique index test_dist_name_only (name) without tenant_id" in lines
    assert not [line for line in lines if "test_dist_with_tenant" in line]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
@pytest.mark.django_db
def test_it_refuses_sqlite_with_a_clear_message():
    with pytest.raises(CommandError, match="PostgreSQL"):
        _run()
