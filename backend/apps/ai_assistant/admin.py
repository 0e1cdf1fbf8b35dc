from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import ChatMessage, ChatSession, Document, UsageRecord


@admin.register(Document)
class DocumentAdmin(PlatformModelAdmin):
    list_display = ["original_name", "file_kind", "status", "document_type", "provider", "progress", "created_at"]
    list_filter = ["status", "document_type", "file_kind", "provider", "used_ocr"]
    search_fields = ["original_name", "sha256", "failure_reason"]
    readonly_fields = ["sha256", "size", "pages", "extraction", "matches", "warnings", "created_records"]


@admin.register(ChatSession)
class ChatSessionAdmin(PlatformModelAdmin):
    list_display = ["title", "user", "created_at", "updated_at"]
    search_fields = ["title"]
    list_filter = []


@admin.register(ChatMessage)
class ChatMessageAdmin(PlatformModelAdmin):
    list_display = ["session", "role", "provider", "created_at"]
    list_filter = ["role", "provider"]
    search_fields = ["content"]


@admin.register(UsageRecord)
class UsageRecordAdmin(PlatformModelAdmin):
    list_display = [
        "provider",
        "model_name",
        "operation",
        "calls",
        "tokens_in",
        "tokens_out",
        "estimated_cost",
        "created_at",
    ]
    list_filter = ["provider", "model_name", "operation", "succeeded"]
    search_fields = ["provider", "model_name"]
