"""Invitations (issue #15 item 4) against a real SMTP server on 127.0.0.1: the e-mail arrives, its link
works once, expires, is bound to its tenant and its address; no other tenant's data is revealed to the admin;
a new account's password passes the validators; revoke and resend kill the old link."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from apps.core.models import DocumentDelivery
from apps.core.testing.factories import TEST_PASSWORD, TenantFactory, UserFactory, member
from apps.core.testing.smtp import smtp_server  # noqa: F401 - fixture
from apps.tenants.invitations import hash_token
from apps.tenants.models import Invitation, Role, TenantUser
from conftest import client_for

pytestmark = pytest.mark.django_db
User = get_user_model()

INVITATIONS = "/api/v1/invitations/"


def _link(message) -> str:
    body = message["message"].get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/accept-invitation\?token=\S+", body).group(0)


def _token(link: str) -> str:
    return parse_qs(urlparse(link).query)["token"][0]


def _invite(client, email, role="user"):
    return client.post(INVITATIONS, {"email": email, "role": role}, format="json")


def _signed_in(user) -> APIClient:
    """A real sign-in (password, session) rather than force_authenticate: the invitee's path."""
    client = APIClient()
    response = client.post("/api/auth/login/", {"username": user.username, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_a_new_person_receives_the_mail_and_joins_by_choosing_a_valid_password(smtp_server, settings):  # noqa: F811
    settings.WEB_APP_URL = "https://app.example.test"
    tenant = TenantFactory(name="Prairie Brokers")
    admin = member(tenant, Role.ADMIN, first_name="Ada", last_name="Admin")
    response = _invite(client_for(admin, tenant), "New.Person@Example.com", "manager")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["email"], body["role"], body["status"], body["delivery_status"]) == (
        "new.person@example.com",
        "manager",
        "pending",
        "sent",
    )
    assert body["invited_by"] == "Ada Admin" and body["expired"] is False
    [received] = smtp_server.messages
    assert received["to"] == ["new.person@example.com"]
    assert "Prairie Brokers" in received["message"]["Subject"]
    link = _link(received)
    assert link.startswith("https://app.example.test/accept-invitation?token=")
    token = _token(link)
    # Only the hash is stored; neither the invitation nor its delivery row holds the token.
    invitation = Invitation.objects.get(pk=body["id"])
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    delivery = DocumentDelivery.objects.get(object_id=invitation.pk, document="invitation")
    assert token not in delivery.body and "{invitation_link}" in delivery.body

    anonymous = APIClient()
    preview = anonymous.post("/api/auth/invitations/preview/", {"token": token}, format="json")
    assert preview.status_code == 200, preview.content
    assert preview.json() | {"expires_at": None} == {
        "tenant_name": "Prairie Brokers",
        "email": "new.person@example.com",
        "role": "manager",
        "invited_by": "Ada Admin",
        "expires_at": None,
        "account_exists": False,
    }
    weak = anonymous.post("/api/auth/invitations/register/", {"token": token, "password": "1"}, format="json")
    assert weak.status_code == 400 and "password" in weak.json()
    assert not User.objects.filter(email="new.person@example.com").exists()
    like_the_address = anonymous.post(
        "/api/auth/invitations/register/", {"token": token, "password": "new.person"}, format="json"
    )
    assert like_the_address.status_code == 400 and "password" in like_the_address.json()
    joined = anonymous.post(
        "/api/auth/invitations/register/",
        {"token": token, "password": "Chuck-roast-2026!", "first_name": "New", "last_name": "Person"},
        format="json",
    )
    assert joined.status_code == 201, joined.content
    assert joined.json()["tenant"] == {
        "id": tenant.pk,
        "name": "Prairie Brokers",
        "slug": tenant.slug,
        "role": "manager",
    }
    user = User.objects.get(email="new.person@example.com")
    assert TenantUser.objects.get(tenant=tenant, user=user).role == Role.MANAGER
    signed_in = anonymous.post(
        "/api/auth/login/", {"username": "new.person@example.com", "password": "Chuck-roast-2026!"}, format="json"
    )
    assert signed_in.status_code == 200 and signed_in.json()["current_tenant"]["id"] == tenant.pk
    # The link works once.
    again = anonymous.post("/api/auth/invitations/preview/", {"token": token}, format="json")
    assert again.status_code == 400 and "token" in again.json()
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == user


def test_an_existing_account_of_another_tenant_accepts_after_signing_in_and_nothing_leaks(smtp_server):  # noqa: F811
    ours, theirs = TenantFactory(), TenantFactory(name="Rival Meats")
    admin = member(ours, Role.ADMIN)
    their_owner = member(theirs, Role.OWNER, username="rival-owner", email="boss@rival.example")
    client = client_for(admin, ours)
    known = _invite(client, "boss@rival.example")
    unknown = _invite(client, "nobody@nowhere.example")
    assert known.status_code == unknown.status_code == 201
    # The admin's answer is the same shape for an account of another tenant and for no account at all.
    strip = {"id", "email", "created_at", "updated_at", "expires_at"}
    assert {k: v for k, v in known.json().items() if k not in strip} == {
        k: v for k, v in unknown.json().items() if k not in strip
    }
    assert "rival-owner" not in known.content.decode() and "Rival" not in known.content.decode()
    # Nothing is attached before the person accepts.
    assert not TenantUser.objects.filter(tenant=ours, user=their_owner).exists()
    assert client.get("/api/v1/members/", {"search": "rival"}).json()["count"] == 0

    token = _token(_link(next(m for m in smtp_server.messages if m["to"] == ["boss@rival.example"])))
    preview = APIClient().post("/api/auth/invitations/preview/", {"token": token}, format="json")
    assert preview.json()["account_exists"] is True
    # Without signing in, registering a second account for that address is refused.
    register = APIClient().post(
        "/api/auth/invitations/register/", {"token": token, "password": "Chuck-roast-2026!"}, format="json"
    )
    assert register.status_code == 400 and "sign in" in str(register.json())
    assert APIClient().post("/api/auth/invitations/accept/", {"token": token}, format="json").status_code == 401
    # Someone else signed in cannot take it.
    stranger = UserFactory(email="stranger@example.com")
    taken = _signed_in(stranger).post("/api/auth/invitations/accept/", {"token": token}, format="json")
    assert taken.status_code == 403
    assert not TenantUser.objects.filter(tenant=ours, user=stranger).exists()
    accepted = _signed_in(their_owner).post("/api/auth/invitations/accept/", {"token": token}, format="json")
    assert accepted.status_code == 200, accepted.content
    assert TenantUser.objects.get(tenant=ours, user=their_owner).role == Role.USER
    assert TenantUser.objects.get(tenant=theirs, user=their_owner).role == Role.OWNER  # untouched


def test_an_expired_link_is_refused(smtp_server):  # noqa: F811
    tenant = TenantFactory()
    client = client_for(member(tenant, Role.ADMIN), tenant)
    created = _invite(client, "late@example.com").json()
    token = _token(_link(smtp_server.messages[0]))
    Invitation.objects.filter(pk=created["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"{INVITATIONS}{created['id']}/").json()["expired"] is True
    for path, body in (
        ("preview", {"token": token}),
        ("register", {"token": token, "password": "Chuck-roast-2026!"}),
    ):
        response = APIClient().post(f"/api/auth/invitations/{path}/", body, format="json")
        assert response.status_code == 400 and "expired" in response.json()["token"][0], path
    assert not User.objects.filter(email="late@example.com").exists()


def test_a_token_is_bound_to_its_tenant_and_garbage_is_a_400(smtp_server):  # noqa: F811
    ours, theirs = TenantFactory(), TenantFactory()
    _invite(client_for(member(ours, Role.ADMIN), ours), "x@example.com")
    token = _token(_link(smtp_server.messages[0]))
    _, secret = token.split(".", 1)
    client = APIClient()
    for forged in (f"{theirs.pk}.{secret}", f"{ours.pk}.{secret}x", secret, "²." + secret, "", "9" * 40 + ".x"):
        response = client.post("/api/auth/invitations/preview/", {"token": forged}, format="json")
        assert response.status_code == 400, (forged, response.content)
    assert client.post("/api/auth/invitations/preview/", {"token": token}, format="json").status_code == 200


def test_revoke_and_resend_kill_the_old_link(smtp_server):  # noqa: F811
    tenant = TenantFactory()
    client = client_for(member(tenant, Role.ADMIN), tenant)
    created = _invite(client, "twice@example.com").json()
    first = _token(_link(smtp_server.messages[0]))
    duplicate = _invite(client, "Twice@example.com")
    assert duplicate.status_code == 400 and "resend" in duplicate.json()["email"][0]
    resent = client.post(f"{INVITATIONS}{created['id']}/resend/")
    assert resent.status_code == 200 and resent.json()["sent_count"] == 2
    second = _token(_link(smtp_server.messages[1]))
    assert first != second
    preview = APIClient().post("/api/auth/invitations/preview/", {"token": first}, format="json")
    assert preview.status_code == 400
    assert APIClient().post("/api/auth/invitations/preview/", {"token": second}, format="json").status_code == 200
    assert client.get(INVITATIONS, {"status": "pending"}).json()["count"] == 1
    assert client.delete(f"{INVITATIONS}{created['id']}/").status_code == 204
    assert APIClient().post("/api/auth/invitations/preview/", {"token": second}, format="json").status_code == 400
    assert client.get(INVITATIONS).json()["count"] == 0


def test_members_are_not_attached_by_post_any_more_and_owner_invites_need_an_owner(smtp_server):  # noqa: F811
    tenant = TenantFactory()
    owner, admin = member(tenant, Role.OWNER), member(tenant, Role.ADMIN)
    UserFactory(email="someone@example.com")
    admin_client = client_for(admin, tenant)
    attach = admin_client.post("/api/v1/members/", {"email": "someone@example.com"}, format="json")
    assert attach.status_code == 405
    assert _invite(admin_client, "boss2@example.com", "owner").status_code == 403
    assert _invite(client_for(owner, tenant), "boss2@example.com", "owner").status_code == 201
    already = _invite(admin_client, admin.email)
    assert already.status_code == 400 and "already an active member" in already.json()["email"][0]
    assert _invite(admin_client, "not-an-address").status_code == 400


def test_a_failed_mail_is_visible_on_the_invitation(settings):
    from apps.core.testing.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    tenant = TenantFactory()
    response = _invite(client_for(member(tenant, Role.ADMIN), tenant), "down@example.com")
    assert response.status_code == 201 and response.json()["delivery_status"] == "failed"


@pytest.mark.django_db(transaction=True, databases=list(django_settings.DATABASES))  # admin: the ops alias
def test_the_admin_page_lists_invitations_without_their_token_hash(smtp_server):  # noqa: F811
    tenant = TenantFactory(name="Admin Page Brokers")
    _invite(client_for(member(tenant, Role.ADMIN), tenant), "listed@example.com")
    invitation = Invitation.objects.get(email="listed@example.com")
    staff = UserFactory(is_staff=True, is_superuser=True)
    browser = APIClient()
    browser.force_login(staff)
    listing = browser.get("/admin/tenants/invitation/")
    assert listing.status_code == 200 and "listed@example.com" in listing.content.decode()
    page = browser.get(f"/admin/tenants/invitation/{invitation.pk}/change/")
    assert page.status_code == 200 and "Admin Page Brokers" in page.content.decode()
    assert invitation.token_hash not in page.content.decode()
    assert browser.get("/admin/tenants/invitation/add/").status_code == 403
