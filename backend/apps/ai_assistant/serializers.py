"""Serializers of the AI assistant API."""

from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer

from .models import ChatMessage, ChatSession, Document, UsageRecord


class DocumentSerializer(TenantOwnedSerializer):
    """An uploaded document with its draft. Upload with multipart `file`, or JSON `file_name` + `content_base64`."""

    file = serializers.FileField(write_only=True, required=False, help_text="The PDF / PNG / JPEG / TIFF / HEIC file.")
    file_name = serializers.CharField(write_only=True, required=False, max_length=255)
    content_base64 = serializers.CharField(write_only=True, required=False, help_text="The file, base64-encoded.")
    duplicate = serializers.SerializerMethodField(help_text="True when this exact file was uploaded before.")
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "file",
            "file_name",
            "content_base64",
            "file_url",
            "original_name",
            "file_kind",
            "content_type",
            "size",
            "sha256",
            "pages",
            "status",
            "progress",
            "failure_reason",
            "attempts",
            "provider",
            "model_name",
            "used_ocr",
            "document_type",
            "extraction",
            "matches",
            "warnings",
            "corrections",
            "created_records",
            "confirmed_at",
            "confirmed_by",
            "discarded_at",
            "processed_at",
            "duplicate",
            "duplicate_of",
            "intake",
            "intake_info",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in ("file", "file_name", "content_base64")]

    def get_duplicate(self, obj) -> bool:
        return bool(getattr(obj, "_duplicate", False))

    def get_file_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("ai-document-file", args=[obj.pk])

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None and not attrs.get("file") and not attrs.get("content_base64"):
            raise serializers.ValidationError({"file": ["Upload a file (multipart field 'file')."]})
        return attrs


class DocumentListSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [
            "id",
            "file_url",
            "original_name",
            "file_kind",
            "size",
            "pages",
            "status",
            "progress",
            "failure_reason",
            "provider",
            "document_type",
            "warnings",
            "created_records",
            "duplicate",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ChatMessageSerializer(TenantOwnedSerializer):
    class Meta:
        model = ChatMessage
        fields = [
            "id",
            "session",
            "role",
            "content",
            "tool_calls",
            "data",
            "provider",
            "model_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ChatSessionSerializer(TenantOwnedSerializer):
    class Meta:
        model = ChatSession
        fields = ["id", "title", "user", "created_at", "updated_at"]
        read_only_fields = ["user"]


class ChatSessionDetailSerializer(ChatSessionSerializer):
    messages = ChatMessageSerializer(many=True, read_only=True)

    class Meta(ChatSessionSerializer.Meta):
        fields = [*ChatSessionSerializer.Meta.fields, "messages"]


class ChatQuestionSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=4000)


class ChatReplySerializer(serializers.Serializer):
    question = ChatMessageSerializer()
    answer = ChatMessageSerializer()


class UsageRecordSerializer(TenantOwnedSerializer):
    class Meta:
        model = UsageRecord
        fields = [
            "id",
            "provider",
            "model_name",
            "operation",
            "calls",
            "tokens_in",
            "tokens_out",
            "estimated_cost",
            "succeeded",
            "document",
            "session",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UsageSummaryRowSerializer(serializers.Serializer):
    provider = serializers.CharField()
    model_name = serializers.CharField()
    calls = serializers.IntegerField()
    tokens_in = serializers.IntegerField()
    tokens_out = serializers.IntegerField()
    estimated_cost = serializers.DecimalField(max_digits=14, decimal_places=6)


class UsageSummarySerializer(serializers.Serializer):
    since = serializers.DateField()
    rows = UsageSummaryRowSerializer(many=True)
    month = serializers.DictField()
    caps = serializers.DictField()


class IntakeUploadSerializer(serializers.Serializer):
    """An e-mail: multipart `file` (.eml or .msg), or JSON `file_name` + `content_base64`."""

    file = serializers.FileField(write_only=True, required=False)
    file_name = serializers.CharField(write_only=True, required=False, max_length=255)
    content_base64 = serializers.CharField(write_only=True, required=False)


class IntakeSkippedSerializer(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class IntakeSerializer(serializers.Serializer):
    """The documents one e-mail became: its body first, then each attachment read."""

    intake = serializers.CharField(help_text="Key shared by these documents (filter documents with ?intake=).")
    sender = serializers.CharField()
    subject = serializers.CharField()
    documents = DocumentSerializer(many=True)
    skipped = IntakeSkippedSerializer(many=True, help_text="Attachments not read, with the reason.")


class InboundSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="Shown once: send it as the X-Inbound-Secret header.")
    url = serializers.CharField(help_text="Where the mail gateway POSTs raw MIME (Content-Type message/rfc822).")
