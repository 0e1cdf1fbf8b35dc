import itertools

import factory
from factory.django import DjangoModelFactory

from apps.ai_assistant.models import ChatMessage, ChatSession, Document, DocumentStatus, UsageRecord
from apps.core.testing.factories import TenantFactory, UserFactory

_pdf_numbers = itertools.count(1)


def small_pdf(text: str = "PURCHASE ORDER", *, lines: list[str] | None = None) -> bytes:
    """A one-page text PDF (unique per call unless the text is the same)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="Letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(40, 60, text)
    pdf.set_font("Helvetica", "", 10)
    for index, line in enumerate(lines or []):
        pdf.text(40, 90 + 14 * index, line)
    return bytes(pdf.output())


def unique_pdf() -> bytes:
    n = next(_pdf_numbers)
    return small_pdf(f"PURCHASE ORDER {n}", lines=[f"PO Number: 77-{n:05d}", "Buyer: Heartland Foods Distributors"])


def latest_member(tenant):
    """The tenant's most recently added member (the generic tests add the acting user before the row)."""
    from apps.tenants.models import TenantUser

    membership = TenantUser.objects.filter(tenant=tenant).order_by("-pk").select_related("user").first()
    return membership.user if membership else UserFactory()


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    tenant = factory.SubFactory(TenantFactory)
    original_name = factory.Sequence(lambda n: f"customer-po-{n}.pdf")
    file = factory.django.FileField(filename="po.pdf", data=b"%PDF-1.4 test")
    file_kind = "pdf"
    content_type = "application/pdf"
    size = 13
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = DocumentStatus.EXTRACTED
    progress = 100
    document_type = "purchase_order"
    extraction = factory.LazyFunction(lambda: {})


class ChatSessionFactory(DjangoModelFactory):
    class Meta:
        model = ChatSession

    tenant = factory.SubFactory(TenantFactory)
    user = factory.LazyAttribute(lambda o: latest_member(o.tenant))
    title = factory.Sequence(lambda n: f"Open POs question {n}")


class ChatMessageFactory(DjangoModelFactory):
    class Meta:
        model = ChatMessage

    tenant = factory.SubFactory(TenantFactory)
    session = factory.SubFactory(ChatSessionFactory, tenant=factory.SelfAttribute("..tenant"))
    role = "user"
    content = "open purchase orders"


class UsageRecordFactory(DjangoModelFactory):
    class Meta:
        model = UsageRecord

    tenant = factory.SubFactory(TenantFactory)
    provider = "openai"
    model_name = factory.Sequence(lambda n: f"test-model-{n}")
    operation = "extraction"
    tokens_in = 1200
    tokens_out = 300
