import django_filters

from .models import ChatSession, Document, DocumentStatus, DocumentType, FileKind, UsageOperation, UsageRecord


class DocumentFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=DocumentStatus.choices)
    document_type = django_filters.ChoiceFilter(choices=DocumentType.choices)
    file_kind = django_filters.ChoiceFilter(choices=FileKind.choices)
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Document
        fields = [
            "status",
            "document_type",
            "file_kind",
            "provider",
            "used_ocr",
            "created_by",
            "intake",
            "duplicate_of",
        ]


class ChatSessionFilter(django_filters.FilterSet):
    class Meta:
        model = ChatSession
        fields = ["user"]


class UsageRecordFilter(django_filters.FilterSet):
    operation = django_filters.ChoiceFilter(choices=UsageOperation.choices)
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = UsageRecord
        fields = ["provider", "model_name", "operation", "succeeded", "document", "session"]
