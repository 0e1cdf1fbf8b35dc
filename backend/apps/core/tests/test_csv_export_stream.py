"""`?format=csv` streams (apps.core.csv_io.stream_export): the whole filtered, ordered list arrives, read from
one cursor chunk by chunk, in memory that does not grow with the rows; the cap is checked before any row is
read; on PostgreSQL the body, read after the request's transaction ended, is still under the request's tenant
as the app role (row-level security alone keeps another tenant's rows out)."""

import csv
import io
import math
import tracemalloc

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext, override_settings

from apps.contacts.models import Contact
from apps.core import csv_io
from apps.core.testing.factories import TenantFactory, member
from apps.suppliers.models import Supplier
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/suppliers/"


def insert_suppliers(tenant, count: int, *, prefix: str = "S") -> list[dict]:
    """`count` suppliers written in bulk; returns what was written, for the expected rows."""
    rows = [
        {
            "code": f"{prefix}-{n:06d}",
            "name": f"{prefix} Packer {n:06d}",
            # Every seventh city starts like a formula: exported with a leading apostrophe.
            "city": f"=cmd{n}" if n % 7 == 0 else ("Omaha" if n % 2 else "Lincoln"),
        }
        for n in range(count)
    ]
    Supplier.objects.bulk_create([Supplier(tenant=tenant, state="NE", **row) for row in rows], batch_size=1_000)
    return rows


def expected_cell(text: str) -> str:
    return "'" + text if text.startswith("=") else text


def parse(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def contact_prefetches(queries) -> int:
    """The supplier list prefetches contacts once per chunk of suppliers it serializes."""
    table = Contact._meta.db_table
    return sum(1 for query in queries if f'FROM "{table}"' in query["sql"])


@pytest.fixture
def tenant_client(db):
    tenant = TenantFactory()
    return tenant, client_for(member(tenant, Role.READONLY), tenant)


def test_a_large_export_streams_every_row_in_order_chunk_by_chunk(tenant_client):
    tenant, client = tenant_client
    written = insert_suppliers(tenant, 2_400)
    insert_suppliers(TenantFactory(), 50, prefix="X")
    query = {"format": "csv", "search": "Omaha", "ordering": "-code"}
    response = client.get(URL, query)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="supplier-export.csv"'

    pieces = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as queries:
        head = next(pieces)
        assert contact_prefetches(queries) == 0  # the header is sent before any row is read
        first = next(pieces)
        assert contact_prefetches(queries) == 1  # one chunk so far
        rest = b"".join(pieces)
    expected = sorted((row for row in written if row["city"] == "Omaha"), key=lambda row: row["code"], reverse=True)
    assert len(expected) > 2 * csv_io.EXPORT_CHUNK
    assert contact_prefetches(queries) == math.ceil(len(expected) / csv_io.EXPORT_CHUNK)

    rows = parse(head + first + rest)
    assert [(row["code"], row["name"], row["city"]) for row in rows] == [
        (row["code"], row["name"], expected_cell(row["city"])) for row in expected
    ]
    assert head.decode().rstrip("\r\n").split(",")[:3] == ["id", "code", "name"]


def test_formula_cells_are_escaped_in_the_stream(tenant_client):
    tenant, client = tenant_client
    written = insert_suppliers(tenant, 15)
    rows = parse(b"".join(client.get(URL, {"format": "csv", "ordering": "code"}).streaming_content))
    assert [row["city"] for row in rows] == [expected_cell(row["city"]) for row in written]
    assert rows[0]["city"] == "'=cmd0"


def _stream_peak(client) -> tuple[int, int]:
    """(peak bytes allocated while the body is read, rows read); the pieces are counted, not kept."""
    response = client.get(URL, {"format": "csv"})
    tracemalloc.start()
    try:
        lines = sum(piece.count(b"\r\n") for piece in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, lines - 1


def test_memory_while_streaming_does_not_grow_with_the_rows(tenant_client, monkeypatch):
    """Three times the rows, about the same peak: a body built from a list of every row (or a queryset
    read whole) holds all of them at once and peaks about three times as high."""
    monkeypatch.setattr(csv_io, "EXPORT_CHUNK", 50)
    tenant, client = tenant_client
    insert_suppliers(tenant, 200)
    small, rows = _stream_peak(client)
    assert rows == 200
    insert_suppliers(tenant, 400, prefix="T")
    large, rows = _stream_peak(client)
    assert rows == 600
    assert large < 1.5 * small, (small, large)


def test_over_the_cap_is_refused_before_any_row_is_read(tenant_client, monkeypatch):
    monkeypatch.setattr(csv_io, "EXPORT_ROW_LIMIT", 5)
    tenant, client = tenant_client
    insert_suppliers(tenant, 6)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"format": "csv"})
    assert response.status_code == 400 and not response.streaming
    assert "More than 5 rows match" in response.content.decode()
    assert contact_prefetches(queries) == 0
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 6" in counts[0]
    # Exactly at the cap: exported.
    Supplier.objects.filter(tenant=tenant, code="S-000005").delete()
    assert len(parse(b"".join(client.get(URL, {"format": "csv"}).streaming_content))) == 5


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_stream_is_read_as_the_app_role_under_the_request_tenant():
    if connection.vendor != "postgresql":
        pytest.skip("row-level security exists only on PostgreSQL")
    tenant_a, tenant_b = TenantFactory(), TenantFactory()
    written = insert_suppliers(tenant_a, 1_100, prefix="A")
    insert_suppliers(tenant_b, 300, prefix="B")
    client = client_for(member(tenant_a, Role.READONLY), tenant_a)
    with override_settings(TENANCY_APP_FILTER=False):  # row-level security alone
        response = client.get(URL, {"format": "csv", "ordering": "code"})
        assert response.streaming
        assert not connection.in_atomic_block  # the request's transaction is over before the body is read
        rows = parse(b"".join(response.streaming_content))
    assert [row["code"] for row in rows] == [row["code"] for row in written]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user = session_user, current_setting('app.tenant_id', true)")
        assert cursor.fetchone() in ((True, ""), (True, None))  # nothing of the stream's context is left
