"""gunicorn as the image runs it (gunicorn.conf.py): its own lines and its access lines are JSON, and the access
line carries the request id Django returned."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from apps.core.testing.processes import free_port, wait_for

BACKEND = Path(__file__).resolve().parents[3]


def test_gunicorn_writes_json_lines_with_the_request_id(tmp_path):
    port = free_port()
    keep = ("PATH", "HOME", "LANG", "TMPDIR", "VIRTUAL_ENV")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        {
            "DJANGO_ENV": "development",
            "DEBUG": "False",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "1",
            "LOG_FORMAT": "json",  # Django's own lines in the worker processes, as when deployed
        }
    )
    out, err = open(tmp_path / "out.log", "w+b"), open(tmp_path / "err.log", "w+b")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "projectmeats.wsgi:application"],
        cwd=BACKEND, env=env, stdout=out, stderr=err, start_new_session=True,
    )  # fmt: skip
    try:

        def answer():
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/health/", headers={"X-Request-ID": "gunicorn-log-0001"}
                )
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - local
                    return response.headers["X-Request-ID"]
            except OSError:
                return None

        assert wait_for(answer, timeout=30, interval=0.2, what="gunicorn to answer") == "gunicorn-log-0001"
        time.sleep(0.3)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)
    out.seek(0), err.seek(0)
    access = [line for line in out.read().decode().splitlines() if line.strip()]
    errors = [line for line in err.read().decode().splitlines() if line.strip()]
    out.close(), err.close()
    assert errors and access, (errors, access)
    for line in errors + access:
        json.loads(line)  # every line is one JSON object
    hits = [json.loads(line) for line in access if '"/health/"' in line]
    # Probes while the app was still starting may have been answered with an error and retried; one got 200.
    assert ("gunicorn.access", "gunicorn-log-0001", 200) in [(h["logger"], h["request_id"], h["status"]) for h in hits]
    assert any(json.loads(line)["logger"] == "gunicorn.error" for line in errors)
