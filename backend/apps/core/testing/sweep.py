"""The cross-tenant sweep: every operation in the OpenAPI schema, aimed by tenant A's owner at tenant B's
rows. Detail operations must 404, lists and filters must show no B ids, nothing may be written to B, and
an operation nobody described fails the sweep."""

import re
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator

from apps.core.rls import tenant_models
from apps.core.testing.api import response_body, router_resources
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role

# Operations that touch no tenant data, with the reason. Everything else needs a ResourceCase.
NON_TENANT_OPERATIONS = {
    ("/health/", "get"): "liveness check, no tenant data",
    ("/api/v1/health/", "get"): "liveness check, no tenant data",
    ("/api/v1/proteins/", "get"): "shared reference table",
    ("/api/v1/proteins/{id}/", "get"): "shared reference table",
    ("/api/auth/csrf/", "get"): "sets the CSRF cookie",
    ("/api/auth/login/", "post"): "lists only the caller's own memberships (tested in accounts)",
    ("/api/auth/logout/", "post"): "revokes the caller's own token",
    ("/api/auth/logout-all/", "post"): "revokes the caller's own tokens",
    ("/api/auth/me/", "get"): "the caller's own memberships (tested in accounts)",
    ("/api/auth/password/change/", "post"): "the caller's own password",
    ("/api/auth/2fa/", "get"): "the caller's own two-factor status",
    ("/api/auth/2fa/setup/", "post"): "the caller's own TOTP device",
    ("/api/auth/2fa/confirm/", "post"): "the caller's own TOTP device",
    ("/api/auth/2fa/disable/", "post"): "the caller's own TOTP device",
    ("/api/auth/password/reset/", "post"): "mails the account of an address; answers the same for every address "
    "(tested in accounts/tests/test_password_reset.py)",
    ("/api/auth/password/reset/confirm/", "post"): "the account named by a reset link's signed token",
    ("/api/auth/invitations/preview/", "post"): "addressed by an invitation token (its tenant and a 256-bit "
    "secret); wrong-tenant tokens refused in tenants/tests/test_invitations.py",
    ("/api/auth/invitations/accept/", "post"): "the same token, for the signed-in account of the invited address",
    ("/api/auth/invitations/register/", "post"): "the same token, creating the invited address's account",
    ("/api/schema/", "get"): "API description",
    ("/api/v1/ai-assistant/inbound/{slug}/", "post"): "addressed by tenant slug + that tenant's secret, no member "
    "(tested in ai_assistant/tests/test_intake.py)",
}

PARAM = re.compile(r"\{[^}]+\}")


@dataclass
class SweepContext:
    client: object  # APIClient of tenant A's owner, acting in A
    tenant_a: object
    tenant_b: object
    rows_a: dict
    rows_b: dict
    payloads_b: dict = field(default_factory=dict)  # create bodies valid in B, built before B's snapshot
    failures: list = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.failures.append(message)


def schema_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, method)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def classify(path: str) -> tuple[str | None, str, str | None]:
    """(basename, kind, action) for a router path; kind is list, detail, detail-action or list-action."""
    for prefix, _viewset, basename in router_resources():
        base = f"/api/v1/{prefix}/"
        if not path.startswith(base):
            continue
        rest = path[len(base) :]
        parts = [part for part in rest.split("/") if part]
        if not parts:
            return basename, "list", None
        if PARAM.fullmatch(parts[0]):
            if len(parts) == 1:
                return basename, "detail", None
            return basename, "detail-action", "/".join(parts[1:])
        if "{" not in rest:
            return basename, "list-action", "/".join(parts)
    return None, "unknown", None


def tenant_snapshot(tenant) -> dict:
    return {
        model._meta.label: list(model.objects.filter(tenant=tenant).order_by("pk").values())
        for model in tenant_models()
    }


def build_world():
    load_cases()
    tenant_a, tenant_b = TenantFactory(), TenantFactory()
    owner_a = member(tenant_a, Role.OWNER)
    member(tenant_b, Role.OWNER)
    rows_a = {basename: case.factory(tenant=tenant_a) for basename, case in CASES.items()}
    rows_b = {basename: case.factory(tenant=tenant_b) for basename, case in CASES.items()}
    # Payload builders may create related rows in B; build them now so B's snapshot includes those rows.
    payloads_b = {basename: case.create_payload(tenant_b) for basename, case in CASES.items() if case.create_payload}
    return tenant_a, tenant_b, owner_a, rows_a, rows_b, payloads_b


def _row_ids(response) -> set:
    try:
        data = response.json()
    except ValueError:
        return set()
    rows = data.get("results", data) if isinstance(data, dict) else data
    return {row.get("id") for row in rows if isinstance(row, dict)} if isinstance(rows, list) else set()


def _links_stay_in_tenant(row, tenant) -> list[str]:
    from apps.core.models import TenantOwnedModel

    problems = []
    for model_field in row._meta.concrete_fields:
        target = getattr(model_field, "related_model", None)
        if model_field.many_to_one and isinstance(target, type) and issubclass(target, TenantOwnedModel):
            linked = getattr(row, model_field.name)
            if linked is not None and linked.tenant_id != tenant.pk:
                problems.append(f"{model_field.name} -> tenant {linked.tenant_id}")
    return problems


def ctx_viewset(basename: str):
    return next(viewset for _prefix, viewset, name in router_resources() if name == basename)


