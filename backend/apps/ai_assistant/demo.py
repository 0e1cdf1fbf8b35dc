"""Demo data: two documents read by the offline extractor (drafts ready for review) and a short chat."""

from pathlib import Path

from apps.tenants.models import Role

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = [
    ("A1_customer_po.pdf", "heartland-po.pdf"),
    ("B1_supplier_confirmation.pdf", "wayne-farms-confirmation.pdf"),
]


def seed(tenant, users) -> None:
    from .chat import ChatTools, offline_answer
    from .models import ChatMessage, ChatSession, MessageRole
    from .services import upload_document

    user = users.get(Role.USER) or next(iter(users.values()))
    for fixture, name in DOCUMENTS:
        upload_document(tenant, user, name, (FIXTURES / fixture).read_bytes())  # the same file twice is one document
    session, created = ChatSession.objects.get_or_create(
        tenant=tenant, user=user, title="Open purchase orders", defaults={"created_by": user}
    )
    if created:
        question = "open purchase orders"
        ChatMessage.objects.create(tenant=tenant, session=session, role=MessageRole.USER, content=question)
        answer = offline_answer(question, ChatTools(tenant))
        ChatMessage.objects.create(
            tenant=tenant,
            session=session,
            role=MessageRole.ASSISTANT,
            content=answer.content,
            tool_calls=answer.tool_calls,
            provider="offline",
            model_name="rules-v1",
        )
