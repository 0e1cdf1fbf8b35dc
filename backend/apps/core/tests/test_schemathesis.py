"""Schemathesis over every operation of the served OpenAPI schema, as a tenant owner, in process against the real
Django app and the test database (SQLite or PostgreSQL, whichever the suite runs on).

Each operation gets a small, seeded batch of generated requests (SEED, MAX_EXAMPLES: the same requests every run,
so a failure reproduces); an operation on one row is also sent at a real row of this tenant (one per resource,
made by the resource-case factories) so that detail views, updates and actions run on data, not only 404s.
Every response must be below 500, have a status the schema documents for that operation, and match the
documented response schema."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import TenantFactory, member
from apps.core.testing.sweep import classify
from apps.tenants.models import Role

SEED = 20261202
MAX_EXAMPLES = 4
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def served_schema() -> dict:
    """The schema /api/schema/ serves, as JSON (what a client of this database's build sees)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "no-shrink": True,
            "with-security-parameters": False,
            "database": "none",
        },
        # Examples and fuzzing only: the coverage phase's boundary values multiply the run time several times.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)
# The e-mail intake takes a raw message (message/rfc822); it goes on the wire like text.
schemathesis.serializer.alias("message/rfc822", "text/plain")
schema = schemathesis.openapi.from_dict(served_schema(), config=CONFIG)
schema.app = WSGIHandler()


@pytest.fixture
def world(db):
    """One tenant and its owner's token; rows of the resources are made on first use (see row_for)."""
    # Requests run in this test's transaction; Django's own test client keeps the connection open the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        load_cases()
        tenant = TenantFactory()
        _instance, token = AuthToken.objects.create(user=member(tenant, Role.OWNER))
        yield {"tenant": tenant, "headers": {"Authorization": f"Token {token}", "X-Tenant-ID": str(tenant.pk)}}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def real_row_parameters(case, world) -> dict | None:
    """Path parameters aimed at a row of this tenant of the operation's resource (made once), or None."""
    basename, kind, _action = classify(case.operation.path)
    if kind not in {"detail", "detail-action"} or basename not in CASES or set(case.path_parameters or {}) != {"id"}:
        return None
    if basename not in world:
        world[basename] = CASES[basename].factory(tenant=world["tenant"])
    return {"id": world[basename].pk}


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case, world):
    headers = dict(world["headers"])
    case.headers = {**(case.headers or {}), **headers}
    case.call_and_validate(headers=headers, checks=CHECKS)
    real = real_row_parameters(case, world)
    if real is not None:
        case.path_parameters = {**case.path_parameters, **real}
        case.call_and_validate(headers=headers, checks=CHECKS)
