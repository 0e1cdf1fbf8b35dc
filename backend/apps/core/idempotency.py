"""Idempotency-Key on writes, for every tenant endpoint (wired into TenantContextMixin, nowhere else).

A client that may retry a write (the mobile app's offline queue) sends `Idempotency-Key: <unique string>`.
The first successful (2xx) answer is stored in the same transaction as the change, keyed by tenant, user and
key. The same key again answers the stored response (header `Idempotent-Replayed: true`) without running the
view, so a change is applied once however often it is sent. The same key on a different request (method, path
or body) is 422. A failed write (4xx) is rolled back and not stored, so it is evaluated afresh on a retry (a
409 conflict stays a 409). Keys are kept KEEP_FOR (24 h); two requests racing with one key: the second gets
409 and nothing of it is kept."""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.views import set_rollback

HEADER = "Idempotency-Key"
META_KEY = "HTTP_IDEMPOTENCY_KEY"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
MAX_KEY_LENGTH = 100
KEEP_FOR = timedelta(hours=24)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was already used for a different request; send a new key."
    default_code = "idempotency_key_reused"


class Replay(Exception):
    """Raised once the stored answer is found: the view does not run."""

    def __init__(self, record):
        self.record = record


def _fingerprint(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    try:
        digest.update(request._request.body)
    except RawPostDataException:  # the body was already streamed (multipart read by the CSRF check)
        pass
    return digest.hexdigest()


def begin(request) -> dict | None:
    """Before the view: None when the request carries no key (or is a read); else the pending entry.
    Raises Replay with the stored answer, KeyReused, or a 400 for a malformed key."""
    key = request.META.get(META_KEY)
    if key is None or request.method not in WRITE_METHODS or getattr(request, "tenant", None) is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError({HEADER: [f"Give a key of 1 to {MAX_KEY_LENGTH} printable characters."]})
    from .models import IdempotencyRecord

    fingerprint = _fingerprint(request)
    mine = IdempotencyRecord.objects.filter(tenant=request.tenant, user=request.user, key=key)
    record = mine.first()
    if record is not None and record.created_at < timezone.now() - KEEP_FOR:
        mine.delete()
        record = None
    if record is not None:
        if record.fingerprint != fingerprint:
            raise KeyReused()
        raise Replay(record)
    return {"key": key, "fingerprint": fingerprint}


def replay_response(record) -> Response:
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def finish(request, response, pending: dict) -> Response:
    """After the view, inside its transaction: keep a successful answer under the key."""
    if not (200 <= response.status_code < 300) or not hasattr(response, "data"):
        return response
    from .models import IdempotencyRecord

    body = json.loads(json.dumps(response.data, cls=JSONEncoder)) if response.data is not None else None
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                tenant=request.tenant,
                created_by=request.user,
                user=request.user,
                key=pending["key"],
                method=request.method,
                path=request.get_full_path()[:500],
                fingerprint=pending["fingerprint"],
                status_code=response.status_code,
                response=body,
            )
    except IntegrityError:
        set_rollback()  # the same key is being applied by a concurrent request: keep nothing of this one
        return Response(
            {"detail": "A request with this Idempotency-Key is already being processed; retry shortly."},
            status=status.HTTP_409_CONFLICT,
        )
    return response
