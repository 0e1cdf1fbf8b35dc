#!/usr/bin/env python3
"""Environment configuration CLI (standard library only): every variable the backend reads, what it means,
and a check that an environment's values are complete and safe before they reach a server.

    python config/manage_env.py list
    python config/manage_env.py check production [--file PATH | --environ]
    python config/manage_env.py generate staging [--domain uat.example.com] [--output PATH] [--force]

`check` reads config/environments/ENV.env, or ENV.env.example when no filled-in file exists, and exits 1
naming each missing or unsafe variable. `--environ` checks the process environment instead (deploy jobs).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ENV_DIR = ROOT / "environments"
ENVIRONMENTS = ("development", "staging", "production")
DEPLOYED = ("staging", "production")
PLACEHOLDER = "CHANGE-ME"
INSECURE_SECRET_KEYS = {"django-insecure-development-only-key-change-me"}
SUPERUSER_PREFIX = {"development": "DEVELOPMENT", "staging": "STAGING", "production": "PRODUCTION"}


@dataclass(frozen=True)
class Var:
    name: str
    meaning: str
    default: str = ""
    required_in: tuple[str, ...] = ()
    secret: bool = False
    envs: tuple[str, ...] = field(default=ENVIRONMENTS)  # environments in which the variable applies


def _superuser_vars() -> list[Var]:
    found = []
    for env, prefix in SUPERUSER_PREFIX.items():
        found += [
            Var(
                f"{prefix}_SUPERUSER_USERNAME",
                f"Superuser login synced by setup_superuser ({env})",
                "",
                (env,),
                envs=(env,),
            ),
            Var(
                f"{prefix}_SUPERUSER_PASSWORD",
                f"Superuser password; rotated on every deploy ({env})",
                "",
                (env,),
                True,
                (env,),
            ),
            Var(f"{prefix}_SUPERUSER_EMAIL", f"Superuser e-mail ({env})", "", (env,), envs=(env,)),
        ]
    return found


# The registry. apps/core/tests/test_deploy.py fails when settings read a variable that is not listed here.
VARIABLES: list[Var] = [
    Var("DJANGO_ENV", "Settings module: development, test, staging or production", "development", DEPLOYED),
    Var(
        "SECRET_KEY",
        "Django signing key; 50+ random characters, unique per environment",
        "(insecure dev key)",
        DEPLOYED,
        True,
    ),
    Var("DEBUG", "Debug pages and verbose errors; never on outside development", "False (True in development)"),
    Var(
        "ALLOWED_HOSTS",
        "Comma-separated host names the API answers to (no '*' when deployed)",
        "localhost,127.0.0.1,[::1]",
        DEPLOYED,
    ),
    Var(
        "CORS_ALLOWED_ORIGINS",
        "Comma-separated https:// origins allowed to call the API cross-origin (empty when the SPA is served "
        "same-origin through nginx)",
        "",
    ),
    Var("CSRF_TRUSTED_ORIGINS", "Comma-separated https:// origins trusted for CSRF (the SPA's origin)", "", DEPLOYED),
    Var(
        "DATABASE_URL",
        "Runtime database; postgres://projectmeats_app:...@host:5432/db when deployed",
        "sqlite:///backend/db.sqlite3",
        DEPLOYED,
        True,
    ),
    Var("DATABASE_CONN_MAX_AGE", "Seconds a database connection is reused", "60"),
    Var("DATABASE_APP_ROLE", "PostgreSQL runtime role: owns nothing, row-level security applies", "projectmeats_app"),
    Var("DATABASE_OPS_ROLE", "PostgreSQL role with BYPASSRLS for backups and platform staff", "projectmeats_ops"),
    Var("DATABASE_APP_PASSWORD", "Password setup_db_roles gives the app role", "", DEPLOYED, True),
    Var("DATABASE_OPS_PASSWORD", "Password setup_db_roles gives the ops role", "", DEPLOYED, True),
    Var(
        "DATABASE_APP_STATEMENT_TIMEOUT",
        "statement_timeout setup_db_roles sets on the app role in the database (e.g. 30s; 0 = none)",
        "30s",
    ),
    Var(
        "DATABASE_OPS_URL",
        "Connection as the ops role (the 'ops' alias, backups); needed when DATABASE_URL is the app role",
        "",
        DEPLOYED,
        True,
    ),
    Var(
        "DATABASE_REPLICA_URL",
        "Optional streaming read replica of DATABASE_URL (same app role); reports and CSV exports read from it",
        "",
        secret=True,
    ),
    Var(
        "DATABASE_OWNER_URL",
        "Connection as the table owner, used only by the migrate job and backups' restore",
        "",
        DEPLOYED,
        True,
    ),
    Var("TIME_ZONE", "Server time zone for dates shown to users", "America/Chicago"),
    Var(
        "FRONTEND_DIST",
        "Built web app that Django serves itself when the folder exists (containers use nginx instead)",
        "frontend/dist",
    ),
    Var("MEDIA_ROOT", "Folder for uploaded files when no bucket is configured", "backend/media"),
    Var(
        "REDIS_URL",
        "Redis for the shared cache, sessions' sign-in limits and throttles (per-process memory when empty)",
        "",
        DEPLOYED,
    ),
    Var(
        "CELERY_BROKER_URL",
        "Celery broker (Redis); empty runs tasks eagerly inside the web request (development only)",
        "",
        DEPLOYED,
    ),
    Var("CELERY_TASK_SOFT_TIME_LIMIT", "Seconds before a task is asked to stop (sized for OCR)", "240"),
    Var("CELERY_TASK_TIME_LIMIT", "Seconds before a task's process is killed and the task requeued", "300"),
    Var("CELERY_VISIBILITY_TIMEOUT", "Seconds before Redis redelivers an unacknowledged task (> time limit)", "900"),
    Var(
        "CELERY_RESTORE_INTERVAL",
        "Seconds between a worker's sweeps for tasks past the visibility timeout (a dead worker's tasks)",
        "10",
    ),
    Var("AUTH_TOKEN_TTL_HOURS", "Lifetime of API tokens (mobile, integrations)", "168"),
    Var("AUTH_TOKEN_LIMIT_PER_USER", "API tokens kept per user; a sign-in beyond it signs the oldest out", "10"),
    Var(
        "TRUSTED_PROXY_COUNT",
        "Proxies in front of the app that append the client address to X-Forwarded-For (sign-in limits use it)",
        "0",
    ),
    Var("SESSION_COOKIE_AGE", "Browser session lifetime in seconds", "43200"),
    Var("TENANT_BASE_DOMAIN", "Tenants resolve from <slug>.<TENANT_BASE_DOMAIN> when set", ""),
    Var("ROOT_TENANT_NAME", "Name of the platform's own tenant (create_super_tenant)", "ProjectMeats"),
    Var("ROOT_TENANT_SLUG", "Slug of the platform's own tenant", "root"),
    *_superuser_vars(),
    Var("EXPO_PUSH_URL", "Expo push API address; push notifications are sent only when set", ""),
    Var("EXPO_ACCESS_TOKEN", "Expo access token for the push API (when the Expo project requires one)", ""),
    Var("EXPO_PUSH_TIMEOUT", "seconds to wait for Expo's push API", "10"),
    Var("EMAIL_HOST", "SMTP server for outgoing e-mail (documents, reminders); console output when empty", "", DEPLOYED),
    Var("EMAIL_PORT", "SMTP port: 587 (STARTTLS) or 465 (implicit TLS)", "587"),
    Var("EMAIL_HOST_USER", "SMTP user name", ""),
    Var("EMAIL_HOST_PASSWORD", "SMTP password", "", secret=True),
    Var("EMAIL_USE_TLS", "STARTTLS after connecting (never together with EMAIL_USE_SSL)", "True on port 587"),
    Var("EMAIL_USE_SSL", "Implicit TLS from the first byte", "True on port 465"),
    Var("EMAIL_TIMEOUT", "Seconds to wait for the SMTP server", "20"),
    Var("EMAIL_BACKEND", "Django e-mail backend", "smtp when EMAIL_HOST is set, else console"),
    Var("DEFAULT_FROM_EMAIL", "Sender of outgoing e-mail", "ProjectMeats <noreply@projectmeats.local>", DEPLOYED),
    Var("EMAIL_SEND_MAX_ATTEMPTS", "Attempts per e-mail through the worker before it is marked failed", "5"),
    Var("EMAIL_RETRY_BACKOFF_SECONDS", "First retry delay; doubles per attempt (capped at an hour)", "60"),
    Var(
        "WEB_APP_URL",
        "Address of the web app that invitation and password-reset e-mails link to (set it when deployed); "
        "the request's host when empty",
        "",
    ),
    Var("INVITATION_EXPIRY_DAYS", "Days an invitation link stays valid", "7"),
    Var("INVITATION_LINK_RATE", "Invitation preview/accept attempts per client", "60/hour"),
    Var("PASSWORD_RESET_RATE", "Password-reset requests per client", "5/hour"),
    Var("PASSWORD_RESET_CONFIRM_RATE", "Password-reset confirmations per client", "20/hour"),
    Var("PASSWORD_RESET_MAILS_PER_ADDRESS", "Reset e-mails per address per hour (further requests get no mail)", "3"),
    Var("PASSWORD_RESET_TIMEOUT_SECONDS", "Seconds a password-reset link stays valid", "3600"),
    Var(
        "TEST_SQLITE_FILE",
        "Tests only: the SQLite file of the test database, for tests whose worker subprocesses share it",
        "",
        envs=("development",),
    ),
    Var(
        "LOG_LEVEL", "Root log level (JSON lines with request id, tenant and task when deployed)", "INFO"
    ),
    Var("LOG_FORMAT", "json: JSON log lines outside staging/production too (always JSON when deployed)", "plain"),
    Var("SECURE_SSL_REDIRECT", "Redirect http to https (the proxy must send X-Forwarded-Proto)", "True", envs=DEPLOYED),
    Var("SECURE_HSTS_SECONDS", "HSTS max-age; one year by default", "31536000", envs=DEPLOYED),
    Var("SECURE_HSTS_INCLUDE_SUBDOMAINS", "HSTS for every subdomain too", "True", envs=DEPLOYED),
    Var("SECURE_HSTS_PRELOAD", "Ask browsers to preload HSTS for the domain", "True", envs=DEPLOYED),
    Var("SENTRY_DSN", "Error reporting to Sentry; off when empty", "", secret=True, envs=DEPLOYED),
    Var("SENTRY_ENVIRONMENT", "Environment name shown in Sentry", "DJANGO_ENV", envs=DEPLOYED),
    Var("SENTRY_TRACES_SAMPLE_RATE", "Share of requests traced for performance (0 to 1)", "0", envs=DEPLOYED),
    Var("APP_VERSION", "Release identifier (git SHA), set by the image build", "", envs=DEPLOYED),
    Var("API_SCHEMA_PUBLIC", "Serve /api/schema/ and /api/docs/ without signing in (off when deployed)", "False", envs=DEPLOYED),
    Var(
        "AWS_STORAGE_BUCKET_NAME",
        "S3-compatible bucket for uploaded files (web and worker share them through it); local MEDIA_ROOT when empty",
        "",
        DEPLOYED,
    ),
    Var("AWS_S3_ENDPOINT_URL", "Endpoint of a non-AWS S3 service (DigitalOcean Spaces, MinIO)", ""),
    Var("AWS_S3_REGION_NAME", "Bucket region", ""),
    Var("AWS_ACCESS_KEY_ID", "Bucket access key", "", DEPLOYED, True),
    Var("AWS_SECRET_ACCESS_KEY", "Bucket secret key", "", DEPLOYED, True),
    Var("AWS_LOCATION", "Key prefix inside the bucket", "media"),
    Var(
        "OPENAI_API_KEY",
        "AI assistant: key of an OpenAI-compatible API; the offline provider serves without it",
        "",
        secret=True,
    ),
    Var("OPENAI_BASE_URL", "AI assistant: base URL of a self-hosted OpenAI-compatible server", ""),
    Var("OPENAI_MODEL", "AI assistant: model name", ""),
    Var("WEB_CONCURRENCY", "Gunicorn worker processes (default 2 x CPU + 1, at most 8)", "", envs=DEPLOYED),
    Var("GUNICORN_THREADS", "Threads per gunicorn worker", "2", envs=DEPLOYED),
    Var("PORT", "Port gunicorn listens on inside the container", "8000", envs=DEPLOYED),
    Var(
        "FORWARDED_ALLOW_IPS", "Proxies gunicorn trusts for X-Forwarded-* (the platform's network)", "*", envs=DEPLOYED
    ),
    Var("GUNICORN_TIMEOUT", "Seconds before gunicorn restarts a stuck worker", "60", envs=DEPLOYED),
]
BY_NAME = {var.name: var for var in VARIABLES}
TRUE_VALUES = {"1", "true", "yes", "on"}


def parse_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; '#' comments, blank lines, optional 'export ' and surrounding quotes allowed."""
    values = {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        if "=" not in line:
            raise SystemExit(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        key, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def problems_for(env: str, values: dict[str, str]) -> list[str]:
    """Every missing or unsafe variable for env, one message each, naming the variable first."""
    found = []
    deployed = env in DEPLOYED
    for var in VARIABLES:
        value = values.get(var.name, "")
        if env in var.required_in and not value:
            found.append(f"{var.name}: missing ({var.meaning})")
        elif PLACEHOLDER in value:
            found.append(f"{var.name}: still the placeholder {PLACEHOLDER}; fill in a real value")
    if not deployed:
        return found

    def flag(name: str, why: str) -> None:
        if not any(message.startswith(f"{name}:") for message in found):
            found.append(f"{name}: {why}")

    if values.get("DJANGO_ENV") and values["DJANGO_ENV"] != env:
        flag("DJANGO_ENV", f"is {values['DJANGO_ENV']!r}, expected {env!r}")
    secret_key = values.get("SECRET_KEY", "")
    if secret_key and (
        secret_key in INSECURE_SECRET_KEYS
        or secret_key.startswith("django-insecure")
        or len(secret_key) < 50
        or len(set(secret_key)) < 5
    ):
        flag("SECRET_KEY", "insecure (the default, 'django-insecure…', or shorter than 50 random characters)")
    if values.get("DEBUG", "").strip().lower() in TRUE_VALUES:
        flag("DEBUG", "is on; it must be False outside development")
    if "*" in values.get("ALLOWED_HOSTS", ""):
        flag("ALLOWED_HOSTS", "contains a wildcard '*'; list the real host names")
    for name in ("CORS_ALLOWED_ORIGINS", "CSRF_TRUSTED_ORIGINS"):
        origins = _items(values.get(name, ""))
        if any("*" in origin for origin in origins):
            flag(name, "contains a wildcard '*'; list the real https:// origins")
        elif any(not origin.startswith("https://") for origin in origins):
            flag(name, "every origin must start with https://")
    for name in ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"):
        if values.get(name, "").strip().lower() in TRUE_VALUES:
            flag(name, "allows every origin; use CORS_ALLOWED_ORIGINS")
    if values.get("DATABASE_URL", "").startswith("sqlite"):
        flag("DATABASE_URL", "SQLite is for development only; use PostgreSQL")
    if values.get("SECURE_SSL_REDIRECT", "true").strip().lower() not in TRUE_VALUES:
        flag("SECURE_SSL_REDIRECT", "is off; HTTPS must be enforced")
    for problem in stateless_problems(values):
        flag(*problem)
    if values.get("EMAIL_USE_TLS", "").strip().lower() in TRUE_VALUES and values.get(
        "EMAIL_USE_SSL", ""
    ).strip().lower() in TRUE_VALUES:
        flag("EMAIL_USE_SSL", "and EMAIL_USE_TLS are both on; choose one (465: SSL, 587: TLS)")
    for var in VARIABLES:
        value = values.get(var.name, "")
        if var.name.endswith("_PASSWORD") and var.name != "EMAIL_HOST_PASSWORD" and value and len(value) < 16:
            flag(var.name, "shorter than 16 characters")
    return found


def _url_user(url: str) -> str:
    match = re.match(r"^[a-z0-9+]+://([^:@/]+)(?::[^@]*)?@", url.strip())
    return match.group(1) if match else ""


def stateless_problems(values: dict[str, str]) -> list[tuple[str, str]]:
    """What a deployed environment needs so that any web or worker container can be replaced or added:
    uploads in object storage, tasks on a broker, the cache in Redis, the runtime as the app role, HSTS on.
    Missing values are reported by `required_in`; these are values present but wrong."""
    found = []
    for name in ("CELERY_BROKER_URL", "REDIS_URL"):
        value = values.get(name, "").strip()
        if value and not value.startswith(("redis://", "rediss://")):
            found.append((name, f"must be a redis:// or rediss:// URL, got {value.split(':', 1)[0]}:…"))
    endpoint = values.get("AWS_S3_ENDPOINT_URL", "").strip()
    if endpoint and not endpoint.startswith(("https://", "http://")):
        found.append(("AWS_S3_ENDPOINT_URL", "must be the https:// address of the S3-compatible service"))
    app_role = values.get("DATABASE_APP_ROLE", "").strip() or BY_NAME["DATABASE_APP_ROLE"].default
    replica_url = values.get("DATABASE_REPLICA_URL", "").strip()
    if replica_url and not replica_url.startswith("postgres"):
        found.append(("DATABASE_REPLICA_URL", "must be a postgres:// URL of a read replica of DATABASE_URL"))
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL"):  # the replica serves the same requests: the same role
        database_url = values.get(name, "").strip()
        user = _url_user(database_url)
        if database_url.startswith("postgres") and user != app_role:
            owner = _url_user(values.get("DATABASE_OWNER_URL", ""))
            why = "the table owner" if user and user == owner else "not the app role"
            found.append(
                (
                    name,
                    f"connects as {user or '(no user)'}, {why}; the runtime must connect as {app_role} "
                    "(no BYPASSRLS, owns nothing) so that row-level security applies",
                )
            )
    hsts = values.get("SECURE_HSTS_SECONDS", "").strip()
    if hsts and (not hsts.isdigit() or int(hsts) < 86400):
        found.append(("SECURE_HSTS_SECONDS", f"is {hsts!r}; HSTS must be on (at least 86400, a year by default)"))
    return found


def default_file(env: str) -> Path:
    filled = ENV_DIR / f"{env}.env"
    return filled if filled.exists() or env == "development" else ENV_DIR / f"{env}.env.example"


def cmd_list(args: argparse.Namespace) -> int:
    width = max(len(var.name) for var in VARIABLES)
    for var in VARIABLES:
        required = f" [required: {', '.join(var.required_in)}]" if var.required_in else ""
        default = f" (default: {var.default})" if var.default else ""
        secret = " [secret]" if var.secret else ""
        print(f"{var.name:<{width}}  {var.meaning}{default}{required}{secret}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    if args.environ:
        source, values = "the process environment", dict(os.environ)
    else:
        path = Path(args.file) if args.file else default_file(args.env)
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        source, values = str(path), parse_env_file(path)
    found = problems_for(args.env, values)
    if found:
        print(f"{args.env}: {len(found)} problem(s) in {source}:", file=sys.stderr)
        for message in found:
            print(f"  - {message}", file=sys.stderr)
        return 1
    print(f"{args.env}: OK ({source})")
    return 0


def _random_password() -> str:
    return secrets.token_urlsafe(24)


def generate_values(env: str, domain: str | None) -> dict[str, str]:
    """Fresh secrets for env; host names from --domain when given, placeholders otherwise."""
    values = {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_APP_PASSWORD": _random_password(),
        "DATABASE_OPS_PASSWORD": _random_password(),
        f"{SUPERUSER_PREFIX[env]}_SUPERUSER_PASSWORD": _random_password(),
    }
    if domain:
        values["ALLOWED_HOSTS"] = domain
        values["CORS_ALLOWED_ORIGINS"] = f"https://{domain}"
        values["CSRF_TRUSTED_ORIGINS"] = f"https://{domain}"
    return values


def render(template: str, replacements: dict[str, str]) -> str:
    """The template with each KEY=... line whose key is replaced rewritten; comments and order kept."""
    lines = []
    for line in template.splitlines():
        match = re.match(r"^(\s*#?\s*)([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match and match.group(2) in replacements:
            line = f"{match.group(2)}={replacements[match.group(2)]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def cmd_generate(args: argparse.Namespace) -> int:
    env = args.env
    template_path = ENV_DIR / (f"{env}.env" if env == "development" else f"{env}.env.example")
    output = Path(args.output) if args.output else ENV_DIR / f"{env}.env"
    if output.exists() and not args.force:
        print(f"{output} exists; pass --force to overwrite it", file=sys.stderr)
        return 1
    values = generate_values(env, args.domain)
    text = render(template_path.read_text(), values)
    for role_var, password_var in (
        ("DATABASE_APP_ROLE", "DATABASE_APP_PASSWORD"),
        ("DATABASE_OPS_ROLE", "DATABASE_OPS_PASSWORD"),
    ):
        role = BY_NAME[role_var].default
        text = text.replace(f"//{role}:{PLACEHOLDER}@", f"//{role}:{values[password_var]}@")
    if args.db_host:
        text = text.replace(f"@{PLACEHOLDER}-db-host:", f"@{args.db_host}:")
    output.write_text(text)
    output.chmod(0o600)
    remaining = problems_for(env, parse_env_file(output))
    print(f"Wrote {output} with fresh secrets (keep it out of git; store the values as deployment secrets).")
    if remaining:
        print("Still to fill in by hand:")
        for message in remaining:
            print(f"  - {message}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manage_env.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every variable with its meaning, default and where it is required")
    check = sub.add_parser("check", help="exit 1 naming each missing or unsafe variable")
    check.add_argument("env", choices=ENVIRONMENTS)
    source = check.add_mutually_exclusive_group()
    source.add_argument("--file", help="env file to check (default: environments/ENV.env, else ENV.env.example)")
    source.add_argument("--environ", action="store_true", help="check the process environment")
    generate = sub.add_parser("generate", help="write environments/ENV.env from the template with fresh secrets")
    generate.add_argument("env", choices=ENVIRONMENTS)
    generate.add_argument("--domain", help="public host name (sets ALLOWED_HOSTS, CORS and CSRF origins)")
    generate.add_argument("--db-host", help="PostgreSQL host name, filled into the connection URLs")
    generate.add_argument("--output", help="where to write (default: environments/ENV.env)")
    generate.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    return {"list": cmd_list, "check": cmd_check, "generate": cmd_generate}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
