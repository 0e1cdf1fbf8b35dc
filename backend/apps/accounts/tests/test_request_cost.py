"""The fixed cost of an authenticated API request (issue #18 item 1): which statements run before the
resource's own queries, that a reused connection carries no role or tenant into the next request, and that
nothing about the caller is remembered between requests (role lowered, membership or user deactivated,
token revoked or expired: the very next request sees it)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.core.testing.factories import TEST_PASSWORD, TenantFactory, UserFactory, member
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role, TenantUser

SUPPLIERS = "/api/v1/suppliers/"
LOGIN = "/api/auth/login/"


def token_client(user, tenant=None) -> APIClient:
    client = APIClient()
    token = client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD}, format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    if tenant is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}", HTTP_X_TENANT_ID=str(tenant.pk))
    return client


def kinds(queries) -> list[str]:
    """Each statement named by what it does, so a failure shows which one is extra or missing."""
    names = []
    for query in queries:
        sql = query["sql"]
        if '"knox_authtoken"' in sql and "auth_user" in sql:
            names.append("token+user")
        elif '"knox_authtoken"' in sql:
            names.append("tokens")
        elif sql.startswith("SELECT set_config('role'"):
            names.append("role+tenant+user")
        elif "set_config" in sql or "ROLE" in sql:
            names.append("other tenant setting: " + sql[:60])
        elif 'FROM "tenants_tenantuser"' in sql:
            names.append("membership+tenant" if '"tenants_tenant"."name"' in sql else "membership")
        elif 'FROM "tenants_tenant"' in sql:
            names.append("tenant")
        elif sql.startswith("SELECT COUNT(*)"):
            names.append("count")
        else:
            names.append(sql[:60])
    return names


@pytest.mark.django_db(transaction=True)
def test_an_authenticated_list_request_runs_three_fixed_statements():
    """Token with its user (one query, by digest), role+tenant+user (one statement, PostgreSQL only), the
    membership with its tenant; then the list's own COUNT (an empty tenant: no page query). The request's
    transaction is the outermost here, as in production (its BEGIN and COMMIT are logged too): its end clears
    the settings, no statement for it. Before: 10 fixed statements (all the user's tokens, role and tenant set twice,
    the tenant looked up apart from the membership, a reset at the end)."""
    tenant = TenantFactory()
    user = member(tenant, Role.READONLY)
    for _ in range(3):  # other devices' tokens are not read
        token_client(user)
    client = token_client(user, tenant)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SUPPLIERS)
    assert response.status_code == 200, response.content
    if connection.vendor == "postgresql":
        assert kinds(queries) == ["BEGIN", "token+user", "role+tenant+user", "membership+tenant", "count", "COMMIT"]
        assert len(queries) == 6
    else:
        # SQLite: no role or tenant settings; the request's transaction shows as BEGIN IMMEDIATE ... COMMIT.
        assert kinds(queries) == ["BEGIN IMMEDIATE", "token+user", "membership+tenant", "count", "COMMIT"]
        assert len(queries) == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_reused_connection_carries_no_role_or_tenant_into_the_next_request():
    if connection.vendor != "postgresql":
        pytest.skip("row-level security settings exist on PostgreSQL only")
    tenant, other = TenantFactory(), TenantFactory()
    SupplierFactory(tenant=tenant, name="Mine")
    SupplierFactory(tenant=other, name="Theirs")
    user = member(tenant, Role.MANAGER)
    client = token_client(user, tenant)
    outsider = token_client(member(other, Role.MANAGER))
    outsider.credentials(
        HTTP_AUTHORIZATION=outsider._credentials["HTTP_AUTHORIZATION"], HTTP_X_TENANT_ID=str(tenant.pk)
    )

    def session_state():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_backend_pid(), current_user, coalesce(current_setting('app.tenant_id', true), ''), "
                "coalesce(current_setting('app.user_id', true), '')"
            )
            return cursor.fetchone()

    pid, login_role, _, _ = session_state()
    assert [row["name"] for row in client.get(SUPPLIERS).json()["results"]] == ["Mine"]
    assert session_state() == (pid, login_role, "", "")  # same server process: a pooled connection
    # Refused after the tenant was set from the header (the non-member path): nothing stays behind either.
    assert outsider.get(SUPPLIERS).status_code == 403
    assert session_state() == (pid, login_role, "", "")
    # A refused write (400) leaves nothing either.
    assert client.post(SUPPLIERS, {}, format="json").status_code == 400
    assert session_state() == (pid, login_role, "", "")
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE projectmeats_app")
        try:
            cursor.execute("SELECT count(*) FROM suppliers_supplier")
            assert cursor.fetchone() == (0,)  # the app role outside a request sees no tenant's rows
        finally:
            cursor.execute("RESET ROLE")


@pytest.mark.django_db
def test_a_lowered_role_applies_to_the_next_request():
    tenant = TenantFactory()
    user = member(tenant, Role.MANAGER)
    first, second = SupplierFactory(tenant=tenant), SupplierFactory(tenant=tenant)
    client = token_client(user, tenant)
    assert client.delete(f"{SUPPLIERS}{first.pk}/").status_code == 204  # deleting needs a manager
    TenantUser.objects.filter(user=user, tenant=tenant).update(role=Role.USER)
    assert client.delete(f"{SUPPLIERS}{second.pk}/").status_code == 403
    assert client.get(SUPPLIERS).status_code == 200


@pytest.mark.django_db
def test_a_deactivated_membership_tenant_or_user_applies_to_the_next_request():
    tenant = TenantFactory()
    user = member(tenant, Role.MANAGER)
    client = token_client(user, tenant)
    assert client.get(SUPPLIERS).status_code == 200
    TenantUser.objects.filter(user=user).update(is_active=False)
    assert client.get(SUPPLIERS).status_code == 403
    TenantUser.objects.filter(user=user).update(is_active=True)
    type(tenant).objects.filter(pk=tenant.pk).update(is_active=False)
    assert client.get(SUPPLIERS).status_code == 403
    type(tenant).objects.filter(pk=tenant.pk).update(is_active=True)
    assert client.get(SUPPLIERS).status_code == 200
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(SUPPLIERS).status_code == 401


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_once_and_other_devices_keep_theirs():
    tenant = TenantFactory()
    user = member(tenant, Role.MANAGER)
    phone, laptop = token_client(user, tenant), token_client(user, tenant)
    assert phone.post("/api/auth/logout/").status_code == 204
    assert phone.get(SUPPLIERS).status_code == 401
    assert laptop.get(SUPPLIERS).status_code == 200


@pytest.mark.django_db
def test_a_token_with_a_known_key_but_a_wrong_secret_is_refused():
    tenant = TenantFactory()
    user = member(tenant, Role.MANAGER)
    client = token_client(user, tenant)
    token = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")  # same token_key prefix, different digest
    client.credentials(HTTP_AUTHORIZATION=f"Token {forged}", HTTP_X_TENANT_ID=str(tenant.pk))
    assert client.get(SUPPLIERS).status_code == 401


@pytest.mark.django_db
def test_an_expired_token_is_refused_and_deleted_at_the_next_sign_in():
    tenant = TenantFactory()
    user = member(tenant, Role.MANAGER)
    client = token_client(user, tenant)
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    assert client.get(SUPPLIERS).status_code == 401
    token_client(user, tenant)
    assert AuthToken.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_sign_in_keeps_at_most_the_limit_of_tokens_and_signs_out_the_oldest(settings):
    settings.AUTH_TOKEN_LIMIT_PER_USER = 3
    user = UserFactory()
    expired = token_client(user)
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    clients = [token_client(user) for _ in range(4)]
    assert AuthToken.objects.filter(user=user).count() == 3
    assert expired.get("/api/auth/me/").status_code == 401
    assert clients[0].get("/api/auth/me/").status_code == 401  # the oldest of the four
    assert [c.get("/api/auth/me/").status_code for c in clients[1:]] == [200, 200, 200]
