"""Tenant resolution, tenant settings and the membership rules."""

import pytest
from rest_framework.test import APIClient

from apps.core.testing.api import response_body
from apps.core.testing.factories import MembershipFactory, TenantFactory, UserFactory, member
from apps.tenants.models import Role, TenantDomain, TenantUser
from conftest import client_for


@pytest.mark.django_db
def test_header_by_id_or_slug_picks_the_tenant_and_a_non_member_gets_403():
    first, second, foreign = TenantFactory(), TenantFactory(), TenantFactory()
    user = member(first, Role.USER)
    MembershipFactory(tenant=second, user=user, role=Role.ADMIN)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/v1/members/", HTTP_X_TENANT_ID=str(second.pk)).status_code == 200
    assert client.get("/api/v1/members/", HTTP_X_TENANT_ID=second.slug).status_code == 200
    assert client.get("/api/v1/members/", HTTP_X_TENANT_ID=first.slug).status_code == 403  # role user, not admin
    refused = client.get("/api/v1/members/", HTTP_X_TENANT_ID=foreign.slug)
    assert refused.status_code == 403
    assert "not an active member" in refused.json()["detail"]
    assert client.get("/api/v1/members/", HTTP_X_TENANT_ID="no-such-tenant").status_code == 403


@pytest.mark.django_db
def test_default_tenant_is_the_first_active_membership_and_inactive_memberships_do_not_count():
    first, second = TenantFactory(), TenantFactory()
    user = member(first, Role.ADMIN)
    MembershipFactory(tenant=second, user=user, role=Role.ADMIN)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/auth/me/").json()["current_tenant"]["id"] == first.pk
    TenantUser.objects.filter(tenant=first, user=user).update(is_active=False)
    assert client.get("/api/auth/me/").json()["current_tenant"]["id"] == second.pk
    assert client.get("/api/v1/members/", HTTP_X_TENANT_ID=first.slug).status_code == 403


@pytest.mark.django_db
def test_a_user_without_any_tenant_gets_403_saying_so():
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.get("/api/v1/members/")
    assert response.status_code == 403
    assert "No tenant selected" in response.json()["detail"]


@pytest.mark.django_db
def test_tenant_domain_and_subdomain_resolve_the_tenant(settings):
    settings.TENANT_BASE_DOMAIN = "projectmeats.test"
    first, second, third = TenantFactory(), TenantFactory(), TenantFactory(slug="gamma")
    user = member(first, Role.ADMIN)
    MembershipFactory(tenant=second, user=user, role=Role.ADMIN)
    MembershipFactory(tenant=third, user=user, role=Role.ADMIN)
    TenantDomain.objects.create(domain="orders.acme.test", tenant=second)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/auth/me/", HTTP_HOST="orders.acme.test").json()["current_tenant"]["id"] == second.pk
    assert client.get("/api/auth/me/", HTTP_HOST="gamma.projectmeats.test").json()["current_tenant"]["id"] == third.pk


@pytest.mark.django_db
def test_unauthenticated_requests_get_401():
    assert APIClient().get("/api/v1/members/").status_code == 401
    assert APIClient().get("/api/v1/tenants/").status_code == 401


@pytest.mark.django_db
def test_only_an_owner_may_update_the_tenant():
    tenant = TenantFactory(name="Old Name")
    owner, admin = member(tenant, Role.OWNER), member(tenant, Role.ADMIN)
    url = f"/api/v1/tenants/{tenant.pk}/"
    assert client_for(admin, tenant).patch(url, {"name": "By Admin"}, format="json").status_code == 403
    response = client_for(owner, tenant).patch(url, {"name": "New Name", "slug": "hijack"}, format="json")
    assert response.status_code == 200
    tenant.refresh_from_db()
    assert tenant.name == "New Name" and tenant.slug != "hijack"


@pytest.mark.django_db
def test_only_an_owner_grants_or_removes_the_owner_role():
    tenant = TenantFactory()
    owner, admin = member(tenant, Role.OWNER), member(tenant, Role.ADMIN)
    admin_client = client_for(admin, tenant)
    owner_membership = TenantUser.objects.get(user=owner, tenant=tenant)
    assert admin_client.post("/api/v1/invitations/", {"email": "o@example.com", "role": "owner"}).status_code == 403
    assert admin_client.patch(f"/api/v1/members/{owner_membership.pk}/", {"role": "user"}).status_code == 403
    assert admin_client.delete(f"/api/v1/members/{owner_membership.pk}/").status_code == 403
    admin_membership = TenantUser.objects.get(user=admin, tenant=tenant)
    promoted = client_for(owner, tenant).patch(f"/api/v1/members/{admin_membership.pk}/", {"role": "owner"})
    assert promoted.status_code == 200 and promoted.json()["role"] == "owner"


@pytest.mark.django_db
def test_the_last_active_owner_can_be_neither_demoted_nor_removed():
    tenant = TenantFactory()
    owner = member(tenant, Role.OWNER)
    client = client_for(owner, tenant)
    membership = TenantUser.objects.get(user=owner, tenant=tenant)
    assert client.patch(f"/api/v1/members/{membership.pk}/", {"role": "admin"}).status_code == 409
    assert client.delete(f"/api/v1/members/{membership.pk}/").status_code == 409
    assert client.patch(f"/api/v1/members/{membership.pk}/", {"is_active": False}).status_code == 409
    second = member(tenant, Role.OWNER)
    assert client.patch(f"/api/v1/members/{membership.pk}/", {"role": "admin"}).status_code == 200
    second_membership = TenantUser.objects.get(user=second, tenant=tenant)
    assert client_for(second, tenant).delete(f"/api/v1/members/{second_membership.pk}/").status_code == 409


@pytest.mark.django_db
def test_deactivating_a_member_keeps_the_row_and_removes_access():
    tenant = TenantFactory()
    admin, clerk = member(tenant, Role.ADMIN), member(tenant, Role.USER)
    membership = TenantUser.objects.get(user=clerk, tenant=tenant)
    assert client_for(admin, tenant).delete(f"/api/v1/members/{membership.pk}/").status_code == 204
    membership.refresh_from_db()
    assert membership.is_active is False
    assert client_for(clerk).get("/api/auth/me/").json()["current_tenant"] is None
    assert client_for(clerk, tenant).get("/api/auth/me/").status_code == 403


@pytest.mark.django_db
def test_members_export_as_csv_and_member_import_is_refused():
    tenant = TenantFactory()
    admin = member(tenant, Role.ADMIN, username="alice")
    client = client_for(admin, tenant)
    response = client.get("/api/v1/members/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response_body(response).decode().splitlines()
    assert lines[0].split(",")[:2] == ["id", "role"] or "role" in lines[0]
    assert len(lines) == 2
