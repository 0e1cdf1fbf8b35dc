"""The web image's nginx (frontend/nginx.conf, rendered as its entrypoint does): the configuration is valid and each
access line is one JSON object carrying the request id it forwarded to Django. Skipped without an nginx binary."""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from apps.core.testing.processes import free_port, wait_for

REPO = Path(__file__).resolve().parents[4]

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")


def test_nginx_writes_json_access_lines_with_the_request_id(tmp_path):
    port = free_port()
    template = (REPO / "frontend" / "nginx.conf").read_text()
    # What the image's envsubst does (BACKEND_URL only), then a port and paths of our own instead of the image's.
    server = template.replace("${BACKEND_URL}", "http://127.0.0.1:9").replace("listen 8080;", f"listen {port};")
    server = server.replace("listen [::]:8080;", "").replace("/var/log/nginx/access.log", str(tmp_path / "access.log"))
    server = server.replace("/usr/share/nginx/html", str(tmp_path / "html"))
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text("<!doctype html><title>ProjectMeats</title>")
    (tmp_path / "nginx.conf").write_text(
        # As root nginx's workers would switch to "nobody", who cannot read pytest's private temporary folder.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off; pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        f"http {{ client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path}; fastcgi_temp_path {tmp_path};\n"
        f"uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};\n{server}\n}}\n"
    )
    check = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        ["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], start_new_session=True
    )
    try:

        def get(path: str, request_id: str):
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Request-ID": request_id})
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - local
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code
            except OSError:
                return None

        assert wait_for(lambda: get("/orders", "nginx-log-0001"), timeout=10, what="nginx to answer") == 200
        assert get("/api/v1/health/", "nginx-log-0002") == 502  # no backend behind it here: still one JSON line
        time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGQUIT)
        process.wait(10)
    lines = [json.loads(line) for line in (tmp_path / "access.log").read_text().splitlines() if line.strip()]
    by_id = {line["request_id"]: line for line in lines}
    assert by_id["nginx-log-0001"]["status"] == 200 and by_id["nginx-log-0001"]["path"] == "/orders"
    assert by_id["nginx-log-0002"]["status"] == 502 and by_id["nginx-log-0002"]["logger"] == "nginx.access"
