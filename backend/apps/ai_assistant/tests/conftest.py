"""Fixtures of the AI assistant tests: a temporary media folder, members, and a local OpenAI-compatible server."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role
from conftest import client_for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    tenant = TenantFactory(name="Summit Protein Brokers LLC")
    users = {role: member(tenant, role) for role in Role}
    return tenant, users


@pytest.fixture
def client(world):
    tenant, users = world
    return client_for(users[Role.USER], tenant)


def completion(content=None, *, tool_calls=None, model="local-test-model", prompt_tokens=120, completion_tokens=40):
    message = {"role": "assistant", "content": content}
    if tool_calls:
        message["tool_calls"] = [
            {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
            for i, (name, args) in enumerate(tool_calls)
        ]
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if tool_calls else "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class FakeOpenAI:
    """A tiny OpenAI-compatible server on 127.0.0.1 speaking POST /v1/chat/completions over real HTTP.

    `script` is a list of replies used in order (the last one repeats): a dict body (200), or a tuple
    (status, body) or ("sleep", seconds, body)."""

    def __init__(self):
        self.script = []
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("authorization")})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                reply = server.script[min(len(server.requests) - 1, len(server.script) - 1)] if server.script else {}
                if callable(reply):
                    reply = reply(body)
                if isinstance(reply, tuple) and reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = reply[2]
                status, payload = reply if isinstance(reply, tuple) else (200, reply)
                self._send(status, payload)

            def _send(self, status, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    if status in (429, 503):
                        self.send_header("retry-after-ms", "20")
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_openai(monkeypatch):
    server = FakeOpenAI().start()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_MODEL", "local-test-model")
    monkeypatch.setenv("OPENAI_TIMEOUT", "5")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_ambient_openai(monkeypatch, request):
    """Tests run offline unless they ask for the local server."""
    if "fake_openai" not in request.fixturenames:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AI_PROVIDER"):
            monkeypatch.delenv(name, raising=False)
