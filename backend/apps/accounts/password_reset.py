"""Password reset by e-mail, for every account (docs/SECURITY.md, docs/api/auth.md).

- The request answers the same whatever the address: the view only queues the task `accounts.password_reset`
  with the typed address; the task looks the accounts up and mails each one a link. With a broker the
  request does the same work for known and unknown addresses.
- The link carries Django's `PasswordResetTokenGenerator` token: an HMAC of the user's id, password hash, last
  sign-in and the time, so it is stored nowhere, expires after PASSWORD_RESET_TIMEOUT and dies as soon as the
  password changes (it works once).
- At most PASSWORD_RESET_MAILS_PER_ADDRESS mails per address per hour (more requests: same answer, no mail);
  requests and confirms are also limited per client address (429).
- A reset signs the account out everywhere: every knox token is deleted, and every session dies because
  Django ties sessions to the password hash.
"""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from knox.models import AuthToken
from rest_framework.exceptions import ValidationError

from apps.core import delivery

from . import throttling

logger = logging.getLogger(__name__)
User = get_user_model()

INVALID_LINK = "This password reset link is not valid: it has expired or was already used. Ask for a new one."


def request_reset(email: str, base_url: str) -> None:
    """Queue the lookup and the mail; the caller answers the same whatever happens next."""
    from django.conf import settings
    from django.db import transaction

    args = (email.strip(), base_url)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        send_reset_mail.apply(args=args)
    else:
        transaction.on_commit(lambda: send_reset_mail.apply_async(args))


def reset_link(user, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{base_url.rstrip('/')}/reset-password?uid={uid}&token={token}"


@shared_task(name="accounts.password_reset", acks_late=True)
def send_reset_mail(email: str, base_url: str) -> int:
    """Mail a reset link to each active account of this address (usually one). Returns how many were sent."""
    users = list(User.objects.filter(email__iexact=email, is_active=True).order_by("id"))
    if not users or not throttling.address_budget_left(email):
        return 0
    for user in users:
        body = (
            f"Someone (hopefully you) asked to reset the password of the ProjectMeats account "
            f"{user.username}.\n\nChoose a new password here:\n{reset_link(user, base_url)}\n\n"
            f"The link works once and expires in {_duration()}. Resetting signs the account out on every "
            f"device.\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n"
        )
        delivery.send_email(to=[user.email], subject="Reset your ProjectMeats password", body=body)
    return len(users)


def _duration() -> str:
    from django.conf import settings

    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    return f"{minutes // 60} hours" if minutes >= 120 else f"{minutes} minutes"


def user_for(uid: str, token: str):
    """The account the link names, when its token is valid; else 400 on `token`."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        pk = None
    user = User.objects.filter(pk=pk, is_active=True).first() if pk is not None and 0 < pk < 2**63 else None
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError({"token": [INVALID_LINK]})
    return user


def confirm_reset(uid: str, token: str, new_password: str):
    user = user_for(uid, token)
    try:
        validate_password(new_password, user)
    except DjangoValidationError as exc:
        raise ValidationError({"new_password": list(exc.messages)}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    AuthToken.objects.filter(user=user).delete()
    throttling.clear_failures(throttling.account_key(user, user.username))
    return user
