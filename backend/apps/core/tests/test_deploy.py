"""Deployment safety: production settings pass Django's deploy checks with zero findings, and
config/manage_env.py refuses an environment until every missing or unsafe variable is fixed."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

BACKEND = Path(__file__).resolve().parents[3]
REPO = BACKEND.parent
MANAGE_ENV = REPO / "config" / "manage_env.py"
ENV_DIR = REPO / "config" / "environments"
OWNER_URL = "postgres://doadmin:owner-password-from-provider@db.internal:25060/projectmeats?sslmode=require"


def manage_env(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MANAGE_ENV), *args], capture_output=True, text=True, timeout=60, check=False
    )


def parse_env(path: Path) -> dict[str, str]:
    sys.path.insert(0, str(MANAGE_ENV.parent))
    try:
        import manage_env as module
    finally:
        sys.path.pop(0)
    return module.parse_env_file(path)


# What only the providers know (database owner, SMTP account); generate cannot invent these.
PROVIDER_VALUES = {
    "DATABASE_OWNER_URL": OWNER_URL,
    "EMAIL_HOST": "smtp.mailprovider.example",
    "EMAIL_HOST_USER": "apikey",
    "EMAIL_HOST_PASSWORD": "provider-issued-smtp-password",
    "AWS_STORAGE_BUCKET_NAME": "projectmeats-media",
    "AWS_S3_ENDPOINT_URL": "https://nyc3.digitaloceanspaces.com",
    "AWS_S3_REGION_NAME": "nyc3",
    "AWS_ACCESS_KEY_ID": "DO00EXAMPLEACCESSKEY",
    "AWS_SECRET_ACCESS_KEY": "provider-issued-spaces-secret-key",
}


@pytest.fixture
def filled_production_env(tmp_path) -> Path:
    return generate_filled_env(tmp_path / "production.env")


def generate_filled_env(path: Path) -> Path:
    """What an operator ends with: generate, then the values only the providers know."""
    result = manage_env(
        "generate", "production", "--domain", "app.example.org", "--db-host", "db.internal", "--output", str(path)
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text()
    for name, value in PROVIDER_VALUES.items():
        text = re.sub(rf"^{name}=.*$", f"{name}={value}", text, flags=re.M)
    path.write_text(text)
    return path


def run_deploy_check(env_values: dict[str, str], env_name: str = "production") -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update({key: value for key, value in env_values.items() if value})
    env.update({"DJANGO_ENV": env_name, "DJANGO_SETTINGS_MODULE": "projectmeats.settings"})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("env_name", ["production", "staging"])
def test_deploy_check_has_zero_findings_with_example_values(filled_production_env, env_name):
    values = parse_env(filled_production_env)
    result = run_deploy_check(values, env_name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_when_https_is_not_enforced(filled_production_env):
    values = parse_env(filled_production_env) | {"SECURE_SSL_REDIRECT": "False", "SECURE_HSTS_SECONDS": "0"}
    result = run_deploy_check(values)
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W004" in result.stderr


def test_production_refuses_to_start_without_secret_key(filled_production_env):
    values = parse_env(filled_production_env) | {"SECRET_KEY": ""}
    result = run_deploy_check(values)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("env_name", ["staging", "production"])
def test_manage_env_check_fails_on_the_example_naming_each_problem(env_name):
    result = manage_env("check", env_name, "--file", str(ENV_DIR / f"{env_name}.env.example"))
    assert result.returncode == 1
    prefix = env_name.upper()
    for name in (
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "CORS_ALLOWED_ORIGINS",
        "CSRF_TRUSTED_ORIGINS",
        "DATABASE_URL",
        "DATABASE_OPS_URL",
        "DATABASE_APP_PASSWORD",
        f"{prefix}_SUPERUSER_PASSWORD",
    ):
        assert f"- {name}:" in result.stderr, f"{name} not named in:\n{result.stderr}"


def test_manage_env_check_names_missing_and_unsafe_values(tmp_path):
    env_file = tmp_path / "production.env"
    env_file.write_text(
        "DJANGO_ENV=production\n"
        "SECRET_KEY=django-insecure-development-only-key-change-me\n"
        "DEBUG=on\n"
        "ALLOWED_HOSTS=api.example.org,*\n"
        "CORS_ALLOWED_ORIGINS=http://app.example.org\n"
    )
    result = manage_env("check", "production", "--file", str(env_file))
    assert result.returncode == 1
    assert "- SECRET_KEY: insecure" in result.stderr
    assert "- DEBUG: is on" in result.stderr
    assert "- ALLOWED_HOSTS: contains a wildcard" in result.stderr
    assert "- CORS_ALLOWED_ORIGINS: every origin must start with https://" in result.stderr
    assert "- DATABASE_URL: missing" in result.stderr
    assert "- PRODUCTION_SUPERUSER_PASSWORD: missing" in result.stderr


def test_manage_env_check_passes_on_a_filled_in_file(filled_production_env):
    result = manage_env("check", "production", "--file", str(filled_production_env))
    assert result.returncode == 0, result.stderr
    assert "production: OK" in result.stdout


def test_manage_env_check_reads_the_process_environment(filled_production_env):
    env = {"PATH": os.environ.get("PATH", "")} | parse_env(filled_production_env)
    ok = subprocess.run(
        [sys.executable, str(MANAGE_ENV), "check", "production", "--environ"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    env["DEBUG"] = "True"
    refused = subprocess.run(
        [sys.executable, str(MANAGE_ENV), "check", "production", "--environ"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1 and "- DEBUG: is on" in refused.stderr


def test_development_env_file_checks_clean():
    result = manage_env("check", "development")
    assert result.returncode == 0, result.stderr


def test_every_variable_the_settings_read_is_documented():
    read_by_settings = set()
    pattern = re.compile(r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list|_required)\(\s*["']([A-Z0-9_]+)["']""")
    subscript = re.compile(r"""os\.environ\[\s*["']([A-Z0-9_]+)["']\s*\]""")
    for path in (BACKEND / "projectmeats" / "settings").glob("*.py"):
        text = path.read_text()
        read_by_settings |= set(pattern.findall(text)) | set(subscript.findall(text))
    listed = manage_env("list").stdout
    documented = {line.split()[0] for line in listed.splitlines() if line.strip()}
    undocumented = sorted(read_by_settings - documented)
    assert read_by_settings, "the settings read no variables? the pattern is broken"
    assert not undocumented, f"add these to VARIABLES in config/manage_env.py: {undocumented}"


