"""`manage_env.py check production` means stateless: it fails, naming the piece, when uploads would live on one
container's disk, tasks would run inside web requests, the cache would be per process, the runtime would connect as
the table owner or a superuser, or HSTS would be off. Code reaches media only through the storage API."""

import re
from pathlib import Path

import pytest
import yaml

from .test_deploy import REPO, generate_filled_env, manage_env, parse_env

BACKEND = REPO / "backend"


@pytest.fixture
def filled_production_env(tmp_path) -> Path:
    return generate_filled_env(tmp_path / "production.env")


def check(values: dict[str, str], tmp_path: Path, env: str = "production"):
    path = tmp_path / f"{env}-case.env"
    path.write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    return manage_env("check", env, "--file", str(path))


def problems(stderr: str) -> list[str]:
    return [line.strip()[2:] for line in stderr.splitlines() if line.strip().startswith("- ")]


OWNER = "postgres://doadmin:owner-password-from-provider@db.internal:25060/projectmeats?sslmode=require"
SUPERUSER = "postgres://postgres:superuser-password-12345@db.internal:5432/projectmeats"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"AWS_STORAGE_BUCKET_NAME": None}, "AWS_STORAGE_BUCKET_NAME: missing (S3-compatible bucket"),
        ({"AWS_SECRET_ACCESS_KEY": ""}, "AWS_SECRET_ACCESS_KEY: missing"),
        ({"AWS_S3_ENDPOINT_URL": "nyc3.digitaloceanspaces.com"}, "AWS_S3_ENDPOINT_URL: must be the https://"),
        ({"CELERY_BROKER_URL": None}, "CELERY_BROKER_URL: missing (Celery broker (Redis); empty runs tasks eagerly"),
        ({"CELERY_BROKER_URL": "memory://"}, "CELERY_BROKER_URL: must be a redis:// or rediss:// URL"),
        ({"REDIS_URL": ""}, "REDIS_URL: missing (Redis for the shared cache"),
        ({"REDIS_URL": "locmem://"}, "REDIS_URL: must be a redis:// or rediss:// URL"),
        ({"DATABASE_URL": OWNER}, "DATABASE_URL: connects as doadmin, the table owner; the runtime must connect as"),
        ({"DATABASE_URL": SUPERUSER}, "DATABASE_URL: connects as postgres, not the app role; the runtime must"),
        ({"DATABASE_REPLICA_URL": OWNER}, "DATABASE_REPLICA_URL: connects as doadmin, the table owner; the runtime"),
        ({"DATABASE_REPLICA_URL": "mysql://projectmeats_app:x@replica/db"}, "DATABASE_REPLICA_URL: must be a postgres"),
        ({"SECURE_HSTS_SECONDS": "0"}, "SECURE_HSTS_SECONDS: is '0'; HSTS must be on"),
        ({"SECURE_HSTS_SECONDS": "one year"}, "SECURE_HSTS_SECONDS: is 'one year'; HSTS must be on"),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else None,
)
@pytest.mark.parametrize("env", ["production", "staging"])
def test_check_fails_on_each_missing_stateless_piece_naming_it(filled_production_env, tmp_path, change, expected, env):
    values = parse_env(filled_production_env)
    assert "SECURE_HSTS_SECONDS" in values and values["DATABASE_URL"].startswith("postgres://projectmeats_app:")
    if env == "staging":
        values = {
            key.replace("PRODUCTION_", "STAGING_"): value.replace("production", "staging")
            if key == "DJANGO_ENV"
            else value
            for key, value in values.items()
        }
    assert check(values, tmp_path, env).returncode == 0
    for name, value in change.items():
        if value is None:
            values.pop(name)
        else:
            values[name] = value
    result = check(values, tmp_path, env)
    assert result.returncode == 1, result.stdout
    assert [problem for problem in problems(result.stderr) if problem.startswith(expected)], result.stderr
    assert len(problems(result.stderr)) == 1, result.stderr  # the one broken piece, nothing else


def test_a_custom_app_role_is_the_one_the_runtime_must_use(filled_production_env, tmp_path):
    values = parse_env(filled_production_env) | {"DATABASE_APP_ROLE": "pm_runtime"}
    result = check(values, tmp_path)
    assert result.returncode == 1 and "DATABASE_URL: connects as projectmeats_app, not the app role" in result.stderr
    values["DATABASE_URL"] = values["DATABASE_URL"].replace("//projectmeats_app:", "//pm_runtime:")
    assert check(values, tmp_path).returncode == 0


def test_the_deploy_job_hands_every_required_variable_to_the_check():
    """deploy.yml runs `check --environ`: a required variable missing from its env would fail every deploy."""
    import sys

    sys.path.insert(0, str(REPO / "config"))
    try:
        import manage_env as module
    finally:
        sys.path.pop(0)
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    env = workflow["jobs"]["deploy"]["env"]
    for django_env in ("staging", "production"):
        required = {var.name for var in module.VARIABLES if django_env in var.required_in}
        missing = sorted(required - set(env))
        assert not missing, f"add to .github/workflows/deploy.yml jobs.deploy.env: {missing}"


def test_media_is_reached_only_through_the_storage_api():
    """A local path (FieldFile.path, MEDIA_ROOT) works on one container only; the worker would not find the file."""
    offenders = []
    pattern = re.compile(r"MEDIA_ROOT|\.(?:file|screenshot)\.path\b|default_storage\.path\(|storage\.path\(")
    for path in (BACKEND / "apps").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.parent.name == "testing":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(BACKEND)}:{number}: {line.strip()}")
    assert not offenders, "read and write media through the storage API:\n" + "\n".join(offenders)


def test_the_workers_stop_grace_outlasts_the_longest_task():
    """A deploy sends SIGTERM; the worker finishes its running tasks only if the platform waits longer than the
    hard time limit before SIGKILL (otherwise the task waits out the visibility timeout)."""
    from django.conf import settings

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    grace = compose["services"]["worker"]["stop_grace_period"]
    assert grace.endswith("s") and int(grace[:-1]) > settings.CELERY_TASK_TIME_LIMIT
    spec = yaml.safe_load((REPO / ".do" / "app.yaml").read_text())
    [worker] = [item for item in spec["workers"] if item["name"] == "worker"]
    assert worker["termination"]["grace_period_seconds"] > settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
