"""Settings shared by every environment; each value that varies comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "projectmeats.admin_apps.AdminConfig",  # django.contrib.admin with the sign-in limiter and optional TOTP
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "corsheaders",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "apps.core",
    "apps.tenants",
    "apps.accounts",
    "apps.suppliers",
    "apps.plants",
    "apps.customers",
    "apps.carriers",
    "apps.contacts",
    "apps.products",
    "apps.bug_reports",
    "apps.purchase_orders",
    "apps.loads",
    "apps.sales_orders",
    "apps.invoices",
    "apps.accounts_receivables",
    "apps.payables",
    "apps.settlement",
    "apps.claims",
    "apps.dashboard",
    "apps.traceability",
    "apps.ai_assistant",
    "apps.notifications",
    "apps.comments",
    "apps.accounting",  # last: its demo data (the journal) is posted from every other app's
]

MIDDLEWARE = [
    "apps.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "apps.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Hands the request to django-simple-history, so a history row's author is the request's user (DRF's
    # token authentication sets the user on the same request object).
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.tenants.middleware.TenantMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "projectmeats.urls"
WSGI_APPLICATION = "projectmeats.wsgi.application"
ASGI_APPLICATION = "projectmeats.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL is the runtime connection; SQLite file by default so `make dev` needs nothing. Empty counts as
# unset (CI matrices and env files write DATABASE_URL= for "the default").
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under a few concurrent users: readers never block the writer (WAL), a writer waits
    # up to 20 s for the lock instead of failing, and each request's transaction takes the write lock at
    # BEGIN (IMMEDIATE), so two requests cannot deadlock upgrading read locks ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# Row-level security roles (DESIGN §4). The app role owns nothing and has no BYPASSRLS; the ops role
# bypasses RLS and is reached only through the "ops" alias. When the runtime connection is not the
# app role itself (development, tests), each API request switches to it with SET LOCAL ROLE.
DATABASE_APP_ROLE = os.environ.get("DATABASE_APP_ROLE", "projectmeats_app")
DATABASE_OPS_ROLE = os.environ.get("DATABASE_OPS_ROLE", "projectmeats_ops")
DATABASE_APP_PASSWORD = os.environ.get("DATABASE_APP_PASSWORD", "")
# Set on the app role in this database by setup_db_roles (ALTER ROLE … IN DATABASE … SET statement_timeout):
# every statement of a connection that logs in as the app role (web and worker) is cancelled after it.
DATABASE_APP_STATEMENT_TIMEOUT = os.environ.get("DATABASE_APP_STATEMENT_TIMEOUT", "30s").strip()
DATABASE_OPS_PASSWORD = os.environ.get("DATABASE_OPS_PASSWORD", "")
OPS_DB_ALIAS = "default"
OPS_SET_ROLE = ""
if USING_POSTGRES:
    OPS_DB_ALIAS = "ops"
    if os.environ.get("DATABASE_OPS_URL", "").strip():
        DATABASES["ops"] = dj_database_url.parse(os.environ["DATABASE_OPS_URL"].strip())
        OPS_SET_ROLE = ""
    else:
        # Same server and credentials; the connection switches to the ops role when it opens.
        DATABASES["ops"] = dict(DATABASES["default"])
        OPS_SET_ROLE = DATABASE_OPS_ROLE
    DATABASES["ops"]["ATOMIC_REQUESTS"] = False
    DATABASES["ops"]["TEST"] = {"MIRROR": "default"}

# DATABASE_REPLICA_URL (optional): a streaming read replica of DATABASE_URL. Reporting reads (dashboard, aging,
# statements, CSV exports) go there through apps.core.replica's router; everything else stays on the primary.
# Unset or empty: no replica alias, no router, every query on the primary.
if os.environ.get("DATABASE_REPLICA_URL", "").strip():
    if not USING_POSTGRES:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL (a replica of it).")
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"].strip(),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
    # Its transaction is opened by the reporting scope only, not by every request.
    DATABASES["replica"]["ATOMIC_REQUESTS"] = False
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["apps.core.replica.ReplicaRouter"]

# Switched off only by the isolation sweep's second pass, so that row-level security alone must hold.
TENANCY_APP_FILTER = True

# Audit history (apps.core.history): reasons are free text, not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))


def s3_storage(environ=os.environ) -> dict:
    """The default storage on an S3-compatible bucket (AWS S3, DigitalOcean Spaces, MinIO) from AWS_* variables."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"].strip(),
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": environ.get("AWS_LOCATION", "media"),
            # Uploaded business documents are private: served through short-lived signed URLs only.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


