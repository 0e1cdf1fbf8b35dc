"""The sign-in limiter (account backoff whatever alias is typed, a per-client limit with the real address from
a trusted proxy), no timing oracle for unknown usernames, CSRF on the session login, the admin login behind
the same limiter, and optional TOTP for owners and staff."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from apps.core.testing.factories import TEST_PASSWORD, TenantFactory, UserFactory, member
from apps.tenants.models import Role

pytestmark = pytest.mark.django_db
LOGIN = "/api/auth/login/"
PROXY = "10.0.0.1"


def login(client, username, password=TEST_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, format="json", **extra)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_client_is_limited_and_others_are_not():
    victim = UserFactory()
    attacker = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    for n in range(20):
        assert login(attacker, f"nobody{n}", "guess").status_code == 400
    assert login(attacker, "nobody-else", "guess").status_code == 429
    # A spoofed address in front of the proxy's entry does not escape the limit.
    spoofer = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert login(spoofer, victim.username).status_code == 429
    # The real user, behind the same proxy (same REMOTE_ADDR), signs in.
    real = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert login(real, victim.username).status_code == 200


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    client = APIClient(REMOTE_ADDR="192.0.2.7")
    for n in range(20):
        assert login(client, f"nobody{n}", "x", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 400
    assert login(client, "nobody", "x", HTTP_X_FORWARDED_FOR="198.51.100.200").status_code == 429


def test_the_account_is_counted_whichever_alias_is_typed():
    user = UserFactory(username="buyer", email="Buyer@Example.com")
    client = APIClient()
    for alias in ("buyer", "BUYER", "buyer@example.com", "Buyer@Example.com", "buyer"):
        assert login(client, alias, "wrong").status_code == 400
    response = login(client, "buyer@example.com")  # right password, the other alias, another address
    assert response.status_code == 429, response.content
    assert login(APIClient(REMOTE_ADDR="192.0.2.99"), "BUYER").status_code == 429
    assert user.pk


def test_backoff_doubles_and_a_success_clears_it(settings):
    settings.LOGIN_ACCOUNT_BASE_DELAY_SECONDS = 0  # no waiting in the test; the delay rule itself below
    user = UserFactory()
    client = APIClient()
    for _ in range(7):
        login(client, user.username, "wrong")
    assert login(client, user.username).status_code == 200
    from apps.accounts import throttling

    settings.LOGIN_ACCOUNT_BASE_DELAY_SECONDS = 30
    assert [throttling._account_delay(n) for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 900]


class CountingHasher(MD5PasswordHasher):
    """The test suite's hasher, counting how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@override_settings(PASSWORD_HASHERS=["apps.accounts.tests.test_login_limits.CountingHasher"])
def test_unknown_and_known_usernames_both_run_the_password_hasher():
    user = UserFactory()
    measured = {}
    for label, username in (("known", user.username), ("unknown", "no-such-user"), ("email", "none@example.com")):
        CountingHasher.calls = 0
        assert login(APIClient(), username, "wrong-password").status_code == 400
        measured[label] = CountingHasher.calls
    assert measured == {"known": 1, "unknown": 1, "email": 1}


def test_session_login_needs_the_csrf_token_but_token_clients_do_not():
    user = member(TenantFactory(), Role.USER)
    browser = APIClient(enforce_csrf_checks=True)
    forged = login(browser, user.username)  # a cross-site request carries no token
    assert forged.status_code == 200 and forged.json()["token"]  # a token client (mobile) is served...
    assert "sessionid" not in browser.cookies  # ...but no browser session is created
    assert browser.get("/api/auth/me/").status_code in (401, 403)
    browser.get("/api/auth/csrf/")
    ok = login(browser, user.username, HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert ok.status_code == 200 and "sessionid" in browser.cookies
    assert browser.get("/api/auth/me/").status_code == 200


def test_a_form_post_to_the_login_is_refused():
    user = UserFactory()
    response = Client().post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 415


def test_the_admin_login_is_behind_the_same_limiter():
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(5):
        response = client.post("/admin/login/", {"username": staff.username, "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post("/admin/login/", {"username": staff.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    # The API sees the same account state.
    assert login(APIClient(), staff.username).status_code == 429


def test_the_admin_login_still_works():
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": staff.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def next_code(device) -> str:
    """The code of the next 30-second step (the device accepts one step of drift; the current one was used)."""
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1)).zfill(device.digits)


def enroll(client) -> TOTPDevice:
    setup = client.post("/api/auth/2fa/setup/", {"password": TEST_PASSWORD}, format="json")
    assert setup.status_code == 200, setup.content
    assert setup.json()["otpauth_url"].startswith("otpauth://totp/")
    device = TOTPDevice.objects.get(confirmed=False)
    assert client.post("/api/auth/2fa/confirm/", {"code": "000000"}, format="json").status_code == 400
    code = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    assert client.post("/api/auth/2fa/confirm/", {"code": code}, format="json").status_code == 200
    device.refresh_from_db()
    return device


def test_an_owner_turns_on_two_factor_and_sign_in_then_asks_for_the_code():
    owner = member(TenantFactory(), Role.OWNER)
    client = APIClient()
    client.force_authenticate(owner)
    assert client.get("/api/auth/2fa/").json() == {"enabled": False, "allowed": True}
    device = enroll(client)
    assert client.get("/api/auth/2fa/").json()["enabled"] is True

    missing = login(APIClient(), owner.username)
    assert missing.status_code == 400 and "otp" in missing.json()
    wrong = APIClient().post(
        LOGIN, {"username": owner.username, "password": TEST_PASSWORD, "otp": "123456"}, format="json"
    )
    assert wrong.status_code == 400 and "otp" in wrong.json()
    device.refresh_from_db()
    code = next_code(device)  # the code used to confirm may not be used again
    right = APIClient().post(LOGIN, {"username": owner.username, "password": TEST_PASSWORD, "otp": code}, format="json")
    assert right.status_code == 200, right.content


def test_a_plain_user_is_not_offered_two_factor():
    user = member(TenantFactory(), Role.USER)
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/auth/2fa/").json() == {"enabled": False, "allowed": False}
    assert client.post("/api/auth/2fa/setup/", {"password": TEST_PASSWORD}, format="json").status_code == 403


def test_staff_with_two_factor_need_the_code_in_the_admin():
    staff = UserFactory(is_staff=True, is_superuser=True)
    api = APIClient()
    api.force_authenticate(staff)
    device = enroll(api)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": staff.username, "password": TEST_PASSWORD})
    assert response.status_code == 200  # asked for the code
    code = next_code(device)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.username, "password": TEST_PASSWORD, "otp_token": code},
    )
    assert response.status_code == 302, response.context["form"].errors
