"""Sign-in, tokens, sessions with CSRF, throttling and password change, through the real endpoints."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from apps.core.testing.factories import TEST_PASSWORD, TenantFactory, UserFactory, member
from apps.tenants.models import Role

LOGIN = "/api/auth/login/"


def login(client, username, password=TEST_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, format="json", **extra)


@pytest.mark.django_db
def test_login_returns_an_expiring_token_the_user_and_tenants_with_roles():
    tenant = TenantFactory(name="Acme Meats")
    user = member(tenant, Role.MANAGER)
    response = login(APIClient(), user.username)
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["username"] == user.username
    assert body["tenants"] == [{"id": tenant.pk, "name": "Acme Meats", "slug": tenant.slug, "role": "manager"}]
    assert body["expiry"]
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert token_client.get("/api/v1/tenants/").json()["results"][0]["id"] == tenant.pk


@pytest.mark.django_db
def test_login_by_email_is_case_insensitive():
    user = UserFactory(email="Buyer@Example.com")
    assert login(APIClient(), "buyer@example.com").status_code == 200
    assert AuthToken.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_tokens_are_hashed_at_rest():
    user = UserFactory()
    token = login(APIClient(), user.username).json()["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in {stored.digest, stored.token_key}
    assert stored.expiry is not None


@pytest.mark.django_db
def test_wrong_password_and_inactive_user_get_the_same_400():
    user = UserFactory()
    inactive = UserFactory(is_active=False)
    wrong = login(APIClient(), user.username, "not-the-password")
    disabled = login(APIClient(), inactive.username)
    assert wrong.status_code == disabled.status_code == 400
    assert wrong.json() == disabled.json()


@pytest.mark.django_db
def test_after_five_failures_the_account_must_wait_even_with_the_right_password():
    user = UserFactory()
    client = APIClient()
    for _ in range(5):
        assert login(client, user.username, "bad-password").status_code == 400
    response = login(client, user.username)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 30
    # The account is what is counted: another client address waits too.
    assert login(client, user.username, REMOTE_ADDR="10.9.8.7").status_code == 429


@pytest.mark.django_db
def test_expired_token_is_refused():
    user = UserFactory()
    token = login(APIClient(), user.username).json()["token"]
    AuthToken.objects.filter(user=user).update(expiry="2000-01-01T00:00:00Z")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/auth/me/").status_code == 401


@pytest.mark.django_db
def test_logout_revokes_that_token_only_and_logout_all_revokes_every_token():
    user = UserFactory()
    first = login(APIClient(), user.username).json()["token"]
    second = login(APIClient(), user.username).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get("/api/auth/me/").status_code == 401
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert other.get("/api/auth/me/").status_code == 200
    third = login(APIClient(), user.username).json()["token"]
    other.post("/api/auth/logout-all/")
    for token in (second, third):
        probe = APIClient()
        probe.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert probe.get("/api/auth/me/").status_code == 401


@pytest.mark.django_db
def test_session_login_requires_csrf_for_unsafe_requests():
    tenant = TenantFactory()
    user = member(tenant, Role.OWNER)
    client = APIClient(enforce_csrf_checks=True)
    client.get("/api/auth/csrf/")
    token = client.cookies["csrftoken"].value
    assert login(client, user.username, HTTP_X_CSRFTOKEN=token).status_code == 200
    token = client.cookies["csrftoken"].value  # rotated by the sign-in
    assert client.get("/api/auth/me/").status_code == 200
    without = client.post("/api/v1/invitations/", {"email": "x@example.com", "role": "user"}, format="json")
    assert without.status_code == 403
    assert "CSRF" in without.json()["detail"]
    with_token = client.post(
        "/api/v1/invitations/", {"email": "x@example.com", "role": "user"}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert with_token.status_code == 201, with_token.content


@pytest.mark.django_db
def test_me_shows_the_current_tenant_chosen_by_header():
    first, second = TenantFactory(), TenantFactory()
    user = member(first, Role.USER)
    from apps.core.testing.factories import MembershipFactory

    MembershipFactory(tenant=second, user=user, role=Role.ADMIN)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/auth/me/").json()["current_tenant"]["id"] == first.pk
    body = client.get("/api/auth/me/", HTTP_X_TENANT_ID=second.slug).json()
    assert body["current_tenant"] == {"id": second.pk, "name": second.name, "slug": second.slug, "role": "admin"}
    assert len(body["tenants"]) == 2


@pytest.mark.django_db
def test_password_change_checks_the_old_password_and_signs_out_other_devices():
    user = UserFactory()
    token = login(APIClient(), user.username).json()["token"]
    other_token = login(APIClient(), user.username).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    bad = client.post(
        "/api/auth/password/change/", {"old_password": "nope", "new_password": "Brisket-Loin-77"}, format="json"
    )
    assert bad.status_code == 400 and "old_password" in bad.json()
    weak = client.post(
        "/api/auth/password/change/", {"old_password": TEST_PASSWORD, "new_password": "123"}, format="json"
    )
    assert weak.status_code == 400
    ok = client.post(
        "/api/auth/password/change/",
        {"old_password": TEST_PASSWORD, "new_password": "Brisket-Loin-77"},
        format="json",
    )
    assert ok.status_code == 200
    assert client.get("/api/auth/me/").status_code == 200
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {other_token}")
    assert other.get("/api/auth/me/").status_code == 401
    assert login(APIClient(), user.username, "Brisket-Loin-77").status_code == 200
