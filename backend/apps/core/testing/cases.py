"""The resource-case registry: one ResourceCase per router resource, declared by its app in
`apps/<app>/tests/api_cases.py`. The generic tests (role matrix, query counts, cross-tenant sweep)
run every case; a router resource or schema operation without a case fails them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings


@dataclass
class ResourceCase:
    basename: str  # the router basename (e.g. "supplier")
    factory: Callable[..., Any]  # factory(tenant=t) -> a saved row of this resource in tenant t
    create_payload: Callable[[Any], dict] | None = None  # tenant -> valid POST body (related rows made in tenant)
    update_payload: Callable[[Any], dict] | None = None  # row -> valid PATCH body
    search_term: Callable[[Any], str] | None = None  # row -> a ?search= term that finds it
    soft_delete: bool = False  # DELETE archives (is_active=False) instead of removing the row
    # Extra operations of this resource for the cross-tenant sweep: "method action" -> check(ctx) where ctx
    # is a SweepContext; e.g. {"post import": check_import}. Detail actions ("post confirm") need none.
    extra_operations: dict[str, Callable] = field(default_factory=dict)
    # Formats the list can render besides JSON (e.g. ["csv"]); the sweep checks them too.
    list_formats: list[str] = field(default_factory=list)
    # Round trip (test_generic_api.py::test_round_trip): after create and update a GET returns every field sent,
    # compared after the generic normalisation (decimals by value, times with seconds, lists of scalars as sets).
    # Where the API normalises a value further, declare it: field -> f(sent value) -> the value read back.
    read_back: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # Fields read back under another name: sent field -> dotted path in the GET response (e.g. "user.email").
    read_back_from: dict[str, str] = field(default_factory=dict)
    # Fields sent but deliberately not returned (write-only), with the reason: field -> reason.
    not_read_back: dict[str, str] = field(default_factory=dict)


CASES: dict[str, ResourceCase] = {}


def register(*cases: ResourceCase) -> None:
    for case in cases:
        CASES[case.basename] = case


def load_cases() -> dict[str, ResourceCase]:
    for app in settings.INSTALLED_APPS:
        if not app.startswith("apps."):
            continue
        try:
            import_module(f"{app}.tests.api_cases")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"{app}.tests.api_cases", f"{app}.tests"}:
                raise
    return CASES
