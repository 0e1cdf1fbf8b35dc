"""AI assistant: uploaded documents with their extraction draft, chat sessions and messages, and usage."""

import uuid

from django.conf import settings
from django.db import models

from apps.core.models import TenantOwnedModel


class DocumentStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    PROCESSING = "processing", "Processing"
    EXTRACTED = "extracted", "Extracted (draft ready for review)"
    FAILED = "failed", "Failed"
    CONFIRMED = "confirmed", "Confirmed (records created)"
    DISCARDED = "discarded", "Discarded"


class DocumentType(models.TextChoices):
    PURCHASE_ORDER = "purchase_order", "Purchase order"
    SALES_CONFIRMATION = "sales_confirmation", "Sales confirmation"
    INVOICE = "invoice", "Invoice"
    BILL_OF_LADING = "bill_of_lading", "Bill of lading"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    TIFF = "tiff", "TIFF"
    HEIC = "heic", "HEIC"
    XLSX = "xlsx", "Excel sheet"
    CSV = "csv", "CSV sheet"
    TEXT = "text", "E-mail text"


def document_path(document: "Document", filename: str) -> str:
    from .uploads import EXTENSIONS

    return f"ai-documents/{document.tenant_id}/{uuid.uuid4().hex}{EXTENSIONS.get(document.file_kind, '')}"


class Document(TenantOwnedModel):
    """One uploaded file and what the assistant read from it. The extraction is a draft: nothing reaches the
    business tables until a person confirms it."""

    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=255)
    file_kind = models.CharField(max_length=5, choices=FileKind.choices)
    content_type = models.CharField(max_length=127)  # RFC 6838: type and subtype up to 127 each; XLSX is 65
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveSmallIntegerField(default=1)

    status = models.CharField(max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.UPLOADED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0-100 while processing.")
    failure_reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processing_started_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    provider = models.CharField(max_length=20, blank=True)
    model_name = models.CharField(max_length=100, blank=True)
    used_ocr = models.BooleanField(default=False)
    document_type = models.CharField(max_length=20, choices=DocumentType.choices, blank=True)
    text = models.TextField(blank=True, help_text="The text read from the file (data, never instructions).")
    extraction = models.JSONField(default=dict, blank=True, help_text="The draft, following the extraction schema.")
    matches = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)

    corrections = models.JSONField(default=dict, blank=True, help_text="What the reviewer confirmed.")
    created_records = models.JSONField(default=list, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    discarded_at = models.DateTimeField(null=True, blank=True)

    intake = models.CharField(
        max_length=32, blank=True, help_text="Key shared by the documents of one e-mail intake (body + attachments)."
    )
    intake_info = models.JSONField(
        default=dict, blank=True, help_text="The e-mail it came from: source (upload/inbound), sender, subject, part."
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An earlier document with the same counterparty and document number.",
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "sha256"], name="ai_assistant_document_sha_unique"),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="ai_assistant_document_tcr"),
            models.Index(fields=["tenant", "status"], name="ai_assistant_document_status"),
            models.Index(fields=["tenant", "intake"], name="ai_assistant_document_intake"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"


class ChatSession(TenantOwnedModel):
    """A conversation of one member in one tenant."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="ai_assistant_chatsession_tcr"),
            models.Index(fields=["tenant", "user"], name="ai_assistant_chatsession_user"),
        ]

    def __str__(self) -> str:
        return self.title or f"Chat {self.pk}"


class MessageRole(models.TextChoices):
    USER = "user", "User"
    ASSISTANT = "assistant", "Assistant"


class ChatMessage(TenantOwnedModel):
    # Chat history is not business history: it goes with its session.
    session = models.ForeignKey(ChatSession, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=10, choices=MessageRole.choices)
    content = models.TextField()
    tool_calls = models.JSONField(default=list, blank=True, help_text="Tools the answer used, with arguments.")
    data = models.JSONField(default=dict, blank=True, help_text="Structured results shown with the answer.")
    provider = models.CharField(max_length=20, blank=True)
    model_name = models.CharField(max_length=100, blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="ai_assistant_chatmessage_tcr")]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:40]}"


class UsageOperation(models.TextChoices):
    EXTRACTION = "extraction", "Document extraction"
    CHAT = "chat", "Chat"


class UsageRecord(TenantOwnedModel):
    """One call to a provider: tokens and the estimated cost (offline calls cost nothing)."""

    provider = models.CharField(max_length=20)
    model_name = models.CharField(max_length=100, blank=True)
    operation = models.CharField(max_length=12, choices=UsageOperation.choices)
    calls = models.PositiveIntegerField(default=1)
    tokens_in = models.PositiveIntegerField(default=0)
    tokens_out = models.PositiveIntegerField(default=0)
    estimated_cost = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    succeeded = models.BooleanField(default=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    session = models.ForeignKey(ChatSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="ai_assistant_usagerecord_tcr"),
            models.Index(fields=["tenant", "provider", "model_name"], name="ai_assistant_usage_pm"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}/{self.model_name}: {self.tokens_in}+{self.tokens_out}"
