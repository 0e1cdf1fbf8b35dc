"""Production: secrets and hosts from the environment, HTTPS only behind a TLS-terminating proxy, no DEBUG,
JSON logs with the request id, optional Sentry. Media on S3-compatible storage: base.py (any environment).
`manage.py check --deploy --fail-level WARNING` passes with zero findings (apps/core/tests/test_deploy.py)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DJANGO_ENV, SPECTACULAR_SETTINGS, env_bool, env_list, logging_config

DEBUG = False


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV={DJANGO_ENV} (see docs/ENVIRONMENTS.md)")
    return value


SECRET_KEY = _required("SECRET_KEY")
_required("DATABASE_URL")  # base.py already parsed it; production never falls back to the SQLite file
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(f"ALLOWED_HOSTS must be set when DJANGO_ENV={DJANGO_ENV}")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = False

# TLS ends at the load balancer / nginx, which must set X-Forwarded-Proto (and strip a client's own).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^api/v1/health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# drf-spectacular would generate the whole OpenAPI schema inside `check --deploy`; schema quality is checked by
# `make schema` (--fail-on-warn), and deploy checks stay about deployment safety.
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, "ENABLE_DJANGO_DEPLOY_CHECK": False}

# --- Logs: one JSON object per line on stdout (web and worker): base.logging_config(json_lines=True) --------
LOGGING = logging_config(json_lines=True)

# --- Errors to Sentry, only when a DSN is configured ------------------------------------------
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    from apps.core.request_id import sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", DJANGO_ENV),
        release=APP_RELEASE,  # noqa: F405
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=sentry_before_send,
    )
