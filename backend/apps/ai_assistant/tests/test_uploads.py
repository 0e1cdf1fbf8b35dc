"""Upload checks and broken inputs: every bad file gets a clear 4xx or a failed status with a reason, never a
500 and never a document stuck in processing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.ai_assistant.models import Document, DocumentStatus

from .factories import small_pdf, unique_pdf

pytestmark = pytest.mark.django_db
URL = "/api/v1/ai-assistant/documents/"


def post(client, name, data, content_type="application/pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type=content_type)}, format="multipart")


def multi_page_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_font("Helvetica", "", 10)
    for n in range(pages):
        pdf.add_page()
        pdf.text(40, 60, f"Page {n + 1}")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf("INVOICE"))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(width: int, height: int, mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), 1 if mode == "1" else "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_text_pdf_is_stored_with_its_hash_and_extracted_offline(client):
    data = small_pdf(
        "PURCHASE ORDER",
        lines=["PO Number: 55-10293", "Order Date: 03/14/2026", "Buyer: Heartland Foods Distributors", "Terms: Net 14"],
    )
    response = post(client, "po.pdf", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "extracted" and body["progress"] == 100 and body["provider"] == "offline"
    assert body["file_kind"] == "pdf" and body["pages"] == 1 and len(body["sha256"]) == 64
    ex = body["extraction"]
    assert ex["document_type"]["value"] == "purchase_order"
    assert ex["document_number"]["value"] == "55-10293"
    assert ex["document_date"]["value"] == "2026-03-14"
    assert ex["terms"]["value"] == "Net 14"
    assert ex["counterparty"]["name"]["value"] == "Heartland Foods Distributors"
    document = Document.objects.get(pk=body["id"])
    assert document.file.read() == data
    assert client.get(f"{URL}{body['id']}/file/").status_code == 200


def test_the_same_file_twice_returns_the_existing_document(client):
    data = unique_pdf()
    first = post(client, "a.pdf", data)
    again = post(client, "copy-of-a.pdf", data)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["duplicate"] is True
    assert Document.objects.count() == 1


def test_the_same_file_in_another_tenant_is_a_new_document(client, db):
    from apps.core.testing.factories import TenantFactory, member
    from conftest import client_for

    data = unique_pdf()
    other = TenantFactory()
    assert post(client, "a.pdf", data).status_code == 201
    assert post(client_for(member(other), other), "a.pdf", data).status_code == 201


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("empty.pdf", b"", 400, "empty"),
        ("page.pdf", b"<!DOCTYPE html><html><body>Invoice</body></html>", 415, "Unsupported file type"),
        ("notes.txt", b"just text", 415, "Unsupported file type"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage", 400, "damaged"),
        ("big.pdf", None, 400, "60 pages"),
        ("locked.pdf", None, 400, "password-protected"),
        ("bomb.png", None, 400, "pixels"),
        ("truncated.png", None, 400, "damaged"),
    ],
)
def test_broken_inputs_are_refused_with_a_clear_message(client, name, data, status, message):
    if name == "big.pdf":
        data = multi_page_pdf(60)
    elif name == "locked.pdf":
        data = encrypted_pdf()
    elif name == "bomb.png":
        data = png(12_000, 12_000)  # 144 megapixels in a few kilobytes
    elif name == "truncated.png":
        data = png(400, 400, "RGB")[:120]
    response = post(client, name, data)
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert not Document.objects.exists()


def test_files_over_the_size_limit_get_413(client, settings):
    settings.AI_MAX_UPLOAD_MB = 0.001
    response = post(client, "po.pdf", unique_pdf())
    assert response.status_code == 413
    assert "limit" in response.json()["detail"] or "larger" in response.json()["detail"]


def test_a_bomb_that_slips_past_the_upload_fails_processing_instead_of_hanging(client, settings):
    """Limits lowered after the upload: processing re-checks and ends failed with the reason, not processing."""
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queued after commit, which a test transaction never reaches
    response = post(client, "scan.png", png(1200, 1200), content_type="image/png")
    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == DocumentStatus.UPLOADED
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.AI_MAX_IMAGE_PIXELS = 1_000_000
    retried = client.post(f"{URL}{document.pk}/retry/")
    assert retried.status_code == 200
    assert retried.json()["status"] == "failed"
    assert "limit is 1,000,000 pixels" in retried.json()["failure_reason"]


def test_a_blank_image_fails_with_a_reason(client):
    response = post(client, "blank.png", png(300, 200, "RGB"), content_type="image/png")
    assert response.status_code == 201
    assert response.json()["status"] == "failed"
    assert "No text could be read" in response.json()["failure_reason"]


def test_unexpected_errors_fail_the_document_never_leave_it_processing(client, monkeypatch):
    from apps.ai_assistant import providers

    def explode(self, layer, *, own_names):
        raise RuntimeError("boom")

    monkeypatch.setattr(providers.OfflineProvider, "extract", explode)
    body = post(client, "po.pdf", unique_pdf()).json()
    assert body["status"] == "failed"
    assert "Unexpected error" in body["failure_reason"]


def test_readonly_members_cannot_upload(world):
    from apps.tenants.models import Role
    from conftest import client_for

    tenant, users = world
    response = post(client_for(users[Role.READONLY], tenant), "po.pdf", unique_pdf())
    assert response.status_code == 403


def test_heic_photos_are_accepted_by_content():
    import pillow_heif

    from apps.ai_assistant.uploads import inspect_upload

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buffer, format="HEIF")
    info = inspect_upload(buffer.getvalue())
    assert (info.kind, info.content_type, info.pages) == ("heic", "image/heic", 1)


def test_a_huge_pdf_page_is_rendered_for_ocr_within_the_pixel_limit(settings, monkeypatch):
    from fpdf import FPDF

    from apps.ai_assistant import text_layer

    settings.AI_MAX_IMAGE_PIXELS = 2_000_000
    pdf = FPDF(unit="pt", format=(14_000, 14_000))  # a 194-inch page with no text: OCR would render it
    pdf.add_page()
    sizes = []
    monkeypatch.setattr(text_layer, "ocr_image", lambda image: sizes.append(image.size) or text_layer.Page(1, 1))
    text_layer.ocr_pdf_page(bytes(pdf.output()), 0)
    assert sizes and sizes[0][0] * sizes[0][1] <= 2_000_000


def test_without_an_ocr_engine_images_fail_with_a_clear_reason(client, settings):
    settings.AI_OCR_ENABLED = False  # as when rapidocr-onnxruntime (or its native libraries) is missing
    body = post(client, "scan.png", png(300, 200, "RGB"), content_type="image/png").json()
    assert body["status"] == "failed"
    assert "no OCR engine is installed" in body["failure_reason"]


def test_a_concurrent_duplicate_upload_returns_the_first_document(world, monkeypatch):
    from apps.ai_assistant import services

    tenant, users = world
    data = unique_pdf()
    first, created = services.upload_document(tenant, users["user"], "a.pdf", data)
    assert created
    # the duplicate check ran before the first upload committed: the unique constraint decides
    monkeypatch.setattr(services.Document.objects, "filter", lambda **kw: services.Document.objects.none())
    again, created = services.upload_document(tenant, users["user"], "a.pdf", data)
    assert (again.pk, created) == (first.pk, False)


def test_the_uploader_is_told_how_the_reading_ended(world, client):
    from apps.notifications.models import Notification
    from apps.tenants.models import Role

    tenant, users = world
    read = post(client, "po.pdf", small_pdf("PURCHASE ORDER", lines=["PO Number: 55-777", "Terms: Net 14"])).json()
    failed = post(client, "blank.png", png(300, 200, "RGB"), content_type="image/png").json()
    rows = {
        row.kind: row
        for row in Notification.objects.filter(
            tenant=tenant, user=users[Role.USER], target_type="ai_assistant.document"
        )
    }
    assert set(rows) == {"document.processed", "document.failed"}
    assert rows["document.processed"].target_id == read["id"]
    assert rows["document.processed"].title == "po.pdf is read: the draft is ready"
    assert rows["document.processed"].url == f"/assistant/documents/{read['id']}"
    assert rows["document.failed"].target_id == failed["id"]
    assert "No text could be read" in rows["document.failed"].body
    # Only the uploader: nobody else in the brokerage gets them.
    assert Notification.objects.filter(tenant=tenant).count() == 2
