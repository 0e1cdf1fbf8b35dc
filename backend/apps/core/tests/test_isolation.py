"""Cross-tenant sweep over every operation in the OpenAPI schema; on PostgreSQL a second pass with the
app-level tenant filter switched off, so that row-level security alone must hold."""

import pytest
from django.db import connection
from django.test import override_settings

from apps.core.testing.sweep import SweepContext, build_world, check_operation, schema_operations, tenant_snapshot
from conftest import client_for


def run_sweep() -> list[str]:
    tenant_a, tenant_b, owner_a, rows_a, rows_b, payloads_b = build_world()
    before = tenant_snapshot(tenant_b)
    ctx = SweepContext(client_for(owner_a, tenant_a), tenant_a, tenant_b, rows_a, rows_b, payloads_b)
    operations = schema_operations()
    assert len(operations) > 10
    for path, method in operations:
        check_operation(ctx, path, method)
    if tenant_snapshot(tenant_b) != before:
        ctx.fail("tenant B's rows changed during the sweep")
    return ctx.failures


@pytest.mark.django_db(transaction=True)
def test_cross_tenant_sweep_with_app_filter():
    failures = run_sweep()
    assert not failures, "\n".join(failures)


@pytest.mark.django_db(transaction=True)
def test_cross_tenant_sweep_with_row_level_security_alone():
    if connection.vendor != "postgresql":
        pytest.skip("row-level security exists only on PostgreSQL")
    with override_settings(TENANCY_APP_FILTER=False):
        failures = run_sweep()
    assert not failures, "\n".join(failures)
