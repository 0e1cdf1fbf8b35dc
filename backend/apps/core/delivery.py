"""Document delivery by e-mail (CONTRACTS C6): `send_document(...)` records a `DocumentDelivery` row and queues
the Celery task `core.deliver_document`, which sends it with retries and exponential backoff.

- With a broker the task is queued when the caller's transaction commits (a rolled-back request sends nothing)
  and the row says `queued` until a worker has sent it (`sent`) or given up (`failed`, with the reason).
- Without a broker (development, tests) the task runs at once, in the caller's transaction, for one attempt
  (`EMAIL_EAGER_ATTEMPTS`): a refused connection marks the row `failed`; the caller never sees an exception.
- Sending is idempotent: the task locks the row and skips it once `sent`, so a redelivered task (worker lost,
  `acks_late`) does not mail twice unless the worker died between the SMTP hand-off and the commit.
- A secret that must not be stored (an invitation link's token) is passed as `secrets`: the stored body holds
  a `{name}` placeholder and the value travels only in the task's arguments (the broker), filled in at sending.

`send_email(...)` is the same sending for mail that belongs to no tenant (a password reset): no row, the
task `core.send_email` with the same retries and the same permanent / transient rule.
"""

import logging
import random
import smtplib
import socket
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import DeliveryStatus, DocumentDelivery

logger = logging.getLogger(__name__)

# SMTP replies that will not change on a retry: the server refused the sender, the recipients or the content.
PERMANENT_ERRORS = (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError)


def send_document(
    *,
    document_obj,
    kind: str,
    to: Iterable[str],
    subject: str,
    body: str = "",
    attachments: Iterable[tuple[str, bytes, str]] = (),
    by=None,
    dedupe_key: str = "",
    secrets: dict[str, str] | None = None,
) -> DocumentDelivery:
    """Record the delivery of `document_obj` (a tenant-owned row) and queue its sending.

    `attachments` are `(filename, content, mimetype)` like `EmailMessage.attach`; they are written to the
    default storage so that the worker (another container) reads them. Returns the row; its status is
    `queued`, or already `sent` / `failed` when the task ran eagerly. `secrets` fill the body's `{name}`
    placeholders at sending time and are never written to the database."""
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("send_document needs at least one recipient")
    delivery = DocumentDelivery.objects.create(
        tenant_id=document_obj.tenant_id,
        content_type=ContentType.objects.get_for_model(type(document_obj)),
        object_id=document_obj.pk,
        document=kind,
        recipients=recipients,
        subject=subject[:200],
        body=body,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        dedupe_key=dedupe_key,
    )
    stored = []
    for name, content, mimetype in attachments:
        path = default_storage.save(
            f"deliveries/{delivery.tenant_id}/{delivery.pk}/{uuid.uuid4().hex[:8]}-{name}", ContentFile(content)
        )
        stored.append({"name": name, "path": path, "content_type": mimetype})
    if stored:
        delivery.attachments = stored
        delivery.save(update_fields=["attachments", "updated_at"])
    from .workflow import record_event

    record_event(document_obj, "sent", by=by, reason=f"{kind} to {', '.join(recipients)}")
    queue_delivery(delivery, secrets=secrets)
    return delivery


def already_sent(tenant_id: int, dedupe_key: str) -> bool:
    return DocumentDelivery.objects.filter(tenant_id=tenant_id, dedupe_key=dedupe_key).exists()


def send_document_once(dedupe_key: str, **kwargs) -> DocumentDelivery | None:
    """send_document for scheduled jobs: at most one delivery per (tenant, dedupe_key), ever. Returns None when
    that key was already sent (or queued), so a job run twice, or by two beat processes at once, sends nothing
    twice; the unique constraint decides a race. Attachments are rendered lazily: pass `attachments` as a
    callable to skip the PDF when the key exists."""
    if not dedupe_key:
        raise ValueError("send_document_once needs a dedupe_key")
    if already_sent(kwargs["document_obj"].tenant_id, dedupe_key):
        return None
    if callable(kwargs.get("attachments")):
        kwargs["attachments"] = kwargs["attachments"]()
    try:
        with transaction.atomic():
            return send_document(dedupe_key=dedupe_key, **kwargs)
    except IntegrityError:
        return None  # another run created it between the check and the insert


