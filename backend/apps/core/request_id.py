"""Request id and log context: one id per request, taken from a trusted proxy's X-Request-ID or made here, echoed
in the response and attached to every log record written while the request runs, including Django's own
"Not Found" / "Bad Request" lines for 4xx, which are written after the middleware returned. Records also carry
the tenant (set when a request or task enters a tenant's context, apps.core.rls) and, in a Celery worker, the
task's id and name; a task queued by a request carries that request's id along (a message header)."""

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only when it is short and plain, so nothing odd reaches the logs.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

_current_request_id: ContextVar[str] = ContextVar("request_id", default="")
_current_tenant_id: ContextVar[str] = ContextVar("log_tenant_id", default="")


def get_request_id() -> str:
    return _current_request_id.get()


def set_log_tenant(tenant_id) -> object:
    """The tenant named on log records from now on in this context; returns a token for reset_log_tenant."""
    return _current_tenant_id.set(str(tenant_id) if tenant_id else "")


def reset_log_tenant(token) -> None:
    _current_tenant_id.reset(token)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current_request_id.set(request_id)
        tenant_token = _current_tenant_id.set("")
        try:
            response = self.get_response(request)
        finally:
            # Django logs a 4xx/5xx after this returns; those records carry the request (RequestIdFilter).
            request.log_tenant_id = _current_tenant_id.get()
            _current_tenant_id.reset(tenant_token)
            _current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _current_task():
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - celery is a dependency
        return None
    task = current_task
    return task if task and getattr(task.request, "id", None) else None


class RequestIdFilter(logging.Filter):
    """Adds `request_id`, `tenant_id`, `task_id` and `task_name` to every record ("-" when there is none), so
    formatters can always use them."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)  # django.request's and django.server's records
        if not getattr(record, "request_id", ""):
            record.request_id = get_request_id() or getattr(request, "request_id", "") or "-"
        if not getattr(record, "tenant_id", ""):
            record.tenant_id = _current_tenant_id.get() or getattr(request, "log_tenant_id", "") or "-"
        task = _current_task()
        record.task_id = getattr(record, "task_id", "") or (task.request.id if task else "-")
        record.task_name = getattr(record, "task_name", "") or (task.name if task else "-")
        if record.request_id == "-" and task is not None:
            headers = getattr(task.request, "headers", None) or {}
            record.request_id = getattr(task.request, "request_id", None) or headers.get("request_id") or "-"
        return True


def add_request_id_header(headers: dict) -> None:
    """Celery before_task_publish: a task queued inside a request carries the request's id."""
    request_id = get_request_id()
    if request_id and "request_id" not in headers:
        headers["request_id"] = request_id


def sentry_before_send(event: dict, hint) -> dict:
    """Sentry events tagged with the tenant, request id and task (the release is set at init)."""
    record = logging.LogRecord("sentry", logging.ERROR, "", 0, "", None, None)
    RequestIdFilter().filter(record)
    tags = event.setdefault("tags", {})
    for name in ("tenant_id", "request_id", "task_id", "task_name"):
        value = getattr(record, name, "-")
        if value and value != "-":
            tags.setdefault(name, value)
    return event
