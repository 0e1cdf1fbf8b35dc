"""Failed-login counter per username and client IP, kept in the cache (Redis when configured, so every
worker shares it)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(username: str, ip: str) -> bool:
    return cache.get(_key(username, ip), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, ip: str) -> None:
    key = _key(username, ip)
    if cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def clear_failures(username: str, ip: str) -> None:
    cache.delete(_key(username, ip))
