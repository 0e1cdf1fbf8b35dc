"""OpenAPI additions made once for every operation: the X-Tenant-ID header and the error responses."""

from drf_spectacular.openapi import AutoSchema

PUBLIC_PREFIXES = ("/health/", "/api/v1/health/", "/api/auth/login/", "/api/auth/csrf/")

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_SCHEMA = {
    "type": "object",
    "description": "Field name (or non_field_errors, or detail) to the list of messages about it; a nested object "
    "or list (order lines, say) has the same shape one level down, keyed by field or by position.",
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
        ]
    },
}

ERRORS = {
    "400": ("Invalid input: the body names each field and what is wrong with it.", "ValidationErrorBody"),
    "401": ("Not signed in, or the token expired or was revoked.", "ErrorBody"),
    "403": ("Your role does not allow this, or you are not a member of the tenant.", "ErrorBody"),
    "404": (
        "Not found (or it belongs to another tenant); also a ?page past the last page, or a ?format this "
        "operation does not render.",
        "ErrorBody",
    ),
    "409": ("Conflict: illegal state transition, protected delete or duplicate.", "ErrorBody"),
    "413": ("The body or the uploaded file is larger than the limit.", "ErrorBody"),
    "415": ("The body's media type (or the uploaded file's) is not one this operation reads.", "ErrorBody"),
    "412": ("Stale: the record changed since the version named in If-Match (CONTRACTS C5).", "StaleBody"),
    "429": ("Too many requests; retry later.", "ErrorBody"),
}
STALE_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string", "enum": ["stale"]},
        "changed_by": {"type": "string", "nullable": True},
        "changed_at": {"type": "string", "format": "date-time", "nullable": True},
        "current": {"type": "object", "additionalProperties": True, "description": "The record as it is now."},
    },
    "required": ["detail", "code", "changed_by", "changed_at", "current"],
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string"},
    "description": "The ETag of the version you edited; a newer version answers 412 and writes nothing.",
}


def _query_names(operation: dict) -> set[str]:
    return {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}


def _codes_for(path: str, method: str, operation: dict) -> list[str]:
    queries = _query_names(operation)
    if path.startswith(PUBLIC_PREFIXES):
        return ["400", "413", "415", "429"] if method == "post" else []
    codes = ["401", "403", "429"]
    if "{" in path or queries & {"format", "page"}:
        codes.append("404")  # DRF answers an unknown ?format and a page out of range with 404
    if method in {"post", "put", "patch"} or queries - {"format"}:
        codes.append("400")  # a body, a filter or a page number that does not validate
    if method in {"post", "put", "patch"}:
        codes += ["413", "415"]  # DRF answers a body it has no parser for with 415
    if method in {"post", "put", "patch", "delete"}:
        codes.append("409")
    if "{" in path and method in {"put", "patch", "delete"} and path.startswith("/api/v1/"):
        codes.append("412")
    return codes


def _format_choices(operation: dict) -> list[str]:
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query" and parameter.get("name") == "format":
            return parameter.get("schema", {}).get("enum", [])
    return []


def add_tenant_header_and_errors(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorBody"] = ERROR_SCHEMA
    components["ValidationErrorBody"] = VALIDATION_SCHEMA
    components["StaleBody"] = STALE_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in _codes_for(path, method, operation):
                description, schema = ERRORS[code]
                generic = {"$ref": f"#/components/schemas/{schema}"}
                declared = responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": generic}}}
                )
                # A view that declares its own body for an error status (the CSV import's report for 400) can
                # still raise the generic error for it (a missing file): either body is valid.
                json_body = declared.get("content", {}).get("application/json")
                if json_body and json_body.get("schema") != generic:
                    json_body["schema"] = {"anyOf": [json_body["schema"], generic]}
            if "csv" in _format_choices(operation):
                # apps.core.csv_io.CSVRenderer renders errors too (one "detail" column) when ?format=csv.
                for code, response in responses.items():
                    if code.startswith("4") and "application/json" in response.get("content", {}):
                        response["content"].setdefault("text/csv", {"schema": {"type": "string"}})
            if "412" in responses and not any(p.get("name") == "If-Match" for p in operation.get("parameters", [])):
                operation.setdefault("parameters", []).append(dict(IF_MATCH))
            if path.startswith("/api/v1/") and not path.startswith(("/api/v1/health/", "/api/v1/proteins/")):
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "X-Tenant-ID" for p in parameters):
                    parameters.append(
                        {
                            "in": "header",
                            "name": "X-Tenant-ID",
                            "schema": {"type": "string"},
                            "description": "Tenant id or slug; defaults to your first active membership.",
                        }
                    )
    return result


def _choice_key(choices) -> tuple:
    return tuple(sorted(str(value) for value, _label in choices))


def model_enum_overrides() -> dict[str, list]:
    """One OpenAPI enum name per distinct choice set used by a model field, so that twenty `status`
    fields do not collide and a shared vocabulary (core.choices) keeps one name wherever it is used."""
    from django.apps import apps
    from django.db import models

    from . import choices as shared
    from .history import HistoricalTenantRecord

    by_key: dict[tuple, tuple[str, list]] = {}
    for name in dir(shared):
        vocabulary = getattr(shared, name)
        if isinstance(vocabulary, type) and issubclass(vocabulary, models.Choices) and vocabulary is not models.Choices:
            if vocabulary.__module__ == shared.__name__:
                by_key[_choice_key(vocabulary.choices)] = (f"{name}Enum", list(vocabulary.choices))
    for model in sorted(apps.get_models(), key=lambda m: (m._meta.app_label, m.__name__)):
        if issubclass(model, HistoricalTenantRecord):
            continue  # history tables copy their model's fields; the model names the enums
        for field in model._meta.get_fields():
            choices = getattr(field, "flatchoices", None) if getattr(field, "choices", None) else None
            if not choices:
                continue
            key = _choice_key(choices)
            if key not in by_key:
                camel = "".join(part.capitalize() for part in field.name.split("_"))
                name = camel if camel.startswith(model.__name__) else f"{model.__name__}{camel}"
                by_key[key] = (f"{name}Enum", list(choices))
    overrides, used = {}, set()
    for name, choices in by_key.values():
        if name in used:
            continue
        used.add(name)
        overrides[name] = choices
    return overrides


def postprocess_enums(result, generator, request, public):
    """drf-spectacular's enum post-processing with the model-derived names above."""
    from drf_spectacular import plumbing
    from drf_spectacular.hooks import postprocess_schema_enums
    from drf_spectacular.settings import spectacular_settings

    configured = dict(spectacular_settings.ENUM_NAME_OVERRIDES)
    # A name configured in settings wins over the derived one for the same choice set.
    claimed = set()
    for choices in configured.values():
        loaded = plumbing.deep_import_string(choices) if isinstance(choices, str) else choices
        claimed.add(_choice_key(getattr(loaded, "choices", loaded) or []))
    derived = {name: choices for name, choices in model_enum_overrides().items() if _choice_key(choices) not in claimed}
    spectacular_settings.ENUM_NAME_OVERRIDES = {**derived, **configured}
    plumbing._load_enum_name_overrides.cache_clear()
    try:
        return postprocess_schema_enums(result, generator, request=request, public=public)
    finally:
        spectacular_settings.ENUM_NAME_OVERRIDES = configured
        plumbing._load_enum_name_overrides.cache_clear()


class SingleObjectSchema(AutoSchema):
    """For a router list route that answers one object (a report such as the dashboard), not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False