# Media goes only through the storage API (FieldFile.open, default_storage), never a local path, so web and worker
# containers share uploads through the bucket. Local files under MEDIA_ROOT only when no bucket is named
# (development, tests); `manage_env.py check production` requires the bucket.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
STORAGES = {
    "default": s3_storage() if AWS_STORAGE_BUCKET_NAME else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Cache (login throttling state lives here; shared by all workers when Redis is set) ------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "projectmeats"}}

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "apps.core.filters.StrictDjangoFilterBackend",
        "apps.core.filters.IdFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "apps.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "apps.core.renderers.BrowsableAPIRenderer"],
    "DEFAULT_METADATA_CLASS": "apps.core.metadata.Metadata",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": "5/min",
        # Per client address (apps.accounts.throttling.ClientAddressThrottle): reset requests and confirms, and
        # the invitation link endpoints (docs/SECURITY.md).
        "password_reset": os.environ.get("PASSWORD_RESET_RATE", "5/hour"),
        "password_reset_confirm": os.environ.get("PASSWORD_RESET_CONFIRM_RATE", "20/hour"),
        "invitation": os.environ.get("INVITATION_LINK_RATE", "60/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Input limits (docs/SECURITY.md).
API_JSON_MAX_BYTES = 2 * 1024 * 1024
API_JSON_MAX_DEPTH = 32

REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("AUTH_TOKEN_TTL_HOURS", "168"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    # Knox's limit refuses a sign-in; ours (apps/accounts/tokens.py) signs the oldest device out instead.
    "TOKEN_LIMIT_PER_USER": None,
}
# Tokens kept per user: a sign-in beyond it deletes the oldest (0: no limit).
AUTH_TOKEN_LIMIT_PER_USER = int(os.environ.get("AUTH_TOKEN_LIMIT_PER_USER", "10"))

# Sign-in limits (apps/accounts/throttling.py, docs/SECURITY.md). Per account: free failures, then a delay that
# doubles with each further failure up to the maximum; forgotten after a day without failures. Per client
# address: failures across usernames within the window.
LOGIN_ACCOUNT_FREE_FAILURES = 5
LOGIN_ACCOUNT_BASE_DELAY_SECONDS = 30
LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 900
LOGIN_ACCOUNT_MEMORY_SECONDS = 24 * 3600
LOGIN_CLIENT_FAILURE_LIMIT = 20
LOGIN_CLIENT_WINDOW_SECONDS = 600
# Proxies in front of the app that each append the caller's address to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
OTP_TOTP_ISSUER = "ProjectMeats"

# /api/schema/ and /api/docs/ without signing in (apps.core.schema_views): on by default except in production.
API_SCHEMA_PUBLIC = env_bool("API_SCHEMA_PUBLIC", DJANGO_ENV != "production")

SPECTACULAR_SETTINGS = {
    "TITLE": "ProjectMeats API",
    "DESCRIPTION": "Multi-tenant business system for meat sales brokers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "apps.core.schema.postprocess_enums",
        "apps.core.schema.add_tenant_header_and_errors",
    ],
    # The role ladder is one enum wherever a role appears (memberships, invitations).
    "ENUM_NAME_OVERRIDES": {
        "TenantUserRoleEnum": "apps.tenants.models.Role",
        "BillStatusEnum": "apps.payables.models.SupplierBillStatus",
    },
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
CORS_ALLOW_CREDENTIALS = True
from corsheaders.defaults import default_headers  # noqa: E402

CORS_ALLOW_HEADERS = (*default_headers, "x-tenant-id", "if-match", "idempotency-key")
CORS_EXPOSE_HEADERS = ["ETag", "Idempotent-Replayed"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))

# Tenant resolution by subdomain: "<slug>.<TENANT_BASE_DOMAIN>".
TENANT_BASE_DOMAIN = os.environ.get("TENANT_BASE_DOMAIN", "")

# --- Celery: a broker when configured, eager in-process otherwise ---------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Work is never stranded: a task is acknowledged only after it finished (acks_late); a worker process killed
# mid-task puts it back on the queue (reject_on_worker_lost); one task prefetched per process. Time limits are
# sized for OCR (20-33 s a document here; multi-page scans take minutes): soft 4 min, hard 5 min. Redis
# redelivers an unacknowledged task after the visibility timeout, which must exceed the hard limit, and the
# containers' stop grace (docker-compose.yml: 330 s) exceeds it too, so a deploy lets running tasks finish.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT") or "240")
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT") or "300")
# Each worker looks for messages past the visibility timeout every CELERY_RESTORE_INTERVAL seconds (kombu's
# default scans only every 10th sweep, i.e. every ~100 s; one ZRANGE per sweep is cheap).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT") or "900"),
    "unacked_restore_interval": int(os.environ.get("CELERY_RESTORE_INTERVAL") or "10"),
    "unacked_restore_throttle": 1,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# The worker logs through LOGGING (JSON with request id, task id and tenant when deployed), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery beat (one process: `celery -A projectmeats beat`): periodic jobs.
