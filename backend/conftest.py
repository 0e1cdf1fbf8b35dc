"""Project-wide pytest fixtures. PostgreSQL test databases get the app and ops roles after migrating."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from apps.core.testing.factories import TenantFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            # Roles are cluster-wide: parallel test workers take turns creating and altering them.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(727001)")
                try:
                    call_command("setup_db_roles", verbosity=0)
                finally:
                    cursor.execute("SELECT pg_advisory_unlock(727001)")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_broker_pools():
    """A test that talks to a real broker (worker-kill, S3 worker) closes its connection pools when its Redis
    goes away; kombu keeps closed pools in its global registry, and the next test's task (eager or not) would
    get "Acquire on closed pool" or go to a Redis that is gone. After such a test, start from new pools."""
    yield
    from apps.core.testing.processes import broker_pools_stale, reset_broker_pools

    if broker_pools_stale():
        reset_broker_pools()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def tenant(db):
    return TenantFactory()


@pytest.fixture
def other_tenant(db):
    return TenantFactory()


def client_for(user, tenant=None) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    if tenant is not None:
        client.credentials(HTTP_X_TENANT_ID=str(tenant.pk))
    return client


@pytest.fixture
def as_member():
    """as_member(user, tenant) -> an APIClient signed in as user, acting in tenant."""
    return client_for
