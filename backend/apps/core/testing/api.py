"""Helpers the generic API tests use to walk the router and the OpenAPI schema."""

from django.urls import reverse

from apps.core.routers import router
from apps.core.views import TenantContextMixin


def router_resources() -> list[tuple[str, type, str]]:
    import projectmeats.urls  # noqa: F401 - registers every app's viewsets

    return list(router.registry)


def tenant_resources() -> list[tuple[str, type, str]]:
    """Router resources whose rows belong to a tenant (scoped and role-checked by the base classes)."""
    from apps.core.views import TenantModelViewSet, TenantReadOnlyModelViewSet

    return [
        (prefix, viewset, basename)
        for prefix, viewset, basename in router_resources()
        if issubclass(viewset, TenantModelViewSet | TenantReadOnlyModelViewSet)
    ]


def is_tenant_view(viewset) -> bool:
    return issubclass(viewset, TenantContextMixin)


def list_url(basename: str) -> str:
    return reverse(f"{basename}-list")


def detail_url(basename: str, pk) -> str:
    return reverse(f"{basename}-detail", args=[pk])


def results(response) -> list:
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def ids_in(response) -> set:
    return {row["id"] for row in results(response) if isinstance(row, dict) and "id" in row}


def viewset_supports(viewset, action: str) -> bool:
    return hasattr(viewset, action)


def response_body(response) -> bytes:
    """The whole body of a response, streamed (a CSV export) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
