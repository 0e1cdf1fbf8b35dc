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


register(
    ResourceCase(
        basename="ai-document",
        read_back_from={"file_name": "original_name"},
        not_read_back={"content_base64": "the uploaded bytes; served by GET …/file/, checked in test_documents"},
        factory=lambda tenant: DocumentFactory(tenant=tenant),
        create_payload=document_payload,
        search_term=lambda document: document.original_name,
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
