"""Resource cases for the generic API tests: comments on records and their attachments."""

from apps.core.testing.cases import ResourceCase, register
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new

from .factories import attachment, comment


def supplier_target(tenant) -> str:
    return f"suppliers.supplier:{existing_or_new(SupplierFactory, tenant).pk}"


def check_members(ctx, path, method) -> None:
    """The mention picker lists tenant A's members only."""
    from apps.tenants.models import TenantUser

    response = ctx.client.get(path)
    if response.status_code != 200:
        ctx.fail(f"GET {path}: {response.status_code}")
        return
    listed = {row["username"] for row in response.json()}
    only_b = set(TenantUser.objects.filter(tenant=ctx.tenant_b).values_list("user__username", flat=True)) - set(
        TenantUser.objects.filter(tenant=ctx.tenant_a).values_list("user__username", flat=True)
    )
    if listed & only_b:
        ctx.fail(f"GET {path}: lists tenant B's members {sorted(listed & only_b)}")


register(
    ResourceCase(
        basename="comment",
        factory=lambda tenant: comment(tenant),
        create_payload=lambda tenant: {"target": supplier_target(tenant), "body": "Plant confirmed the pickup slot"},
        update_payload=lambda row: {"body": f"{row.body} (moved to 7 am)"},
        search_term=lambda row: row.body,
        extra_operations={"get members": check_members},
    ),
    ResourceCase(basename="comment-attachment", factory=lambda tenant: attachment(tenant)),
)
