"""Which tenant a request is for: X-Tenant-ID header, then host (TenantDomain or subdomain), then the
user's first active membership. Membership is checked once the user is authenticated."""

import re

from django.conf import settings
from rest_framework.exceptions import PermissionDenied

from .models import Tenant, TenantDomain, TenantUser

TENANT_HEADER = "HTTP_X_TENANT_ID"
MAX_TENANT_ID = 2**63 - 1
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,63}")


def parse_tenant_header(header: str) -> int | str | None:
    """X-Tenant-ID is a tenant id (ASCII digits, within a bigint: an int) or a slug (a lowercased str);
    anything else names no tenant (None). No query: the membership lookup joins the tenant."""
    if header.isascii() and header.isdigit():
        pk = int(header)
        return pk if pk <= MAX_TENANT_ID else None
    if not SLUG.fullmatch(header):
        return None
    return header.lower()


def header_tenant(request) -> tuple[bool, int | str | None]:
    """(whether the request sends X-Tenant-ID, the tenant id or slug it names)."""
    header = request.META.get(TENANT_HEADER, "").strip()
    return bool(header), parse_tenant_header(header) if header else None


def requested_tenant(request) -> tuple[str | None, Tenant | int | str | None]:
    """(source, tenant) asked for by host, or ("header", the id or slug X-Tenant-ID names, or None)."""
    sent, key = header_tenant(request)
    if sent:
        # The header is resolved by resolve_membership's own query (tenant joined), never here.
        return "header", key
    host = request.get_host().split(":")[0].lower() if request.META.get("HTTP_HOST") else ""
    if host:
        domain = TenantDomain.objects.select_related("tenant").filter(domain=host, tenant__is_active=True).first()
        if domain:
            return "domain", domain.tenant
        base = settings.TENANT_BASE_DOMAIN
        if base and host.endswith("." + base):
            slug = host[: -len(base) - 1]
            tenant = Tenant.objects.filter(slug=slug, is_active=True).first()
            if tenant:
                return "subdomain", tenant
    return None, None


def resolve_membership(request, user) -> TenantUser | None:
    """The active membership the request acts under, or None when the user has none at all.

    Raises PermissionDenied when a tenant was asked for and the user is not an active member of it.
    """
    memberships = TenantUser.objects.select_related("tenant").filter(user=user, is_active=True, tenant__is_active=True)
    sent, key = header_tenant(request)
    if sent:
        # One query for the tenant and the membership: by id (the web and mobile apps) or by slug.
        if key is None:
            membership = None
        elif isinstance(key, int):
            membership = memberships.filter(tenant_id=key).first()
        else:
            membership = memberships.filter(tenant__slug=key).first()
        if membership is None:
            raise PermissionDenied("You are not an active member of the tenant named in X-Tenant-ID.")
        return membership
    source, tenant = getattr(request, "tenant_request", (None, None))
    if tenant is not None:
        membership = memberships.filter(tenant=tenant).first()
        if membership is None:
            raise PermissionDenied(f"You are not an active member of {tenant.name}.")
        return membership
    return memberships.order_by("created_at", "id").first()
