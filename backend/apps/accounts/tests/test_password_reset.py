"""Password reset by e-mail (issue #15 item 4) against a real SMTP server on 127.0.0.1: the same answer for known
and unknown addresses, the link works once and expires, the new password passes the validators, every session
and token is signed out afterwards, and requests are limited per client and per address."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.tokens import default_token_generator
from rest_framework.test import APIClient

from apps.core.testing.factories import TEST_PASSWORD, TenantFactory, UserFactory, member
from apps.core.testing.smtp import smtp_server  # noqa: F401 - fixture
from apps.tenants.models import Role

pytestmark = pytest.mark.django_db

REQUEST, CONFIRM = "/api/auth/password/reset/", "/api/auth/password/reset/confirm/"
NEW = "Brisket-and-ribs-77"


def _link(message) -> dict:
    body = message["message"].get_body(preferencelist=("plain",)).get_content()
    url = re.search(r"https?://\S+/reset-password\?\S+", body).group(0)
    query = parse_qs(urlparse(url).query)
    return {"url": url, "uid": query["uid"][0], "token": query["token"][0]}


def _sign_in(client, username, password):
    return client.post("/api/auth/login/", {"username": username, "password": password}, format="json")


def test_reset_by_mail_signs_every_device_out_and_the_link_works_once(smtp_server, settings):  # noqa: F811
    settings.WEB_APP_URL = "https://app.example.test"
    user = member(TenantFactory(), Role.USER, username="carla", email="carla@example.com")
    # Two devices signed in: a browser session and a token.
    browser = APIClient()
    browser.login(username="carla", password=TEST_PASSWORD)
    assert browser.get("/api/auth/me/").status_code == 200
    phone = APIClient()
    token = _sign_in(phone, "carla", TEST_PASSWORD).json()["token"]
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert phone.get("/api/auth/me/").status_code == 200

    asked = APIClient().post(REQUEST, {"email": "Carla@Example.com"}, format="json")
    assert asked.status_code == 202
    [received] = smtp_server.messages
    assert received["to"] == ["carla@example.com"]
    link = _link(received)
    assert link["url"].startswith("https://app.example.test/reset-password?")
    anonymous = APIClient()
    weak = anonymous.post(CONFIRM, {**link, "new_password": "12345678"}, format="json")
    assert weak.status_code == 400 and "new_password" in weak.json()
    similar = anonymous.post(CONFIRM, {**link, "new_password": "carla"}, format="json")
    assert similar.status_code == 400 and "new_password" in similar.json()
    done = anonymous.post(CONFIRM, {"uid": link["uid"], "token": link["token"], "new_password": NEW}, format="json")
    assert done.status_code == 200, done.content
    # Every session and token is gone; the old password no longer works; the new one does.
    assert browser.get("/api/auth/me/").status_code in (401, 403)
    assert phone.get("/api/auth/me/").status_code == 401
    assert _sign_in(APIClient(), "carla", TEST_PASSWORD).status_code == 400
    assert _sign_in(APIClient(), "carla", NEW).status_code == 200
    # The link died with the old password.
    again = anonymous.post(CONFIRM, {**link, "new_password": "Another-cut-88"}, format="json")
    assert again.status_code == 400 and "token" in again.json()
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_unknown_and_known_addresses_get_the_same_answer(smtp_server):  # noqa: F811
    UserFactory(email="known@example.com")
    client = APIClient()
    known = client.post(REQUEST, {"email": "known@example.com"}, format="json")
    unknown = client.post(REQUEST, {"email": "unknown@example.com"}, format="json")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.status_code == 202
    assert [m["to"] for m in smtp_server.messages] == [["known@example.com"]]
    assert client.post(REQUEST, {"email": "not an address"}, format="json").status_code == 400


def test_an_expired_or_forged_link_is_refused(smtp_server, monkeypatch):  # noqa: F811
    user = UserFactory(email="late@example.com")
    APIClient().post(REQUEST, {"email": "late@example.com"}, format="json")
    link = _link(smtp_server.messages[0])
    later = default_token_generator._now() + timedelta(hours=2)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    expired = APIClient().post(CONFIRM, {**link, "new_password": NEW}, format="json")
    assert expired.status_code == 400 and "expired" in expired.json()["token"][0]
    monkeypatch.undo()
    other = UserFactory(email="other@example.com")
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    forged = {"uid": urlsafe_base64_encode(force_bytes(other.pk)), "token": link["token"], "new_password": NEW}
    assert APIClient().post(CONFIRM, forged, format="json").status_code == 400
    for uid in ("", "!!!", urlsafe_base64_encode(b"99999999999999999999999"), urlsafe_base64_encode(b"\xff\xfe")):
        response = APIClient().post(CONFIRM, {"uid": uid, "token": link["token"], "new_password": NEW}, format="json")
        assert response.status_code == 400, (uid, response.content)
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_requests_are_limited_per_client_and_mails_per_address(smtp_server, settings):  # noqa: F811
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "password_reset": "4/hour"},
    }
    settings.PASSWORD_RESET_MAILS_PER_ADDRESS = 2
    UserFactory(email="flooded@example.com")
    client = APIClient()
    answers = [client.post(REQUEST, {"email": "flooded@example.com"}, format="json").status_code for _ in range(5)]
    assert answers == [202, 202, 202, 202, 429]
    assert len(smtp_server.messages) == 2  # the address's budget: the third and fourth got the answer, no mail
    # Another client address is not limited by the first one's requests, and the address stays capped.
    other = APIClient(REMOTE_ADDR="203.0.113.9")
    assert other.post(REQUEST, {"email": "flooded@example.com"}, format="json").status_code == 202
    assert len(smtp_server.messages) == 2


def _request_work(client, email: str, captured_callbacks) -> dict:
    """What answering one reset request did in the request itself: its SQL, the work queued for after the
    commit, and how often a password was hashed or a reset token made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.tests.test_login_limits import CountingHasher

    CountingHasher.calls = 0
    tokens = default_token_generator.make_token
    made = []

    def counting_make_token(user):
        made.append(user.pk)
        return tokens(user)

    default_token_generator.make_token = counting_make_token
    try:
        with CaptureQueriesContext(connection) as queries, captured_callbacks() as callbacks:
            response = client.post(REQUEST, {"email": email}, format="json")
    finally:
        default_token_generator.make_token = tokens
    return {
        "answer": (response.status_code, response.json()),
        "sql": [re.sub(r'"s\d+_x\d+"', '"savepoint"', query["sql"]) for query in queries],
        "queued": len(callbacks),
        "hashed": CountingHasher.calls,
        "tokens": len(made),
        "callbacks": callbacks,
    }


