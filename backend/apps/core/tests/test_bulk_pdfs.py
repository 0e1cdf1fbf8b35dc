"""The selected records' PDFs as one file (`GET <resource>/pdfs/?id=…`, apps.core.documents): every selected
document's pages in the list's order, only the caller's tenant's, bounded, role-checked like the single PDF."""

import io

import pytest
from pypdf import PdfReader

from apps.core import documents
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.tests.factories import InvoiceFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.tenants.models import Role
from conftest import client_for

URL = "/api/v1/invoices/pdfs/"


def pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def tenant(db):
    return TenantFactory()


def test_three_invoices_in_one_file(tenant):
    invoices = [InvoiceFactory(tenant=tenant) for _ in range(4)]
    chosen = invoices[:3]
    client = client_for(member(tenant, Role.READONLY), tenant)
    response = client.get(URL, {"id": ",".join(str(inv.pk) for inv in chosen), "ordering": "number"})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="invoices-3.pdf"'
    texts = pages_text(response.content)
    # Each invoice's own PDF is one page here; the merged file is those pages, in the asked order.
    singles = [pages_text(client.get(f"/api/v1/invoices/{inv.pk}/pdf/").content) for inv in chosen]
    assert [len(pages) for pages in singles] == [1, 1, 1]
    assert len(texts) == 3
    for text, invoice in zip(texts, sorted(chosen, key=lambda inv: inv.number), strict=True):
        assert invoice.number in text
    assert invoices[3].number not in "".join(texts)


def test_another_tenants_ids_are_left_out(tenant):
    mine = InvoiceFactory(tenant=tenant)
    other = TenantFactory()
    # Numbers are per tenant (both are INV-…-000001): the other's is told apart by its customer.
    theirs = InvoiceFactory(tenant=other, customer=CustomerFactory(tenant=other, name="Stranger Meats"))
    client = client_for(member(tenant, Role.OWNER), tenant)
    response = client.get(URL, {"id": f"{mine.pk},{theirs.pk}"})
    assert response.status_code == 200
    texts = pages_text(response.content)
    assert len(texts) == 1
    assert mine.number in texts[0] and mine.customer.name in texts[0] and "Stranger Meats" not in texts[0]
    only_theirs = client.get(URL, {"id": theirs.pk})
    assert only_theirs.status_code == 400
    assert only_theirs.json() == {"id": ["No record matches: select at least one."]}


def test_more_than_the_cap_is_a_400(tenant, monkeypatch):
    monkeypatch.setattr(documents, "BULK_PDF_LIMIT", 2)
    rows = [InvoiceFactory(tenant=tenant) for _ in range(3)]
    client = client_for(member(tenant, Role.OWNER), tenant)
    response = client.get(URL, {"id": ",".join(str(inv.pk) for inv in rows)})
    assert response.status_code == 400
    assert "At most 2 documents" in response.json()["id"][0]
    assert client.get(URL, {"id": f"{rows[0].pk},{rows[1].pk}"}).status_code == 200
    assert client.get(URL, {"id": "1,two"}).status_code == 400


def test_purchase_orders_too_and_filters_choose_the_documents(tenant):
    draft, sent = PurchaseOrderFactory(tenant=tenant), PurchaseOrderFactory(tenant=tenant, status="sent")
    client = client_for(member(tenant, Role.READONLY), tenant)
    response = client.get("/api/v1/purchase-orders/pdfs/", {"status": "sent"})
    assert response.status_code == 200
    text = "".join(pages_text(response.content))
    assert sent.number in text and draft.number not in text


def test_without_membership_no_file(tenant):
    InvoiceFactory(tenant=tenant)
    outsider_tenant = TenantFactory()
    outsider = client_for(member(outsider_tenant, Role.OWNER), tenant)  # names a tenant it is not a member of
    assert outsider.get(URL).status_code == 403
