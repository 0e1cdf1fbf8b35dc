#!/usr/bin/env python3
"""`make scale-check`: two web processes and two Celery workers on one PostgreSQL database and one Redis, checked
over real HTTP. Shows that nothing a request or a task needs lives in one process:

  session     signed in on web 1 (CSRF cookie, X-CSRFToken, session cookie, as the web app does); that session
              cookie alone is signed in on web 2
  throttle    wrong passwords for one account, alternating between the two webs, are refused (429) at the
              configured count, not at twice it (the login limiter's counts live in Redis)
  uploads     documents uploaded through web 1 are processed by the workers (which worker took each one: the
              workers' task events, cross-checked in that worker's log); both workers take work; every document
              ends `extracted`
  numbering   N purchase orders created concurrently, split over both webs: N distinct, consecutive numbers

Everything runs as deployed: DJANGO_ENV=production behind a (simulated) TLS proxy (Host, X-Forwarded-Proto),
gunicorn with backend/gunicorn.conf.py, `celery -A projectmeats worker`, the database migrated and
`setup_db_roles` run by the owner, web and worker connecting as the app role (row-level security applies) and
the ops role. Media is a folder both share (one machine; production uses the bucket).

Usage: python config/scale_check.py [--database pm_scale] [--fresh] [--break-cache]
  --fresh        drop and recreate the database first (else it is migrated in place; each run uses a new tenant)
  --break-cache  start the webs without REDIS_URL (a local-memory cache per process): the throttle check fails
Exit status 0 when every check passed, 1 otherwise. Every process it started is stopped on the way out.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
PY = sys.executable
PUBLIC_HOST = "scale.test"  # the host the load balancer forwards to both webs
ORIGIN = f"https://{PUBLIC_HOST}"
PASSWORD = "scale-check-pass-2026"  # noqa: S105 - a throwaway account in a throwaway tenant
PURCHASE_ORDERS = 20
UPLOADS = 6


class CheckFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {what}")


class Processes:
    """Every process started here, each in its own process group; stop() ends them all (TERM, then KILL)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.started: list[tuple[str, subprocess.Popen, object]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            argv, cwd=BACKEND, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process, log))
        return process

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    def check_alive(self) -> None:
        for name, process, _log in self.started:
            if process.poll() is not None:
                raise CheckFailed(f"{name} exited ({process.returncode}):\n{self.log(name)[-3000:]}")

    def stop(self) -> None:
        for _name, process, _log in reversed(self.started):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 20
        for _name, process, log in reversed(self.started):
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
            log.close()
        self.started.clear()


