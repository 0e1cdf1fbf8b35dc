"""Resource cases for the generic API tests: documents, chat sessions, usage."""

import base64

from apps.core.testing.cases import ResourceCase, register

from .factories import ChatSessionFactory, DocumentFactory, UsageRecordFactory, unique_pdf


def document_payload(tenant) -> dict:
    # JSON upload (base64) so the generic tests, which post JSON, exercise the real upload path.
    return {"file_name": "customer-po.pdf", "content_base64": base64.b64encode(unique_pdf()).decode()}


def check_usage_summary(ctx, path, method) -> None:
    """The summary totals only the caller's tenant: tenant B's model name never appears."""
    response = ctx.client.get(path)
    if response.status_code != 200:
        ctx.fail(f"GET {path}: {response.status_code}")
        return
    names = {row["model_name"] for row in response.json()["rows"]}
    if ctx.rows_b["ai-usage"].model_name in names:
        ctx.fail(f"GET {path}: tenant B's usage is summed")


def check_intake(ctx, path, method) -> None:
    """An e-mail uploaded in tenant A becomes documents of tenant A only."""
    from email.message import EmailMessage

    from apps.ai_assistant.models import Document

    msg = EmailMessage()
    msg["From"] = "buyer@example.com"
    msg["Subject"] = "PO 1"
    msg.set_content("Please book 10 cs Beef Brisket")
    msg.add_attachment(unique_pdf(), maintype="application", subtype="pdf", filename="po.pdf")
    payload = {"file_name": "po.eml", "content_base64": base64.b64encode(msg.as_bytes()).decode()}
    response = ctx.client.post(path, payload, format="json")
    if response.status_code != 201:
        ctx.fail(f"POST {path}: {response.status_code}")
        return
    ids = [d["id"] for d in response.json()["documents"]]
    if set(Document.objects.filter(pk__in=ids).values_list("tenant_id", flat=True)) != {ctx.tenant_a.pk}:
        ctx.fail(f"POST {path}: documents outside the caller's tenant")


def check_inbound_secret(ctx, path, method) -> None:
    """Rotating tenant A's inbound secret leaves tenant B's untouched."""
    before = dict(ctx.tenant_b.settings or {})
    response = ctx.client.post(path)
    ctx.tenant_b.refresh_from_db()
    if response.status_code != 200 or (ctx.tenant_b.settings or {}) != before:
        ctx.fail(f"POST {path}: {response.status_code} or tenant B's settings changed")


register(
    ResourceCase(
        basename="ai-document",
        read_back_from={"file_name": "original_name"},
        not_read_back={"content_base64": "the uploaded bytes; served by GET …/file/, checked in test_documents"},
        factory=lambda tenant: DocumentFactory(tenant=tenant),
        create_payload=document_payload,
        search_term=lambda document: document.original_name,
        extra_operations={"post intake": check_intake, "post inbound-secret": check_inbound_secret},
    ),
    ResourceCase(
        basename="ai-chat-session",
        factory=lambda tenant: ChatSessionFactory(tenant=tenant),
        create_payload=lambda tenant: {"title": "Where are my loads?"},
        search_term=lambda session: session.title,
    ),
    ResourceCase(
        basename="ai-usage",
        factory=lambda tenant: UsageRecordFactory(tenant=tenant),
        search_term=lambda record: record.model_name,
        extra_operations={"get summary": check_usage_summary},
    ),
)
