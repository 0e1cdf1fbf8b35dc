"""Sign-in limits, shared by the API login and the Django admin login (docs/SECURITY.md):

- **per account** (the user id, whichever alias — username or e-mail — was typed; the typed text for unknown
  names): after LOGIN_ACCOUNT_FREE_FAILURES failures each further attempt must wait an exponentially growing
  delay (30 s, 60 s, 120 s … up to LOGIN_ACCOUNT_MAX_DELAY_SECONDS). A delay, not a lockout: an attacker can slow a
  real user down by at most that much, never shut them out; a success clears it. (The first delay is
  LOGIN_ACCOUNT_BASE_DELAY_SECONDS, doubling from there.)
- **per client address** (across usernames): LOGIN_CLIENT_FAILURE_LIMIT failures within
  LOGIN_CLIENT_WINDOW_SECONDS, then 429 until the window ends. The address is REMOTE_ADDR, or — behind
  TRUSTED_PROXY_COUNT proxies that each append to X-Forwarded-For — the address the outermost trusted proxy saw.

State lives in the cache (Redis when REDIS_URL is set, so every worker shares it).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def account_key(user, identifier: str) -> str:
    if user is not None:
        return f"user:{user.pk}"
    return "name:" + _digest(identifier.strip().lower())


@dataclass
class Refusal:
    retry_after: int
    reason: str


def _account_delay(failures: int) -> int:
    over = failures - settings.LOGIN_ACCOUNT_FREE_FAILURES
    if over < 0:
        return 0
    return min(settings.LOGIN_ACCOUNT_BASE_DELAY_SECONDS * 2**over, settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS)


def check(account: str, ip: str) -> Refusal | None:
    """Why this attempt may not be evaluated now, or None. Nothing is counted here."""
    now = time.time()
    client_failures = cache.get(f"login:client:{_digest(ip)}", 0)
    if client_failures >= settings.LOGIN_CLIENT_FAILURE_LIMIT:
        started = cache.get(f"login:client-start:{_digest(ip)}", now)
        wait = max(1, math.ceil(started + settings.LOGIN_CLIENT_WINDOW_SECONDS - now))
        return Refusal(wait, "Too many failed sign-ins from your network; wait and try again.")
    state = cache.get(f"login:account:{account}")
    if state:
        until = state["last"] + _account_delay(state["failures"])
        if now < until:
            return Refusal(
                max(1, math.ceil(until - now)), "Too many failed sign-ins for this account; wait and try again."
            )
    return None


def _incr(key: str, timeout: int) -> int:
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def record_failure(account: str, ip: str) -> None:
    now = time.time()
    window = settings.LOGIN_CLIENT_WINDOW_SECONDS
    client_key = _digest(ip)
    if _incr(f"login:client:{client_key}", window) == 1:
        cache.set(f"login:client-start:{client_key}", now, timeout=window)
    key = f"login:account:{account}"
    state = cache.get(key) or {"failures": 0, "last": now}
    state = {"failures": state["failures"] + 1, "last": now}
    cache.set(key, state, timeout=settings.LOGIN_ACCOUNT_MEMORY_SECONDS)


def clear_failures(account: str) -> None:
    cache.delete(f"login:account:{account}")


class ClientAddressThrottle(SimpleRateThrottle):
    """DRF rate limit per real client address (client_ip: the trusted-proxy rule above), per view scope
    (`throttle_scope`; rates in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], read at each request)."""

    def __init__(self):  # the rate depends on the view: set in allow_request
        pass

    def allow_request(self, request, view):
        self.scope = getattr(view, "throttle_scope", None)
        if not self.scope:
            return True
        self.rate = api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": _digest(client_ip(request))}


def address_budget_left(email: str) -> bool:
    """Counts one reset mail for this address; False once PASSWORD_RESET_MAILS_PER_ADDRESS were sent this hour."""
    count = _incr(f"password-reset:address:{_digest(email.strip().lower())}", 3600)
    return count <= settings.PASSWORD_RESET_MAILS_PER_ADDRESS
