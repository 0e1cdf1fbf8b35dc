"""A throwaway PostgreSQL primary and a streaming standby of it, for the replica router's test.

The primary is a fresh `initdb` in a temporary folder on a free 127.0.0.1 port (wal_level=replica, trust
authentication including replication); the standby is `pg_basebackup -R -X stream` of it, started on another
free port, so it replays the primary's WAL as a real read replica does. Both are stopped and their folders
deleted when the context ends, whatever happened. Needs the PostgreSQL server binaries (PG_BINDIR, else found
under /usr/lib/postgresql/<major>/bin); initdb and pg_ctl refuse to run as root, so as root they run as the
`postgres` OS user."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .processes import free_port

SERVER_BINARIES = ("initdb", "pg_ctl", "pg_basebackup", "pg_dump", "psql")


def find_bindir() -> Path | None:
    """PG_BINDIR when set; else the newest /usr/lib/postgresql/<major>/bin that has the server binaries."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = [
        (int(candidate.parent.name), candidate)
        for candidate in Path("/usr/lib/postgresql").glob("*/bin")
        if candidate.parent.name.isdigit() and all((candidate / name).is_file() for name in SERVER_BINARIES)
    ]
    return max(found)[1] if found else None


def binaries_major() -> int:
    """The major version of the binaries (pg_dump must be at least the version of the server it dumps)."""
    out = subprocess.run([str(PG_BINDIR / "pg_dump"), "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    return int(out.stdout.split()[-1].split(".")[0])


PG_BINDIR = find_bindir() or Path("/usr/lib/postgresql/15/bin")

# Small and fast: this cluster holds one test database for a few seconds and need not survive a crash.
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "wal_level": "replica",
    "max_wal_senders": "4",
    "hot_standby": "on",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "32MB",
    "max_connections": "30",
    "wal_receiver_status_interval": "1s",
    "log_min_messages": "warning",
}


def binaries_available() -> bool:
    return all((PG_BINDIR / name).is_file() for name in SERVER_BINARIES)


def _as_postgres_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def _run(*args: str, timeout: float = 60) -> str:
    result = subprocess.run(  # noqa: S603 - fixed binaries, our own arguments
        [*_as_postgres_user(), *args], capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


@dataclass
class Server:
    data: Path
    port: int
    log: Path

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        _run(str(PG_BINDIR / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(  # noqa: S603
                [
                    *_as_postgres_user(),
                    str(PG_BINDIR / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                timeout=30,
            )

    def log_tail(self) -> str:
        try:
            return self.log.read_text()[-2000:]
        except OSError:
            return ""


def _configure(data: Path, port: int) -> None:
    with open(data / "postgresql.conf", "a") as conf:
        for name, value in {**SERVER_SETTINGS, "port": str(port), "unix_socket_directories": f"'{data}'"}.items():
            conf.write(f"{name} = {value}\n")
    (data / "pg_hba.conf").write_text(
        "host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\nlocal all all trust\n"
    )


@contextmanager
def primary_and_standby():
    """Yields (primary, standby): both running, the standby streaming from the primary and in recovery."""
    root = Path(tempfile.mkdtemp(prefix="pm-replica-"))
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(root, postgres.pw_uid, postgres.pw_gid)
    primary = Server(root / "primary", free_port(), root / "primary.log")
    standby = Server(root / "standby", free_port(), root / "standby.log")
    try:
        for server in (primary, standby):
            _run("touch", str(server.log))
        _run(
            str(PG_BINDIR / "initdb"),
            "-D",
            str(primary.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        _configure(primary.data, primary.port)
        primary.start()
        _run(
            str(PG_BINDIR / "pg_basebackup"),
            "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast", "--no-sync",
        )  # fmt: skip
        with open(standby.data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {standby.port}\nunix_socket_directories = '{standby.data}'\n")
        standby.start()
        yield primary, standby
    finally:
        for server in (standby, primary):
            with suppress(subprocess.SubprocessError, OSError):  # the other server and the folder still matter
                server.stop()
        shutil.rmtree(root, ignore_errors=True)


def wait_until(predicate, *, timeout: float = 30, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)