def base_env(database: str, redis_url: str, media: Path, *, role: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    owner = f"postgres://postgres@127.0.0.1:5432/{database}"
    env.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": "scale-check-" + "x" * 50,
            "ALLOWED_HOSTS": PUBLIC_HOST,
            "CSRF_TRUSTED_ORIGINS": ORIGIN,
            "CORS_ALLOWED_ORIGINS": ORIGIN,
            "DATABASE_URL": owner if role == "owner" else f"postgres://projectmeats_app@127.0.0.1:5432/{database}",
            "DATABASE_OPS_URL": f"postgres://projectmeats_ops@127.0.0.1:5432/{database}",
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "MEDIA_ROOT": str(media),
            "LOG_FORMAT": "json",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if role == "owner":
        env.pop("DATABASE_OPS_URL")
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [PY, "manage.py", *args], cwd=BACKEND, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CheckFailed(f"manage.py {' '.join(args[:1])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def prepare_database(database: str, *, fresh: bool) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')


SETUP_CODE = """
from django.contrib.auth import get_user_model
from django.core.management import call_command
from apps.tenants.models import Tenant
User = get_user_model()
for name in ("{owner}", "{clerk}"):
    User.objects.create_user(name, email=name + "@scale.test", password="{password}")
call_command("create_tenant", "Scale Check {stamp}", slug="{slug}", owner="{owner}")
tenant = Tenant.objects.get(slug="{slug}")
from apps.tenants.models import Role, TenantUser
TenantUser.objects.create(tenant=tenant, user=User.objects.get(username="{clerk}"), role=Role.USER)
from django.conf import settings
print("SCALE_TENANT=%s FREE_FAILURES=%s" % (tenant.pk, settings.LOGIN_ACCOUNT_FREE_FAILURES))
"""


def small_pdf(n: int) -> bytes:
    """A one-page PDF with a text layer (no OCR needed), unique per n (uploads are deduplicated by content)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="Letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(40, 60, f"PURCHASE ORDER {n}")
    pdf.set_font("Helvetica", "", 10)
    for index, line in enumerate([f"PO Number: 88-{n:05d}", "Buyer: Heartland Foods Distributors"]):
        pdf.text(40, 90 + 14 * index, line)
    return bytes(pdf.output())


class TaskEvents:
    """Celery task events from the workers (`-E`), read straight from the broker: who received which task."""

    def __init__(self, broker_url: str):
        from celery import Celery

        self.app = Celery(broker=broker_url)
        self.received: dict[str, dict] = {}  # task id -> {hostname, args}
        self.finished: dict[str, dict] = {}  # task id -> {hostname, state, runtime}
        self.workers: set[str] = set()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        def on_event(event):
            kind = event.get("type", "")
            if kind.startswith("worker-"):
                self.workers.add(event["hostname"])
            elif kind == "task-received":
                self.received[event["uuid"]] = {"hostname": event["hostname"], "args": event.get("args", "")}
            elif kind in ("task-succeeded", "task-failed"):
                self.finished[event["uuid"]] = {
                    "hostname": event["hostname"],
                    "state": kind,
                    "runtime": event.get("runtime"),
                }

        while not self.stopping:
            try:
                with self.app.connection_for_read() as conn:
                    receiver = self.app.events.Receiver(conn, handlers={"*": on_event})
                    receiver.should_stop = False
                    for _ in receiver.itercapture(limit=None, timeout=1, wakeup=True):
                        if self.stopping:
                            return
            except Exception:  # noqa: BLE001 - a timeout or the broker going away at the end: reconnect or stop
                time.sleep(0.2)

    def document_task(self, document_id: int) -> tuple[str, dict] | None:
        for task_id, info in self.received.items():
            try:
                args = ast.literal_eval(info["args"])
            except (ValueError, SyntaxError):
                continue
            if args and args[0] == document_id:
                return task_id, info
        return None


class Web:
    """One web process as the load balancer reaches it: the public host and the proxy's https header."""

    def __init__(self, name: str, port: int):
        import requests

        self.name = name
        self.base = f"http://127.0.0.1:{port}"
        self.http = requests.Session()  # connection reuse only; cookies are sent explicitly (they are Secure)
        self.http.trust_env = False

    def request(self, method: str, path: str, *, cookies: dict | None = None, headers: dict | None = None, **kw):
        sent = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https", "Referer": ORIGIN + "/", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
        self.http.cookies.clear()
        return self.http.request(method, self.base + path, headers=sent, timeout=60, allow_redirects=False, **kw)


def check_session(web1: Web, web2: Web, username: str) -> tuple[str, dict]:
    csrf = web1.request("GET", "/api/auth/csrf/")
    token = csrf.cookies.get("csrftoken")
    if csrf.status_code != 200 or not token:
        raise CheckFailed(f"session: GET /api/auth/csrf/ on web 1 gave {csrf.status_code}, no csrftoken cookie")
    login = web1.request(
        "POST",
        "/api/auth/login/",
        cookies={"csrftoken": token},
        headers={"X-CSRFToken": token, "Origin": ORIGIN},
        json={"username": username, "password": PASSWORD},
    )
    session = login.cookies.get("sessionid")
    if login.status_code != 200 or not session:
        raise CheckFailed(f"session: sign-in on web 1 gave {login.status_code}, session cookie {bool(session)}")
    anonymous = web2.request("GET", "/api/auth/me/")
    me = web2.request("GET", "/api/auth/me/", cookies={"sessionid": session})
    if anonymous.status_code not in (401, 403):
        raise CheckFailed(f"session: /api/auth/me/ without a cookie on web 2 gave {anonymous.status_code}")
    if me.status_code != 200 or me.json().get("user", {}).get("username") != username:
        raise CheckFailed(f"session: web 1's session cookie on web 2 gave {me.status_code} {me.text[:200]}")
    report = (
        f"signed in on web 1 as {username}; web 2 with that session cookie: {me.status_code} as "
        f"{me.json()['user']['username']} (without it: {anonymous.status_code})"
    )
    return report, login.json()


def check_throttle(web1: Web, web2: Web, username: str, free_failures: int) -> str:
    statuses = []
    for attempt in range(2 * free_failures + 2):
        web = (web1, web2)[attempt % 2]
        answer = web.request("POST", "/api/auth/login/", json={"username": username, "password": "wrong-" + PASSWORD})
        statuses.append((web.name, answer.status_code))
        if answer.status_code == 429:
            break
    first_refusal = next((i + 1 for i, (_web, code) in enumerate(statuses) if code == 429), None)
    figures = " ".join(f"{code}@{web}" for web, code in statuses)
    if first_refusal != free_failures + 1 or any(code != 400 for _web, code in statuses[:free_failures]):
        raise CheckFailed(
            f"throttle: the limit is {free_failures} failures; wrong passwords alternating over both webs were "
            f"first refused at attempt {first_refusal} ({figures})"
        )
    return (
        f"{free_failures} failures allowed, alternating web 1 / web 2: attempt {first_refusal} refused (429 on "
        f"{statuses[-1][0]}): {figures}"
    )


def check_uploads(web1: Web, web2: Web, auth: dict, events: TaskEvents, processes: Processes, stamp: int) -> str:
    ids = []
    for n in range(UPLOADS):
        pdf = small_pdf(stamp * 100 + n)
        answer = web1.request(
            "POST",
            "/api/v1/ai-assistant/documents/",
            headers=auth,
            files={"file": (f"scale-po-{n}.pdf", pdf, "application/pdf")},
        )
        if answer.status_code not in (200, 201, 202):
            raise CheckFailed(f"uploads: upload {n + 1} on web 1 gave {answer.status_code} {answer.text[:300]}")
        ids.append(answer.json()["id"])

    def all_done():
        processes.check_alive()
        states = {}
        for pk in ids:
            body = web2.request("GET", f"/api/v1/ai-assistant/documents/{pk}/", headers=auth).json()
            states[pk] = body.get("status")
        return states if all(s not in ("uploaded", "processing") for s in states.values()) else None

    states = wait_for(all_done, timeout=240, what="the uploaded documents to be processed", interval=1)
    taken = {}
    for pk in ids:
        found = wait_for(lambda pk=pk: events.document_task(pk), timeout=10, what=f"document {pk}'s task event")
        task_id, info = found
        hostname = info["hostname"]
        short = hostname.split("@")[0]
        if task_id not in processes.log(short):
            raise CheckFailed(f"uploads: task {task_id} (document {pk}) is not in {short}'s log")
        taken[pk] = short
    lines = [f"document {pk}: {states[pk]} by {taken[pk]}" for pk in ids]
    counts = {name: list(taken.values()).count(name) for name in sorted(set(taken.values()))}
    if any(state != "extracted" for state in states.values()):
        raise CheckFailed("uploads: not every document ended extracted: " + "; ".join(lines))
    if len(counts) < 2:
        raise CheckFailed(f"uploads: only {', '.join(counts)} took work: " + "; ".join(lines))
    return (
        f"{UPLOADS} uploads on web 1, status read on web 2, all extracted; taken by "
        + ", ".join(f"{name} {count}" for name, count in counts.items())
        + " ("
        + ", ".join(f"#{pk}→{taken[pk]}" for pk in ids)
        + ")"
    )


def check_numbering(web1: Web, web2: Web, auth: dict) -> str:
    supplier = web1.request(
        "POST", "/api/v1/suppliers/", headers=auth, json={"name": "Scale Check Packing", "code": "SCALE"}
    )
    if supplier.status_code != 201:
        raise CheckFailed(f"numbering: creating the supplier gave {supplier.status_code} {supplier.text[:300]}")
    supplier_id = supplier.json()["id"]
    start = threading.Barrier(8)

    def create(index: int):
        web = (web1, web2)[index % 2]
        if index < 8:
            start.wait(10)  # the first eight leave together
        answer = web.request("POST", "/api/v1/purchase-orders/", headers=auth, json={"supplier": supplier_id})
        return web.name, answer.status_code, answer.json().get("number") if answer.status_code == 201 else answer.text

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(create, range(PURCHASE_ORDERS)))
    failed = [result for result in results if result[1] != 201]
    if failed:
        raise CheckFailed(f"numbering: {len(failed)} of {PURCHASE_ORDERS} creates failed: {failed[:3]}")
    numbers = [number for _web, _code, number in results]
    serials = sorted(int(re.fullmatch(r"PO-\d{4}-(\d+)", number).group(1)) for number in numbers)
    per_web = {name: sum(1 for web, _c, _n in results if web == name) for name in ("web1", "web2")}
    duplicates = len(numbers) - len(set(numbers))
    expected = list(range(1, PURCHASE_ORDERS + 1))  # a new tenant's first orders of the year
    gaps = sorted(set(expected) - set(serials))
    if serials != expected:
        raise CheckFailed(f"numbering: serials {serials}; duplicates {duplicates}, missing {gaps}")
    ordered = sorted(numbers)
    return (
        f"{PURCHASE_ORDERS} concurrent creates (web1 {per_web['web1']}, web2 {per_web['web2']}): {ordered[0]} .. "
        f"{ordered[-1]}, {len(set(numbers))} distinct, 0 duplicates, 0 gaps"
    )


def run(database: str, *, fresh: bool, break_cache: bool) -> int:
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="scale-check-"))
    processes = Processes(workdir)
    events = None
    results: list[tuple[str, bool, str]] = []
    try:
        stamp = int(time.time())
        print(f"scale-check: database {database}, logs in {workdir}", flush=True)
        prepare_database(database, fresh=fresh)
        redis_port = free_port()
        processes.start(
            "redis",
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(redis_port), "--bind",
             "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
            dict(os.environ),
        )  # fmt: skip
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        media = workdir / "media"
        media.mkdir()
        owner_env = base_env(database, redis_url, media, role="owner")
        t0 = time.monotonic()
        manage(owner_env, "migrate", "--noinput", "-v0")
        manage(owner_env, "setup_db_roles")
        owner, clerk, slug = f"scale_owner_{stamp}", f"scale_clerk_{stamp}", f"scale-{stamp}"
        code = SETUP_CODE.format(owner=owner, clerk=clerk, password=PASSWORD, stamp=stamp, slug=slug)
        out = manage(owner_env, "shell", "-c", code)
        found = re.search(r"SCALE_TENANT=(\d+) FREE_FAILURES=(\d+)", out)
        tenant_id, free = found.group(1), int(found.group(2))
        print(f"  database ready (migrate, setup_db_roles, tenant {slug}) in {time.monotonic() - t0:.1f} s", flush=True)

        app_env = base_env(database, redis_url, media, role="app")
        web_env = dict(app_env, WEB_CONCURRENCY="1", GUNICORN_THREADS="4")
        if break_cache:
            web_env.pop("REDIS_URL")  # each web process gets its own local-memory cache
        ports = {}
        for name in ("web1", "web2"):
            ports[name] = free_port()
            processes.start(
                name,
                [PY, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{ports[name]}",
                 "projectmeats.wsgi:application"],
                dict(web_env, PORT=str(ports[name])),
            )  # fmt: skip
        events = TaskEvents(redis_url)
        for name in ("worker-a", "worker-b"):
            processes.start(
                name,
                [PY, "-m", "celery", "-A", "projectmeats", "worker", "--pool=prefork", "--concurrency=1",
                 "--loglevel=INFO", "-E", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
                app_env,
            )  # fmt: skip
        web1, web2 = Web("web1", ports["web1"]), Web("web2", ports["web2"])

        def webs_up():
            processes.check_alive()
            try:
                return all(web.request("GET", "/health/").status_code == 200 for web in (web1, web2))
            except OSError:
                return False

        t0 = time.monotonic()
        wait_for(webs_up, timeout=120, what="both webs' /health/")
        wait_for(
            lambda: processes.check_alive() or {h.split("@")[0] for h in events.workers} >= {"worker-a", "worker-b"},
            timeout=120,
            what="both workers online (worker events)",
        )
        print(
            f"  web1 :{ports['web1']}, web2 :{ports['web2']}, worker-a, worker-b, redis :{redis_port} up in "
            f"{time.monotonic() - t0:.1f} s"
            + ("  [--break-cache: webs on local-memory caches]" if break_cache else ""),
            flush=True,
        )

        def roles():
            import psycopg

            with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}") as conn:
                rows = conn.execute(
                    "SELECT usename, count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                    "GROUP BY usename ORDER BY usename",
                    [database],
                ).fetchall()
            return dict(rows)

        def step(name, function, *args):
            t = time.monotonic()
            try:
                outcome = function(*args)
                figures = outcome[0] if isinstance(outcome, tuple) else outcome
                results.append((name, True, f"{figures} [{time.monotonic() - t:.1f} s]"))
                return outcome
            except CheckFailed as exc:
                results.append((name, False, str(exc)))
                return None
            except Exception as exc:  # noqa: BLE001 - reported as that check's failure
                results.append((name, False, f"{type(exc).__name__}: {exc}"))
                return None

        signed_in = step("session", check_session, web1, web2, owner)
        step("throttle", check_throttle, web1, web2, clerk, free)
        if signed_in:
            auth = {"Authorization": f"Token {signed_in[1]['token']}", "X-Tenant-ID": tenant_id}
            step("uploads", check_uploads, web1, web2, auth, events, processes, stamp)
            step("numbering", check_numbering, web1, web2, auth)
            # Web and worker log in as the app role (row-level security applies) and the ops role, never the owner.
            connected = roles()
            figures = ", ".join(f"{user} {count}" for user, count in connected.items())
            ok = "projectmeats_app" in connected and "postgres" not in connected
            results.append(("roles", ok, f"database sessions of the webs and workers: {figures}"))
        else:
            results.append(("uploads", False, "not run: no signed-in session"))
            results.append(("numbering", False, "not run: no signed-in session"))
    except CheckFailed as exc:
        results.append(("setup", False, str(exc)))
    finally:
        if events is not None:
            events.stopping = True
        processes.stop()
    print()
    for name, ok, text in results:
        print(f"  {'OK  ' if ok else 'FAIL'} {name:<10} {text}")
    failed = [name for name, ok, _text in results if not ok]
    print(
        f"\nscale-check: {'FAILED (' + ', '.join(failed) + ')' if failed else 'all checks passed'} in "
        f"{time.monotonic() - started:.0f} s; every process stopped"
    )
    if not failed:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"logs kept in {workdir}")
    return 1 if failed or len(results) < 5 else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=os.environ.get("SCALE_CHECK_DATABASE", "pm_scale"))
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--break-cache", action="store_true")
    options = parser.parse_args()

    def interrupted(signum, _frame):
        raise SystemExit(128 + signum)  # unwinds through run()'s finally: every process is stopped

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    return run(options.database, fresh=options.fresh, break_cache=options.break_cache)


if __name__ == "__main__":
    sys.exit(main())