def queue_delivery(delivery: DocumentDelivery, *, secrets: dict[str, str] | None = None) -> None:
    from .tasks import deliver_document

    kwargs = {"secrets": secrets} if secrets else {}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        deliver_document.apply(args=[delivery.pk, delivery.tenant_id], kwargs=kwargs)
        delivery.refresh_from_db()
    else:
        transaction.on_commit(lambda: deliver_document.apply_async((delivery.pk, delivery.tenant_id), kwargs))


def send_email(*, to: Iterable[str], subject: str, body: str) -> None:
    """Queue a plain e-mail that belongs to no tenant (task `core.send_email`, same retries as deliveries).
    Without a broker it is sent at once; a failure is logged, never raised to the caller."""
    from .tasks import send_email as task

    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("send_email needs at least one recipient")
    args = (recipients, subject[:200], body)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.apply(args=args)
    else:
        transaction.on_commit(lambda: task.apply_async(args))


def fill_secrets(body: str, secrets: dict[str, str] | None) -> str:
    for name, value in (secrets or {}).items():
        body = body.replace("{" + name + "}", value)
    return body


def is_permanent(exc: BaseException) -> bool:
    """A refusal that a retry will not change (the sender, the recipients, the content; any 5xx reply)."""
    return isinstance(exc, PERMANENT_ERRORS) or (
        isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500
    )


def send_message(*, to: list[str], subject: str, body: str, attachments: Iterable[tuple[str, bytes, str]] = ()):
    """Hand one message to the configured e-mail backend; raises what the backend raises."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        connection=get_connection(fail_silently=False),
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send(fail_silently=False)


def describe_error(exc: BaseException) -> str:
    """A reason a broker's staff can act on, without the traceback."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address}: {code} {_text(message)}" for address, (code, message) in exc.recipients.items()
        )
        return f"recipients refused ({refused})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"SMTP {exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection to {settings.EMAIL_HOST}:{settings.EMAIL_PORT} refused"
    if isinstance(exc, socket.timeout | TimeoutError):
        return f"no answer from {settings.EMAIL_HOST}:{settings.EMAIL_PORT} within {settings.EMAIL_TIMEOUT} s"
    return f"{type(exc).__name__}: {exc}"[:2000]


def _text(message) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


def retry_countdown(retries: int) -> float:
    """Exponential backoff with jitter: base, 2×base, 4×base … capped at an hour."""
    base = settings.EMAIL_RETRY_BACKOFF_SECONDS
    return min(base * (2**retries), 3600) * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not a secret


def attempt_email(to: list[str], subject: str, body: str, *, last_attempt: bool) -> str:
    """One attempt of a row-less e-mail: "sent", "failed" (permanent or last) or "retry"."""
    try:
        send_message(to=to, subject=subject, body=body)
    except Exception as exc:  # noqa: BLE001 - logged; the caller never sees it
        failed = is_permanent(exc) or last_attempt
        logger.warning("e-mail %r to %s: %s", subject, ", ".join(to), describe_error(exc))
        return "failed" if failed else "retry"
    return "sent"


def attempt_delivery(delivery_id: int, *, last_attempt: bool, secrets: dict[str, str] | None = None) -> str:
    """One attempt, inside the tenant's transaction. Returns the row's status afterwards, or "retry"."""
    delivery = DocumentDelivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        logger.warning("delivery %s not found (deleted, or another tenant)", delivery_id)
        return "missing"
    if delivery.status == DeliveryStatus.SENT:
        return DeliveryStatus.SENT  # a redelivered task: already done
    delivery.attempts += 1
    try:
        attachments = []
        for item in delivery.attachments:
            with default_storage.open(item["path"], "rb") as handle:
                attachments.append((item["name"], handle.read(), item["content_type"]))
        send_message(
            to=delivery.recipients,
            subject=delivery.subject,
            body=fill_secrets(delivery.body, secrets),
            attachments=attachments,
        )
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        permanent = is_permanent(exc)
        delivery.error = f"attempt {delivery.attempts}: {describe_error(exc)}"
        if permanent or last_attempt:
            delivery.status = DeliveryStatus.FAILED
        delivery.save(update_fields=["attempts", "error", "status", "updated_at"])
        logger.warning("delivery %s %s", delivery.pk, delivery.error)
        return delivery.status if delivery.status == DeliveryStatus.FAILED else "retry"
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = timezone.now()
    delivery.error = ""
    delivery.save(update_fields=["attempts", "error", "status", "sent_at", "updated_at"])
    return DeliveryStatus.SENT
