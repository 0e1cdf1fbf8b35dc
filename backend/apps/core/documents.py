"""PDF download, e-mail sending and the timeline as actions of any viewset: `GET {id}/pdf/`,
`POST {id}/send/` and `GET {id}/timeline/`. A viewset mixes in what it needs and implements
`build_document(obj) -> BusinessDocument` and `default_recipients(obj) -> list[str]`."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import DocumentDelivery, TimelineEvent
from .pdf import render
from .workflow import record_event, timeline_for


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="created_by.username", default=None, read_only=True)

    class Meta:
        model = TimelineEvent
        fields = ["id", "verb", "from_status", "to_status", "reason", "changes", "actor", "created_at"]
        read_only_fields = fields


class SendDocumentSerializer(serializers.Serializer):
    to = serializers.ListField(child=serializers.EmailField(), required=False, allow_empty=False)
    subject = serializers.CharField(required=False, max_length=200)
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class TimelineMixin:
    @extend_schema(responses=TimelineEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request, *args, **kwargs):
        """Who did what and when: status changes, price edits, overrides, documents sent."""
        return Response(TimelineEventSerializer(timeline_for(self.get_object()), many=True).data)


class PdfDocumentMixin:
    document_name = "document"  # used in file names and the delivery record

    def build_document(self, obj):  # pragma: no cover - each viewset implements it
        raise NotImplementedError

    def default_recipients(self, obj) -> list[str]:
        return []

    def pdf_filename(self, obj) -> str:
        return f"{getattr(obj, 'number', obj.pk)}.pdf"

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def pdf(self, request, *args, **kwargs):
        """The document as a PDF."""
        obj = self.get_object()
        response = HttpResponse(render(self.build_document(obj)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.pdf_filename(obj)}"'
        return response

    @extend_schema(
        request=SendDocumentSerializer,
        responses=inline_serializer(
            "DocumentSent",
            {"sent_to": serializers.ListField(child=serializers.EmailField()), "subject": serializers.CharField()},
        ),
        filters=False,
    )
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def send(self, request, *args, **kwargs):
        """E-mail the PDF (to the given addresses, or the record's default contact) and record it."""
        obj = self.get_object()
        data = SendDocumentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recipients = data.validated_data.get("to") or self.default_recipients(obj)
        if not recipients:
            raise serializers.ValidationError({"to": ["No e-mail address on file; give one or more in 'to'."]})
        document = self.build_document(obj)
        subject = data.validated_data.get("subject") or f"{document.title.title()} {document.number}"
        email = EmailMessage(
            subject=subject,
            body=data.validated_data.get("message") or f"Please find {document.number} attached.",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        email.attach(self.pdf_filename(obj), render(document), "application/pdf")
        email.send(fail_silently=False)
        DocumentDelivery.objects.create(
            tenant_id=obj.tenant_id,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            document=self.document_name,
            recipients=recipients,
            subject=subject,
            created_by=request.user,
        )
        record_event(obj, "sent", by=request.user, reason=f"{self.document_name} to {', '.join(recipients)}")
        return Response({"sent_to": recipients, "subject": subject})
