"""Row-level security at the database: the app role sees nothing without a tenant, cannot write into
another tenant, the ops alias sees everything, and no tenant setting survives a request."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from apps.core import rls
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role, TenantUser
from conftest import client_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row-level security is a PostgreSQL feature; run with DATABASE_URL"
)


def _seed_two_tenants():
    load_cases()
    tenants = [TenantFactory(), TenantFactory()]
    for tenant in tenants:
        member(tenant, Role.OWNER)
        for case in CASES.values():
            case.factory(tenant=tenant)
    return tenants


def _counts(conn) -> dict[str, int]:
    counts = {}
    with conn.cursor() as cursor:
        for model in rls.tenant_models():
            cursor.execute(f"SELECT count(*) FROM {conn.ops.quote_name(model._meta.db_table)}")
            counts[model._meta.db_table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True, databases=["default", "ops"])
def test_app_role_without_tenant_sees_no_rows_while_ops_sees_all():
    _seed_two_tenants()
    with transaction.atomic():
        rls.activate(tenant_id=None, user_id=None)
        as_app = _counts(connection)
        rls.deactivate()
    as_ops = _counts(connections["ops"])
    assert set(as_app.values()) == {0}, as_app
    assert as_ops["tenants_tenantuser"] >= 4
    assert sum(as_ops.values()) > 0
    with connections["ops"].cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.DATABASE_OPS_ROLE


@pytest.mark.django_db(transaction=True)
def test_app_role_sees_only_its_tenant_and_cannot_write_into_another():
    tenant_a, tenant_b = _seed_two_tenants()
    with transaction.atomic():
        rls.activate(tenant_id=tenant_a.pk, user_id=None)
        visible = set(TenantUser.objects.values_list("tenant_id", flat=True))
        rls.deactivate()
    assert visible == {tenant_a.pk}
    outsider = member(TenantFactory(), Role.USER)
    with pytest.raises(DatabaseError, match="row-level security"):
        with transaction.atomic():
            rls.activate(tenant_id=tenant_a.pk, user_id=None)
            TenantUser.objects.create(tenant=tenant_b, user=outsider, role=Role.USER)


@pytest.mark.django_db(transaction=True)
def test_no_tenant_leaks_from_one_request_to_the_next_on_a_reused_connection():
    tenant_a, tenant_b = TenantFactory(), TenantFactory()
    owner_a, owner_b = member(tenant_a, Role.OWNER), member(tenant_b, Role.OWNER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), current_user")
        pid, session_user = cursor.fetchone()
    response = client_for(owner_a, tenant_a).get("/api/v1/members/")
    assert response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_backend_pid(), current_user, current_setting('app.tenant_id', true), "
            "current_setting('app.user_id', true)"
        )
        after = cursor.fetchone()
    assert after[0] == pid, "the test must reuse the connection to prove anything"
    assert after[1] == session_user
    assert after[2] in (None, "") and after[3] in (None, "")
    response = client_for(owner_b, tenant_b).get("/api/v1/members/")
    assert {row["user"]["id"] for row in response.json()["results"]} == {owner_b.pk}


@pytest.mark.django_db(transaction=True)
def test_check_rls_passes_and_every_tenant_table_is_covered():
    call_command("check_rls")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_policies WHERE policyname = %s", [rls.POLICY_NAME])
        policed = {name for (name,) in cursor.fetchall()}
    assert {model._meta.db_table for model in rls.tenant_models()} <= policed
