"""Errors a user can act on, mapped once to HTTP statuses (DESIGN §5)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.views.defaults import page_not_found
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback


class Conflict(APIException):
    """409: illegal state transition, protected delete, duplicate."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(self, detail=None, code=None, **extra):
        super().__init__(detail, code)
        self.extra = extra


class TenantRequired(APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = (
        "No tenant selected: you are not an active member of any tenant. Send X-Tenant-ID with a tenant you belong to."
    )
    default_code = "tenant_required"


def describe_blockers(objects) -> list[dict]:
    """A short list of the records that block a delete, for the 409 body."""
    blockers = []
    for obj in list(objects)[:20]:
        blockers.append({"type": obj._meta.verbose_name, "id": obj.pk, "label": str(obj)})
    return blockers


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})
    if isinstance(exc, ProtectedError | RestrictedError):
        blocked = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        blockers = describe_blockers(blocked)  # read them while the transaction is still usable
        set_rollback()
        return Response(
            {
                "detail": "This record is referenced by other records and cannot be deleted; archive it instead.",
                "blocked_by": blockers,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, OverflowError | DataError):
        # A number or value too large for the database (an id of 20 digits in a filter, say): the client's input.
        set_rollback()
        return Response(
            {"detail": "A value in the request is out of range (too large or too long for its field)."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(
            {"detail": "The change conflicts with existing data (a duplicate or a broken reference)."},
            status=status.HTTP_409_CONFLICT,
        )
    response = exception_handler(exc, context)
    if response is not None and isinstance(getattr(exc, "extra", None), dict) and exc.extra:
        response.data.update(exc.extra)
    return response


def not_found(request, exception=None):
    """handler404: a path under /api/ that matches no route (an id that is not a number, say) answers like
    every other API error, as JSON; other paths keep Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
