"""Real servers and workers for tests: a throwaway redis-server on a free 127.0.0.1 port, Celery worker
subprocesses against it, and a file copy of the test database a subprocess can open (SQLite's test database
lives in memory). Nothing here is a stand-in: the worker is `celery -A projectmeats worker`, the broker is Redis."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

BACKEND = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def _redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def redis_server(tmp_path: Path):
    """A redis-server of its own (no persistence) on a free port; yields its redis:// URL, stopped after."""
    port = free_port()
    log = open(tmp_path / "redis.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while not _redis_ping(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: {(tmp_path / 'redis.log').read_text()[-2000:]}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def shared_database_url(tmp_path: Path) -> str:
    """A DATABASE_URL another process can use to see the test database's committed rows (transactional tests).
    PostgreSQL: the test database itself. SQLite (in memory): a file copy made with SQLite's backup API."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    connection.ensure_connection()
    target = tmp_path / "shared.sqlite3"
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return f"sqlite:///{target}"


def pull_shared_database(database_url: str) -> None:
    """Make what other processes committed to the shared database visible to this process's ORM and API.
    PostgreSQL: nothing to do (one database). SQLite: the shared file's committed state is copied over the
    in-memory test database with SQLite's backup API (a consistent snapshot, even while a worker writes)."""
    if not database_url.startswith("sqlite:///"):
        return
    connection.ensure_connection()
    source = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def read_row(database_url: str, sql: str, params=()) -> tuple | None:
    """One row read straight from the shared database (what the worker wrote)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute(sql, params).fetchone()
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("?", "%s"), params)
        return cursor.fetchone()


class Worker:
    """`celery -A projectmeats worker` in its own process group (so a kill takes its pool children too)."""

    def __init__(self, env: dict[str, str], log_path: Path, *, name: str):
        self.log_path = log_path
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "projectmeats",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{name}@%h",
            ],
            cwd=BACKEND,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL to the worker and its pool: nothing gets to acknowledge, requeue or clean up."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not self.log.closed:
            self.log.close()


def worker_env(**overrides: str) -> dict[str, str]:
    """The environment of a worker subprocess: this one's PATH and interpreter, development settings, overrides."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update({"DJANGO_ENV": "development", "DEBUG": "False", "PYTHONUNBUFFERED": "1", **overrides})
    return env


def wait_for(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def reset_broker_pools() -> None:
    """Forget the Celery app's broker connection and producer pools (and kombu's global registry of them), so
    the next task is published to the broker the settings name now. A test that starts its own Redis calls it
    before it queues anything; the suite calls it after any test that left a closed or stale pool behind."""
    from kombu import pools

    from projectmeats.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def broker_pools_stale() -> bool:
    from kombu import pools

    from projectmeats.celery import app

    if any(getattr(pool, "_closed", False) for pool in pools.connections.values()):
        return True
    pool = app._pool
    if pool is None:
        return False
    connection = getattr(pool, "connection", None)
    return connection is None or connection.as_uri() != app.connection_for_write().as_uri()
