"""Issuing knox tokens: expired tokens of the user are deleted, and beyond AUTH_TOKEN_LIMIT_PER_USER the
oldest are signed out, so the per-request lookup (apps.accounts.authentication) never meets a long list."""

from django.conf import settings
from django.utils import timezone
from knox.models import AuthToken


def issue_token(user) -> tuple[AuthToken, str]:
    tokens = AuthToken.objects.filter(user=user)
    tokens.filter(expiry__lt=timezone.now()).delete()
    limit = settings.AUTH_TOKEN_LIMIT_PER_USER
    if limit:
        keep = list(tokens.order_by("-created", "-digest").values_list("digest", flat=True)[: limit - 1])
        tokens.exclude(digest__in=keep).delete()
    return AuthToken.objects.create(user=user)
