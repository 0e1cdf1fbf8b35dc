"""Gunicorn settings for the backend image: workers sized from the CPUs this container may use."""

import os
from pathlib import Path


def usable_cpus() -> int:
    """CPUs granted to the container: the cgroup v2 quota when set, else the scheduler's affinity mask."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, count)


bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# (2 x CPU) + 1 sync workers, capped so a large host does not exhaust PostgreSQL connections.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * usable_cpus() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never takes the service down.
max_requests = 1000
max_requests_jitter = 100
worker_tmp_dir = "/dev/shm"  # noqa: S108 - heartbeat files in memory, not on a possibly slow overlay disk
# The proxy in front (nginx / the platform's load balancer) sets X-Forwarded-*; trust it inside the network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s", '
    '"user_agent": "%(a)s"}'
)
# gunicorn's own lines (start, worker boot and timeouts) as JSON too; access lines are already JSON (above) and
# pass through unchanged. Plain text when LOG_FORMAT=plain (a terminal).
if os.environ.get("LOG_FORMAT", "json").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "raw", "stream": "ext://sys.stdout"},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            "raw": {"format": "%(message)s"},
        },
    }
