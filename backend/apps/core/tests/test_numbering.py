"""The per-tenant document-number allocator."""

import threading

import pytest
from django.db import connection, transaction

from apps.core import rls
from apps.core.numbering import next_number
from apps.core.testing.factories import TenantFactory


@pytest.mark.django_db
def test_numbers_are_sequential_per_tenant_kind_and_year():
    tenant, other = TenantFactory(), TenantFactory()
    with transaction.atomic():
        assert next_number(tenant, "PO", year=2026) == "PO-2026-000001"
        assert next_number(tenant, "PO", year=2026) == "PO-2026-000002"
        assert next_number(tenant, "so", year=2026) == "SO-2026-000001"
        assert next_number(other, "PO", year=2026) == "PO-2026-000001"
        assert next_number(tenant, "PO", year=2027) == "PO-2027-000001"


@pytest.mark.django_db
def test_a_rolled_back_allocation_gives_its_number_back():
    tenant = TenantFactory()
    with pytest.raises(RuntimeError, match="boom"):
        with transaction.atomic():
            next_number(tenant, "INV", year=2026)
            raise RuntimeError("boom")
    with transaction.atomic():
        assert next_number(tenant, "INV", year=2026) == "INV-2026-000001"


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused():
    tenant = TenantFactory()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        next_number(tenant, "PO")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_eight_threads_allocate_800_distinct_gapless_numbers():
    tenant = TenantFactory()
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(100):
                with rls.tenant_context(tenant.pk):  # as the app role, under row-level security
                    number = next_number(tenant, "PO", year=2026)
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(numbers) == 800
    assert len(set(numbers)) == 800
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 801))
