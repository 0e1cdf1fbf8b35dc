"""Every log line names its request (4xx lines included, which Django writes after the middleware returned), its
tenant and, in a worker, its task: the deployed JSON format (projectmeats.settings.base.logging_config)."""

import io
import json
import logging

import pytest
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from apps.core.models import DeliveryStatus, DocumentDelivery
from apps.core.request_id import _current_request_id, add_request_id_header
from apps.core.tasks import deliver_document
from apps.core.testing.factories import TenantFactory, member
from apps.core.testing.smtp import free_port
from apps.tenants.models import Role
from conftest import client_for
from projectmeats.settings.base import logging_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """The deployed handler (JSON formatter and context filter) on the loggers under test; yields the lines."""
    config = logging_config(json_lines=True)["formatters"]["main"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter(config["format"], rename_fields=config["rename_fields"], static_fields=config["static_fields"])
    )
    from apps.core.request_id import RequestIdFilter

    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(name) for name in ("django.request", "apps.core.delivery")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def test_a_4xx_line_carries_the_request_id(json_lines):
    response = Client().get("/api/v1/customers/", HTTP_X_REQUEST_ID="lb-trace-4xx-0001")
    assert response.status_code in (401, 403)
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["request_id"] == "lb-trace-4xx-0001" == response["X-Request-ID"]
    assert line["level"] == "WARNING" and line["task_id"] == "-"


def test_a_4xx_inside_a_tenant_names_the_tenant(json_lines):
    tenant = TenantFactory()
    response = client_for(member(tenant, Role.USER), tenant).get("/api/v1/customers/999999/")
    assert response.status_code == 404
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["request_id"] == response["X-Request-ID"] and line["tenant_id"] == str(tenant.pk)
    assert "Not Found" in line["message"]


def test_a_task_line_names_the_task_the_tenant_and_the_request_that_queued_it(json_lines, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # refused
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    tenant = TenantFactory()
    from django.contrib.contenttypes.models import ContentType

    delivery = DocumentDelivery.objects.create(
        tenant=tenant,
        content_type=ContentType.objects.get_for_model(type(tenant)),
        object_id=tenant.pk,
        document="invoice",
        recipients=["ap@customer.example.com"],
        subject="Invoice",
    )
    headers = {}
    token = _current_request_id.set("req-web-00000001")
    try:
        add_request_id_header(headers)  # what before_task_publish does for a task queued inside a request
    finally:
        _current_request_id.reset(token)
    deliver_document.apply(args=[delivery.pk, tenant.pk], task_id="task-0000-0001", headers=headers)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    [line] = [line for line in json_lines() if line["logger"] == "apps.core.delivery"]
    assert "refused" in line["message"]
    assert (line["task_id"], line["task_name"], line["tenant_id"], line["request_id"]) == (
        "task-0000-0001",
        "core.deliver_document",
        str(tenant.pk),
        "req-web-00000001",
    )
    assert line["environment"] and "release" in line


def test_sentry_events_are_tagged_with_the_tenant_and_request():
    from apps.core.request_id import reset_log_tenant, sentry_before_send, set_log_tenant

    token, tenant_token = _current_request_id.set("req-sentry-0001"), set_log_tenant(42)
    try:
        event = sentry_before_send({"tags": {"release": "abc123"}}, None)
    finally:
        reset_log_tenant(tenant_token)
        _current_request_id.reset(token)
    assert event["tags"] == {"release": "abc123", "tenant_id": "42", "request_id": "req-sentry-0001"}
    assert sentry_before_send({}, None) == {"tags": {}}  # outside any request or task: no empty tags
