"""The fuzz corpus (fuzz_corpus/README.md): malformed uploads, bodies and query strings. Whatever they hold,
the API answers with a status below 500."""

import csv
import io
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from apps.core.testing.api import tenant_resources
from apps.core.testing.factories import member
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "fuzz_corpus"
CSV_FILES = sorted((CORPUS / "csv").iterdir())
JSON_FILES = sorted((CORPUS / "json").iterdir())
QUERIES = [
    line.strip()
    for line in (CORPUS / "queries.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
IMPORT_TARGETS = ["suppliers", "customers", "products", "carriers"]
POST_TARGETS = ["suppliers", "customers", "purchase-orders", "sales-orders", "invoices", "payments", "loads"]


@pytest.fixture
def client(tenant):
    client = APIClient()
    client.raise_request_exception = False  # a server error must show as a 5xx status, not a raised exception
    client.force_authenticate(member(tenant, Role.OWNER))
    client.credentials(HTTP_X_TENANT_ID=str(tenant.pk))
    return client


def csv_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".template"):
        data = data.replace(b"{HUGE}", b"x" * (csv.field_size_limit() + 1))
    return data


def server_errors(responses) -> list:
    return [
        (label, response.status_code, response.content[:200])
        for label, response in responses
        if response.status_code >= 500
    ]


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_malformed_csv_uploads_never_5xx(client, path):
    responses = []
    for resource in IMPORT_TARGETS:
        for query in ("", "?dry_run=1"):
            upload = io.BytesIO(csv_bytes(path))
            upload.name = path.name.removesuffix(".template")
            label = f"{resource}{query}"
            url = f"/api/v1/{resource}/import/{query}"
            responses.append((label, client.post(url, {"file": upload}, format="multipart")))
    assert not server_errors(responses)
    assert all(response.status_code in (200, 400, 413) for _label, response in responses), [
        (label, response.status_code) for label, response in responses
    ]


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_malformed_json_bodies_never_5xx(client, tenant, path):
    body = path.read_bytes()
    supplier = SupplierFactory(tenant=tenant)
    order = PurchaseOrderFactory(tenant=tenant)
    responses = []
    for resource in POST_TARGETS:
        responses.append((resource, client.generic("POST", f"/api/v1/{resource}/", body, "application/json")))
    for url in (
        f"/api/v1/suppliers/{supplier.pk}/",
        f"/api/v1/purchase-orders/{order.pk}/",
        f"/api/v1/tenants/{tenant.pk}/",
    ):
        responses.append((url, client.generic("PATCH", url, body, "application/json")))
    assert not server_errors(responses)


def test_odd_query_strings_on_every_list_never_5xx(client):
    from django.urls import NoReverseMatch, reverse

    responses = []
    for _prefix, _viewset, basename in tenant_resources():
        try:
            url = reverse(f"{basename}-list")
        except NoReverseMatch:
            continue
        for query in QUERIES:
            responses.append((f"{url}?{query}", client.get(f"{url}?{query}")))
    assert len(responses) > 100
    assert not server_errors(responses)
