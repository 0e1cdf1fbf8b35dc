"""Development CORS: the web app's and the field app's dev servers may call the API; other origins may not;
CORS_ALLOWED_ORIGINS replaces the list (docs/MOBILE.md, "Running it")."""

import json
import os
import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[3]

PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client()
seen = {}
for origin in ("http://localhost:8081", "http://localhost:5173", "http://evil.example"):
    answer = client.options("/api/auth/login/", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-tenant-id,idempotency-key")
    seen[origin] = [answer.get("Access-Control-Allow-Origin"), answer.get("Access-Control-Allow-Headers", "")]
print(json.dumps(seen))
"""


def probe(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("CORS_ALLOWED_ORIGINS", "DJANGO_ENV")}
    environment.update(
        DJANGO_SETTINGS_MODULE="projectmeats.settings.development", DATABASE_URL="sqlite://:memory:", **env
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BACKEND, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_dev_servers_origins_only():
    seen = probe()
    assert seen["http://localhost:8081"][0] == "http://localhost:8081"
    assert "idempotency-key" in seen["http://localhost:8081"][1]
    assert seen["http://localhost:5173"][0] == "http://localhost:5173"
    assert seen["http://evil.example"][0] is None


def test_the_environment_replaces_the_list():
    seen = probe(CORS_ALLOWED_ORIGINS="http://192.168.1.20:8081")
    assert seen["http://localhost:8081"][0] is None
    assert seen["http://localhost:5173"][0] is None
