"""Knox token authentication in one query: the token is found by its digest (knox's primary key) and
token key, with its user joined. Knox's own class loads every token of the user on each request to delete
the expired ones; here an expired token is refused, and deleted at the user's next sign-in
(apps.accounts.tokens), which also keeps at most AUTH_TOKEN_LIMIT_PER_USER tokens per user."""

import binascii

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox import auth
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions


class TokenAuthentication(auth.TokenAuthentication):
    def authenticate_credentials(self, token):
        msg = _("Invalid token.")
        token = token.decode("utf-8")
        try:
            digest = hash_token(token)
        except (TypeError, binascii.Error, ValueError) as exc:
            raise exceptions.AuthenticationFailed(msg) from exc
        auth_token = (
            get_token_model()
            .objects.select_related("user")
            .filter(digest=digest, token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH])
            .first()
        )
        if auth_token is None:
            raise exceptions.AuthenticationFailed(msg)
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            # Refused; deleted at the user's next sign-in (a delete here would be rolled back with the 401).
            raise exceptions.AuthenticationFailed(msg)
        if knox_settings.AUTO_REFRESH and auth_token.expiry:
            self.renew_token(auth_token)
        return self.validate_user(auth_token)


try:  # the schema names it as drf-spectacular names knox's own class
    from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme

    class TokenScheme(KnoxTokenScheme):
        target_class = "apps.accounts.authentication.TokenAuthentication"
except ImportError:  # pragma: no cover - drf-spectacular is a requirement
    pass
