"""Document delivery (CONTRACTS C6) against a real SMTP server on 127.0.0.1: sent, refused connection,
transient refusals retried with backoff, permanent refusals not retried; "send invoice" never answers 500."""

import pytest
from django.core.files.storage import default_storage

from apps.core.delivery import retry_countdown, send_document
from apps.core.models import DeliveryStatus, DocumentDelivery
from apps.core.testing.factories import MembershipFactory, TenantFactory, member
from apps.core.testing.smtp import free_port, smtp_server  # noqa: F401 - fixture
from apps.core.workflow import timeline_for
from conftest import client_for

pytestmark = pytest.mark.django_db


def _send(obj, *, to=("buyer@example.com",)):
    return send_document(
        document_obj=obj,
        kind="statement",
        to=list(to),
        subject="Statement March",
        body="Please find it attached.",
        attachments=[("statement.pdf", b"%PDF-1.4 test", "application/pdf")],
        by=obj.user,
    )


def test_a_document_is_sent_over_smtp_with_its_attachment(smtp_server):  # noqa: F811
    membership = MembershipFactory(tenant=TenantFactory())
    delivery = _send(membership)
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 1, "")
    assert delivery.sent_at is not None and delivery.document == "statement"
    [received] = smtp_server.messages
    assert received["to"] == ["buyer@example.com"]
    assert received["message"]["Subject"] == "Statement March"
    [attachment] = list(received["message"].iter_attachments())
    assert attachment.get_filename() == "statement.pdf"
    assert attachment.get_content() == b"%PDF-1.4 test"
    # The attachment went through the storage API (any worker can read it), and the timeline says so.
    assert default_storage.exists(delivery.attachments[0]["path"])
    assert timeline_for(membership).last().verb == "sent"


def test_a_refused_connection_is_recorded_as_failed_not_raised(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    delivery = _send(MembershipFactory(tenant=TenantFactory()))
    assert delivery.status == "failed" and delivery.attempts == 1
    assert delivery.error == f"attempt 1: connection to 127.0.0.1:{settings.EMAIL_PORT} refused"


def test_a_transient_refusal_is_retried_until_it_goes_through(smtp_server, settings):  # noqa: F811
    settings.EMAIL_EAGER_ATTEMPTS = 3
    smtp_server.refuse_next = ["451 4.3.0 try again later"]
    delivery = _send(MembershipFactory(tenant=TenantFactory()))
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")
    assert smtp_server.attempts == 2 and len(smtp_server.messages) == 1


def test_transient_refusals_end_as_failed_after_the_last_attempt(smtp_server, settings):  # noqa: F811
    settings.EMAIL_EAGER_ATTEMPTS = 2
    smtp_server.refuse_next = ["451 4.3.0 try again later"] * 5
    delivery = _send(MembershipFactory(tenant=TenantFactory()))
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert delivery.error == "attempt 2: SMTP 451 4.3.0 try again later"


def test_a_permanent_refusal_is_not_retried(smtp_server, settings):  # noqa: F811
    settings.EMAIL_EAGER_ATTEMPTS = 3
    smtp_server.refuse_recipients = {"nobody@example.com"}
    delivery = _send(MembershipFactory(tenant=TenantFactory()), to=["nobody@example.com"])
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "nobody@example.com: 550 5.1.1 mailbox unavailable" in delivery.error
    assert smtp_server.messages == []


def test_a_delivery_already_sent_is_not_sent_again(smtp_server):  # noqa: F811
    from apps.core.tasks import deliver_document

    delivery = _send(MembershipFactory(tenant=TenantFactory()))
    assert deliver_document.apply(args=[delivery.pk, delivery.tenant_id]).get() == "sent"
    assert len(smtp_server.messages) == 1
    assert DocumentDelivery.objects.get(pk=delivery.pk).attempts == 1


def test_backoff_doubles_and_is_capped(settings):
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 60
    assert 48 <= retry_countdown(0) <= 72 and 96 <= retry_countdown(1) <= 144 and retry_countdown(20) <= 3600 * 1.2


def _invoice_and_user():
    from apps.customers.tests.factories import CustomerFactory
    from apps.invoices.tests.factories import InvoiceFactory

    tenant = TenantFactory()
    invoice = InvoiceFactory(
        tenant=tenant, customer=CustomerFactory(tenant=tenant, email="ap@buyer.example"), issued=True
    )
    return invoice, member(tenant, "manager")


def test_send_invoice_answers_with_the_delivery(smtp_server):  # noqa: F811
    invoice, user = _invoice_and_user()
    response = client_for(user, invoice.tenant).post(f"/api/v1/invoices/{invoice.pk}/send/", {}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["delivery"]["status"] == "sent" and body["sent_to"] == ["ap@buyer.example"]
    [received] = smtp_server.messages
    [attachment] = list(received["message"].iter_attachments())
    assert attachment.get_filename() == f"{invoice.number}.pdf" and attachment.get_content().startswith(b"%PDF")


def test_send_invoice_with_the_mail_server_down_is_not_a_500(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    invoice, user = _invoice_and_user()
    response = client_for(user, invoice.tenant).post(f"/api/v1/invoices/{invoice.pk}/send/", {}, format="json")
    assert response.status_code == 200, response.content
    delivery = response.json()["delivery"]
    assert delivery["status"] == DeliveryStatus.FAILED and "refused" in delivery["error"]
    assert DocumentDelivery.objects.get(pk=delivery["id"]).status == "failed"
