"""E-mail and spreadsheet intake: an .eml with two attachments becomes three documents of one intake; the
per-tenant inbound endpoint with its secret; duplicates by file hash and by counterparty + document number."""

import io
from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from apps.ai_assistant.families import build, render
from apps.ai_assistant.models import Document
from apps.tenants.models import Role

from .conftest import client_for

pytestmark = pytest.mark.django_db
INTAKE = "/api/v1/ai-assistant/documents/intake/"


def order_sheet() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Order sheet", None, None, None, None, None])
    sheet.append(["PO Number:", "SHEET-7781", None, None, None, None])
    sheet.append([])
    sheet.append(["Item #", "Description", "Cases", "Net Lbs", "Price/lb", "Amount"])
    sheet.append(["2002", "Pork Butt Bone-In 406", 40, 2560, 1.92, 4915.20])
    sheet.append(["1002", "Beef Brisket 120 Select", 25, 1750.5, 3.45, 6039.23])
    sheet.append([None, "Total", 65, 4310.5, None, 10954.43])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def order_email(pdf: bytes) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Dana Whitfield <dana@heartlandfoods.com>"
    msg["To"] = "orders@summitprotein.com"
    msg["Subject"] = "PO 45-88123 and this week's sheet"
    msg["Date"] = "Tue, 03 Mar 2026 09:14:00 -0600"
    msg.set_content(
        "Hi team,\n\nPlease book for delivery 3/5/2026:\n\n"
        "- 40 cs Pork Butt Bone-In 406 - approx 2,560 lbs @ $1.92/lb = $4,915.20\n\n"
        "Thanks,\nDana Whitfield\nHeartland Foods Distributors\n"
    )
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="po.pdf")
    msg.add_attachment(
        order_sheet(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="sheet.xlsx",
    )
    msg.add_attachment(b"BEGIN:VCALENDAR", maintype="text", subtype="calendar", filename="invite.ics")
    return msg.as_bytes()


def v(node):
    return node["value"]


def test_email_with_two_attachments_becomes_three_documents_of_one_intake(client):
    doc = build("ruled_po", 5)
    pdf, _ext = render(doc)
    raw = order_email(pdf)
    response = client.post(INTAKE, {"file": SimpleUploadedFile("order.eml", raw)}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["subject"] == "PO 45-88123 and this week's sheet"
    kinds = [d["file_kind"] for d in body["documents"]]
    assert kinds == ["text", "pdf", "xlsx"]
    assert [s["name"] for s in body["skipped"]] == ["invite.ics"]
    assert {d["intake"] for d in body["documents"]} == {body["intake"]}
    assert all(d["status"] == "extracted" for d in body["documents"]), [d["failure_reason"] for d in body["documents"]]
    email_doc, pdf_doc, sheet_doc = (d["extraction"] for d in body["documents"])
    # the body: an order e-mail
    assert v(email_doc["document_number"]) == "45-88123"
    assert v(email_doc["counterparty"]["name"]) == "Heartland Foods Distributors"
    assert [v(ln["line_total"]) for ln in email_doc["line_items"]] == [4915.20]
    # the PDF attachment
    assert v(pdf_doc["document_number"]) == doc.number
    assert len(pdf_doc["line_items"]) == len(doc.items)
    # the spreadsheet: its table read from the cell grid
    assert v(sheet_doc["document_number"]) == "SHEET-7781"
    assert [(v(ln["boxes"]), v(ln["weight_lb"]), v(ln["line_total"])) for ln in sheet_doc["line_items"]] == [
        (40, 2560.0, 4915.2),
        (25, 1750.5, 6039.23),
    ]
    assert Document.objects.filter(intake=body["intake"]).count() == 3
    # the same e-mail again: every part is the existing document (same file hash), flagged and linked
    again = client.post(INTAKE, {"file": SimpleUploadedFile("order.eml", raw)}, format="multipart").json()
    assert [d["duplicate"] for d in again["documents"]] == [True, True, True]
    assert [d["id"] for d in again["documents"]] == [d["id"] for d in body["documents"]]
    assert Document.objects.count() == 3


def test_outlook_msg_with_two_attachments_becomes_three_documents_of_one_intake(client):
    """An Outlook .msg (built by tests/outlook_msg.py from the file format) with a PDF and an XLSX attached."""
    from .outlook_msg import build_msg

    doc = build("unruled_confirmation", 4)
    pdf, _ext = render(doc)
    raw = build_msg(
        sender_name="Dana Whitfield",
        sender_email="dana@heartlandfoods.com",
        to="orders@summitprotein.com",
        subject="PO 45-88123 and this week's sheet",
        date="Tue, 03 Mar 2026 09:14:00 -0600",
        body=(
            "Hi team,\r\n\r\nPlease book for delivery 3/5/2026:\r\n\r\n"
            "- 40 cs Pork Butt Bone-In 406 - approx 2,560 lbs @ $1.92/lb = $4,915.20\r\n\r\n"
            "Thanks,\r\nDana Whitfield\r\nHeartland Foods Distributors\r\n"
        ),
        attachments=[
            ("confirmation.pdf", "application/pdf", pdf),
            ("sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", order_sheet()),
        ],
    )
    assert raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file, as Outlook saves it
    response = client.post(INTAKE, {"file": SimpleUploadedFile("order.msg", raw)}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["subject"] == "PO 45-88123 and this week's sheet"
    assert "dana@heartlandfoods.com" in body["sender"]
    assert [d["file_kind"] for d in body["documents"]] == ["text", "pdf", "xlsx"]
    assert body["skipped"] == []
    assert {d["intake"] for d in body["documents"]} == {body["intake"]}
    assert [d["intake_info"]["part"] for d in body["documents"]] == ["body", "attachment", "attachment"]
    assert all(d["status"] == "extracted" for d in body["documents"]), [d["failure_reason"] for d in body["documents"]]
    email_doc, pdf_doc, sheet_doc = (d["extraction"] for d in body["documents"])
    assert v(email_doc["document_number"]) == "45-88123"
    assert v(email_doc["counterparty"]["name"]) == "Heartland Foods Distributors"
    assert [v(ln["line_total"]) for ln in email_doc["line_items"]] == [4915.20]
    # the attachments arrive whole: the PDF's number and every line, the sheet's rows
    assert v(pdf_doc["document_number"]) == doc.number
    assert len(pdf_doc["line_items"]) == len(doc.items)
    assert v(sheet_doc["document_number"]) == "SHEET-7781"
    assert [(v(ln["boxes"]), v(ln["weight_lb"]), v(ln["line_total"])) for ln in sheet_doc["line_items"]] == [
        (40, 2560.0, 4915.2),
        (25, 1750.5, 6039.23),
    ]
    assert Document.objects.filter(intake=body["intake"]).count() == 3


def test_a_truncated_outlook_msg_is_a_400_naming_it(client):
    from .outlook_msg import build_msg

    raw = build_msg(
        sender_name="A",
        sender_email="a@example.com",
        to="b@example.com",
        subject="s",
        date="Tue, 03 Mar 2026 09:14:00 -0600",
        body="b",
        attachments=[],
    )
    response = client.post(INTAKE, {"file": SimpleUploadedFile("bad.msg", raw[:700])}, format="multipart")
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith("The Outlook message could not be read")
    assert Document.objects.count() == 0


def test_same_counterparty_and_number_is_flagged_and_linked(client):
    first = build("ruled_po", 6)
    second = build("ruled_po", 6)
    second.items = second.items[:1]  # a different file with the same number from the same customer
    url = "/api/v1/ai-assistant/documents/"
    one = client.post(url, {"file": SimpleUploadedFile("a.pdf", render(first)[0])}, format="multipart").json()
    two = client.post(url, {"file": SimpleUploadedFile("b.pdf", render(second)[0])}, format="multipart").json()
    assert one["duplicate_of"] is None
    assert two["duplicate_of"] == one["id"]
    assert [w["document"] for w in two["warnings"] if w["code"] == "duplicate"] == [one["id"]]


def test_not_an_email_is_415(client):
    response = client.post(INTAKE, {"file": SimpleUploadedFile("x.eml", b"just some words")}, format="multipart")
    assert response.status_code == 415
    assert ".eml" in response.json()["detail"]


def test_inbound_endpoint_needs_the_tenant_secret(world):
    tenant, users = world
    owner = client_for(users[Role.OWNER], tenant)
    assert client_for(users[Role.MANAGER], tenant).post(INTAKE.replace("intake/", "inbound-secret/")).status_code == 403
    issued = owner.post(INTAKE.replace("intake/", "inbound-secret/")).json()
    url = issued["url"]
    assert url == f"/api/v1/ai-assistant/inbound/{tenant.slug}/"
    raw = order_email(render(build("ruled_po", 8))[0])
    anonymous = APIClient()
    wrong = anonymous.post(url, raw, content_type="message/rfc822", HTTP_X_INBOUND_SECRET="nope")
    assert wrong.status_code == 403
    assert Document.objects.count() == 0
    unknown = anonymous.post(
        "/api/v1/ai-assistant/inbound/no-such-tenant/",
        raw,
        content_type="message/rfc822",
        HTTP_X_INBOUND_SECRET=issued["secret"],
    )
    assert unknown.status_code == 403
    ok = anonymous.post(url, raw, content_type="message/rfc822", HTTP_X_INBOUND_SECRET=issued["secret"])
    assert ok.status_code == 201, ok.content
    docs = Document.objects.filter(intake=ok.json()["intake"])
    assert docs.count() == 3
    assert {d.tenant_id for d in docs} == {tenant.id}
    assert {d.intake_info["source"] for d in docs} == {"inbound"}