# The daily jobs run in TIME_ZONE's morning; each is idempotent (apps/core/periodic.py), so a beat restarted, a
# duplicate beat or a job redelivered after a lost worker sends nothing twice.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-documents": {"task": "ai_assistant.requeue_stuck_documents", "schedule": 300.0},
    # In-app, to the invoice's authors, once per invoice (apps/invoices/periodic.py).
    "overdue-invoice-notifications": {"task": "invoices.notify_overdue", "schedule": crontab(hour=7, minute=5)},
    "overdue-invoice-reminders": {
        "task": "accounts_receivables.overdue_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "customer-statements": {"task": "accounts_receivables.customer_statements", "schedule": crontab(hour=7, minute=15)},
    "carrier-insurance-warnings": {"task": "carriers.insurance_warnings", "schedule": crontab(hour=6, minute=45)},
}

# --- E-mail: SMTP when EMAIL_HOST is set (console otherwise); every send goes through apps.core.delivery ---
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "587")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# STARTTLS on 587 and implicit TLS on 465 unless said otherwise; never both (Django refuses that).
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587 and not EMAIL_USE_SSL)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "20")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "ProjectMeats <noreply@projectmeats.local>"
# The web app's address for links in e-mails (invitations, password resets), e.g. https://app.example.com.
# Empty: the address of the request that caused the mail (its Host passed ALLOWED_HOSTS). Set it in production.
WEB_APP_URL = os.environ.get("WEB_APP_URL", "").strip()
INVITATION_EXPIRY_DAYS = int(os.environ.get("INVITATION_EXPIRY_DAYS") or "7")
# Password reset links (django.contrib.auth.tokens): valid this long, and dead once the password changed.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_SECONDS") or "3600")
# Reset mails per e-mail address per hour, whoever asks (more requests get the same answer, no mail).
PASSWORD_RESET_MAILS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_MAILS_PER_ADDRESS") or "3")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Attempts per delivery through a worker (exponential backoff from EMAIL_RETRY_BACKOFF_SECONDS, capped at 1 h);
# without a broker the one eager attempt runs inside the request.
EMAIL_SEND_MAX_ATTEMPTS = int(os.environ.get("EMAIL_SEND_MAX_ATTEMPTS") or "5")
EMAIL_RETRY_BACKOFF_SECONDS = int(os.environ.get("EMAIL_RETRY_BACKOFF_SECONDS") or "60")
EMAIL_EAGER_ATTEMPTS = 1


def _release() -> str:
    """The deployed commit: APP_VERSION, else the RELEASE file the image build writes, else "dev"."""
    value = os.environ.get("APP_VERSION", "").strip()
    if not value and (BASE_DIR / "RELEASE").is_file():
        value = (BASE_DIR / "RELEASE").read_text().strip()
    return value or "dev"


APP_RELEASE = _release()


# --- Push notifications through Expo's push API; off (in-app only) while EXPO_PUSH_URL is empty -----
# Production: EXPO_PUSH_URL=https://exp.host/--/api/v2/push/send (EXPO_ACCESS_TOKEN when the Expo project
# has "enhanced push security" on).
EXPO_PUSH_URL = os.environ.get("EXPO_PUSH_URL", "")
EXPO_ACCESS_TOKEN = os.environ.get("EXPO_ACCESS_TOKEN", "")
EXPO_PUSH_TIMEOUT = float(os.environ.get("EXPO_PUSH_TIMEOUT", "10"))


LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# JSON lines in staging and production (always); elsewhere with LOG_FORMAT=json.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "").strip().lower()


def logging_config(*, json_lines: bool) -> dict:
    """Every record with its request id, tenant and (in a worker) task id and name (apps.core.request_id)."""
    fields = "%(request_id)s %(tenant_id)s %(task_id)s %(task_name)s"
    if json_lines:
        import logging

        logging.captureWarnings(True)  # Python warnings become JSON lines too, not raw text on stderr
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": f"%(asctime)s %(levelname)s %(name)s %(message)s {fields}",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "static_fields": {"environment": DJANGO_ENV, "release": _release()},
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(tenant_id)s %(task_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "apps.core.request_id.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["context"]}},
        "root": {"handlers": ["console"], "level": LOG_LEVEL},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # 4xx responses are logged by django.request at WARNING; keep them, they carry the request id.
            "django.security.DisallowedHost": {"level": "ERROR"},
        },
    }


LOGGING = logging_config(json_lines=LOG_FORMAT == "json")

# --- The built web app (frontend/dist): index.html via apps.core.spa, assets via WhiteNoise ----
FRONTEND_DIST = Path(os.environ.get("FRONTEND_DIST", BASE_DIR.parent / "frontend" / "dist"))
if FRONTEND_DIST.is_dir():
    WHITENOISE_ROOT = FRONTEND_DIST
    WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/"  # Vite content-hashes every file under assets/
