"""Sending through Expo's push API (https://docs.expo.dev/push-notifications/sending-notifications/):
POST a JSON list of messages to EXPO_PUSH_URL; the answer's `data` holds one ticket per message, in order,
{"status": "ok", "id": ...} or {"status": "error", "message": ..., "details": {"error": "DeviceNotRegistered"}}.
Push is off while EXPO_PUSH_URL is empty (notifications then stay in-app only)."""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

log = logging.getLogger(__name__)
MAX_MESSAGES_PER_REQUEST = 100  # Expo's limit per request


@dataclass
class Ticket:
    ok: bool
    error: str = ""  # Expo's error code (DeviceNotRegistered, MessageTooBig, ...) or a transport error
    message: str = ""


class PushUnavailable(Exception):
    """The push service could not be reached or answered with an error for the whole request (retry later)."""


def push_enabled() -> bool:
    return bool(settings.EXPO_PUSH_URL)


def _push_url() -> str:
    url = settings.EXPO_PUSH_URL
    if not url.startswith(("https://", "http://")):
        raise PushUnavailable(f"EXPO_PUSH_URL must be an http(s) URL, not {url!r}.")
    return url


def send_messages(messages: list[dict]) -> list[Ticket]:
    """One ticket per message, in order. Raises PushUnavailable on a transport or whole-request failure."""
    tickets: list[Ticket] = []
    for start in range(0, len(messages), MAX_MESSAGES_PER_REQUEST):
        tickets += _send_batch(messages[start : start + MAX_MESSAGES_PER_REQUEST])
    return tickets


def _send_batch(batch: list[dict]) -> list[Ticket]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.EXPO_ACCESS_TOKEN:
        headers["Authorization"] = f"Bearer {settings.EXPO_ACCESS_TOKEN}"
    # The scheme is checked by _push_url (http or https only).
    request = urllib.request.Request(_push_url(), data=json.dumps(batch).encode(), headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.EXPO_PUSH_TIMEOUT) as response:  # noqa: S310
            payload = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise PushUnavailable(f"Expo push answered HTTP {exc.code}: {exc.read()[:300]!r}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise PushUnavailable(f"Expo push could not be reached: {exc}") from exc
    data = payload.get("data")
    if not isinstance(data, list) or len(data) != len(batch):
        raise PushUnavailable(f"Expo push answered without one ticket per message: {str(payload)[:300]}")
    tickets = []
    for ticket in data:
        if ticket.get("status") == "ok":
            tickets.append(Ticket(ok=True))
        else:
            details = ticket.get("details") or {}
            tickets.append(Ticket(ok=False, error=details.get("error", "error"), message=ticket.get("message", "")))
    return tickets
