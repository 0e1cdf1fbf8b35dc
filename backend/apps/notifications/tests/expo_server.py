"""A local server speaking Expo's push protocol (POST /--/api/v2/push/send, a JSON list of messages in, one
ticket per message out) on 127.0.0.1, for the tests: it records what it was sent and answers as told."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/--/api/v2/push/send"


class ExpoPushServer:
    def __init__(self):
        self.requests: list[dict] = []  # {"headers": ..., "messages": [...]}
        self.unregistered: set[str] = set()  # tokens answered with DeviceNotRegistered
        self.fail_with: int | None = None  # answer the whole request with this HTTP status
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if self.path != PATH:
                    return self._answer(404, {"errors": [{"code": "NOT_FOUND"}]})
                if server.fail_with:
                    return self._answer(server.fail_with, {"errors": [{"code": "INTERNAL_SERVER_ERROR"}]})
                messages = json.loads(raw)
                server.requests.append({"headers": dict(self.headers), "messages": messages})
                tickets = []
                for index, message in enumerate(messages):
                    if message["to"] in server.unregistered:
                        tickets.append(
                            {
                                "status": "error",
                                "message": f'"{message["to"]}" is not a registered push notification recipient',
                                "details": {"error": "DeviceNotRegistered"},
                            }
                        )
                    else:
                        tickets.append({"status": "ok", "id": f"ticket-{len(server.requests)}-{index}"})
                self._answer(200, {"data": tickets})

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{PATH}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def messages(self) -> list[dict]:
        return [message for request in self.requests for message in request["messages"]]