def test_every_request_gets_an_id_in_the_response_and_logs(db, caplog):
    response = Client().get("/health/")
    generated = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    kept = Client().get("/health/", HTTP_X_REQUEST_ID="lb-trace-0001")
    assert kept["X-Request-ID"] == "lb-trace-0001"
    replaced = Client().get("/health/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert replaced["X-Request-ID"] != "bad id\nwith newline"


def test_an_empty_database_url_means_the_embedded_default():
    """CI's SQLite leg and env files write `DATABASE_URL=`; that must not crash the settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update({"DJANGO_ENV": "test", "DATABASE_URL": "", "DATABASE_OPS_URL": " "})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
            "sorted(settings.DATABASES))",
        ],
        cwd=BACKEND,
        env={**env, "DJANGO_SETTINGS_MODULE": "projectmeats.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", str(BACKEND / "db.sqlite3"), "['default']"]


def test_production_serves_the_schema_only_to_signed_in_users_by_default(filled_production_env):
    values = {k: v for k, v in parse_env(filled_production_env).items() if k != "API_SCHEMA_PUBLIC"}
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "API_"))}
    env.update({key: value for key, value in values.items() if value})
    env.update({"DJANGO_ENV": "production", "DJANGO_SETTINGS_MODULE": "projectmeats.settings"})
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from apps.core.schema_views import schema_permissions; "
        "print(settings.API_SCHEMA_PUBLIC, *[type(p).__name__ for p in schema_permissions()])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BACKEND, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split()[-2:] == ["False", "IsAuthenticated"], result.stderr[-3000:]