def test_with_a_broker_known_and_unknown_addresses_cost_the_request_the_same_work(
    smtp_server,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    """The timing oracle closed by construction: the request only queues the lookup, so a known and an unknown
    address run the same statements and queue the same task; the lookup, the token and the mail happen in the
    worker. Compared by the work done, not by the clock."""
    from apps.accounts import password_reset

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.PASSWORD_HASHERS = ["apps.accounts.tests.test_login_limits.CountingHasher"]
    UserFactory(email="known@example.com")
    client = APIClient()
    known = _request_work(client, "known@example.com", django_capture_on_commit_callbacks)
    unknown = _request_work(client, "unknown@example.com", django_capture_on_commit_callbacks)
    assert known["answer"] == unknown["answer"] and known["answer"][0] == 202
    assert known["sql"] == unknown["sql"]
    assert not any("auth_user" in sql or "accounts_user" in sql for sql in known["sql"])  # no lookup in the request
    assert (known["queued"], known["hashed"], known["tokens"]) == (unknown["queued"], 0, 0)
    assert known["queued"] == 1
    assert smtp_server.messages == []  # nothing is sent inside the request

    # What the worker then does with the queued task (run here, eagerly, as a worker would): the known address
    # gets its link, the unknown one nothing.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    task = password_reset.send_reset_mail
    monkeypatch.setattr(task, "apply_async", lambda args: task.apply(args=args))
    for callback in known["callbacks"] + unknown["callbacks"]:
        callback()
    assert [message["to"] for message in smtp_server.messages] == [["known@example.com"]]