def check_csv_import(ctx: SweepContext, path: str, method: str) -> None:
    """Importing B's natural keys as A creates or updates rows in A only (the snapshot checks B)."""
    basename, _kind, _action = classify(path)
    viewset = ctx_viewset(basename)
    key = viewset.csv_import_key
    row_b = ctx.rows_b[basename]
    csv_text = f"{key}\n{getattr(row_b, key)}\n" if key else "id\n1\n"
    upload = SimpleUploadedFile("rows.csv", csv_text.encode(), content_type="text/csv")
    response = ctx.client.post(path, {"file": upload}, format="multipart")
    if response.status_code not in (200, 400, 403):
        ctx.fail(f"{method.upper()} {path}: {response.status_code}")


def check_groups(ctx: SweepContext, path: str, method: str) -> None:
    """Grouped as A, by every declared field: B's rows add to no group (the counts are A's list count) and no group
    is keyed by one of B's related rows; naming B's row by id finds nothing."""
    basename, _kind, _action = classify(path)
    viewset = ctx_viewset(basename)
    row_b = ctx.rows_b[basename]
    listed = ctx.client.get(path.removesuffix("groups/")).json()["count"]
    for name, spec in viewset.group_by_fields.items():
        response = ctx.client.get(path, {"group_by": name})
        if response.status_code != 200:
            ctx.fail(f"{method.upper()} {path} by {name}: {response.status_code}")
            continue
        groups = response.json()["results"]
        if sum(group["count"] for group in groups) != listed:
            ctx.fail(f"{method.upper()} {path} by {name}: the groups count rows the list does not show")
        field = row_b._meta.get_field(spec.field)
        related_b = getattr(row_b, field.attname) if field.is_relation else None
        if related_b is not None and related_b in {group["key"] for group in groups}:
            ctx.fail(f"{method.upper()} {path} by {name}: a group is tenant B's {name}")
    by_id = ctx.client.get(path, {"group_by": next(iter(viewset.group_by_fields)), "id": row_b.pk})
    if by_id.status_code != 200 or by_id.json()["count"] != 0:
        ctx.fail(f"{method.upper()} {path}?id=<B's row>: {by_id.status_code} {by_id.content[:200]!r}")


def check_merged_pdfs(ctx: SweepContext, path: str, method: str) -> None:
    """B's record by id is no document of A's (400: nothing matches); A's own is."""
    basename, _kind, _action = classify(path)
    theirs = ctx.client.get(path, {"id": ctx.rows_b[basename].pk})
    if theirs.status_code != 400:
        ctx.fail(f"{method.upper()} {path}?id=<B's row>: {theirs.status_code}, expected 400")
    mine = ctx.client.get(path, {"id": ctx.rows_a[basename].pk})
    if mine.status_code != 200 or mine["Content-Type"] != "application/pdf":
        ctx.fail(f"{method.upper()} {path}?id=<A's row>: {mine.status_code}")


GENERIC_LIST_ACTIONS = {"post import": check_csv_import, "get groups": check_groups, "get pdfs": check_merged_pdfs}


def check_operation(ctx: SweepContext, path: str, method: str) -> None:
    if (path, method) in NON_TENANT_OPERATIONS:
        return
    basename, kind, action = classify(path)
    case = CASES.get(basename)
    where = f"{method.upper()} {path}"
    if case is None:
        ctx.fail(f"{where}: no ResourceCase and not listed in NON_TENANT_OPERATIONS")
        return
    row_b = ctx.rows_b[basename]
    client = ctx.client
    if kind in {"detail", "detail-action"}:
        url = PARAM.sub(str(row_b.pk), path)
        body = case.update_payload(row_b) if (case.update_payload and method in {"put", "patch"}) else {}
        response = getattr(client, method)(url, body, format="json") if method != "get" else client.get(url)
        if response.status_code != 404:
            ctx.fail(f"{where} on tenant B's row: {response.status_code}, expected 404")
        return
    if kind == "list" and method == "get":
        queries = [{}]
        if case.search_term:
            queries.append({"search": case.search_term(row_b)})
        for name in ("id", "pk"):
            queries.append({name: row_b.pk})
        formats = ["csv"] if hasattr(ctx_viewset(basename), "csv_columns") else []
        for fmt in [*formats, *case.list_formats]:
            queries.append({"format": fmt})
        for params in queries:
            response = client.get(path, params)
            if response.status_code not in (200, 400):
                ctx.fail(f"{where} {params}: {response.status_code}")
            elif "format" in params:
                term = case.search_term(row_b) if case.search_term else None
                if term and term in response_body(response).decode(errors="replace"):
                    ctx.fail(f"{where} {params}: tenant B's row appears in the export")
            elif row_b.pk in _row_ids(response):
                ctx.fail(f"{where} {params}: tenant B's row {row_b.pk} is listed")
        return
    if kind == "list" and method == "post":
        if case.create_payload is None:
            ctx.fail(f"{where}: the case has no create_payload")
            return
        # A body that is valid in tenant B: every foreign key in it points at B's rows.
        payload = ctx.payloads_b.get(basename) or case.create_payload(ctx.tenant_b)
        response = client.post(path, payload, format="json")
        if response.status_code == 201:
            row = type(ctx.rows_a[basename])._default_manager.get(pk=response.json()["id"])
            if row.tenant_id != ctx.tenant_a.pk:
                ctx.fail(f"{where}: created in tenant {row.tenant_id}")
            for problem in _links_stay_in_tenant(row, ctx.tenant_a):
                ctx.fail(f"{where}: created row links across tenants ({problem})")
        elif response.status_code != 400:
            ctx.fail(f"{where} with tenant B's references: {response.status_code}, expected 400 or 201")
        return
    handler = case.extra_operations.get(f"{method} {action}") or GENERIC_LIST_ACTIONS.get(f"{method} {action}")
    if handler is None:
        ctx.fail(f"{where}: no sweep check; add extra_operations['{method} {action}'] to the {basename} case")
        return
    handler(ctx, path, method)
