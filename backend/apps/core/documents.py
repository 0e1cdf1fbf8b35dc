"""PDF download, e-mail sending and the timeline as actions of any viewset: `GET {id}/pdf/`,
`POST {id}/send/` and `GET {id}/timeline/`, and on a list `GET pdfs/?id=…` (the selected records' PDFs as one
file). A viewset mixes in what it needs and implements `build_document(obj) -> BusinessDocument` and
`default_recipients(obj) -> list[str]`."""

import io

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from pypdf import PdfWriter
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .delivery import send_document
from .models import DeliveryStatus, DocumentDelivery, TimelineEvent
from .pdf import render
from .workflow import timeline_for


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="created_by.username", allow_null=True, read_only=True)

    class Meta:
        model = TimelineEvent
        fields = ["id", "verb", "from_status", "to_status", "reason", "changes", "actor", "created_at"]
        read_only_fields = fields


class SendDocumentSerializer(serializers.Serializer):
    to = serializers.ListField(child=serializers.EmailField(), required=False, allow_empty=False)
    subject = serializers.CharField(required=False, max_length=200)
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentDelivery
        fields = ["id", "document", "recipients", "subject", "status", "error", "attempts", "sent_at", "created_at"]
        read_only_fields = fields


class DocumentSentSerializer(serializers.Serializer):
    sent_to = serializers.ListField(child=serializers.EmailField())
    subject = serializers.CharField()
    delivery = DeliverySerializer()


class TimelineMixin:
    @extend_schema(responses=TimelineEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request, *args, **kwargs):
        """Who did what and when: status changes, price edits, overrides, documents sent."""
        return Response(TimelineEventSerializer(timeline_for(self.get_object()), many=True).data)


# `GET <resource>/pdfs/` renders at most this many documents into one file (each is rendered in the request).
BULK_PDF_LIMIT = 50


def merge_pdfs(files: list[bytes]) -> bytes:
    """One PDF holding every page of `files`, in order (each document keeps its own page numbers)."""
    writer = PdfWriter()
    for data in files:
        writer.append(io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class PdfDocumentMixin:
    document_name = "document"  # used in file names and the delivery record

    @classmethod
    def get_extra_actions(cls):
        """The merged `pdfs` action belongs to viewsets with a list (not to the statement, which has none)."""
        actions = super().get_extra_actions()
        return actions if hasattr(cls, "list") else [extra for extra in actions if extra.__name__ != "pdfs"]

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
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description=f"No record matches, or more than {BULK_PDF_LIMIT} do."),
        },
        filters=True,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def pdfs(self, request, *args, **kwargs):
        """The PDFs of the list's matching records (usually `?id=3,5,8`: the selected rows) merged into one
        file, in the list's order; at most BULK_PDF_LIMIT (50) documents, else 400."""
        rows = list(self.filter_queryset(self.get_queryset())[: BULK_PDF_LIMIT + 1])
        if not rows:
            raise ValidationError({"id": ["No record matches: select at least one."]})
        if len(rows) > BULK_PDF_LIMIT:
            too_many = f"At most {BULK_PDF_LIMIT} documents in one file; more match: select fewer or filter more."
            raise ValidationError({"id": [too_many]})
        merged = merge_pdfs([render(self.build_document(obj)) for obj in rows])
        response = HttpResponse(merged, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.document_name}s-{len(rows)}.pdf"'
        return response

    @extend_schema(
        request=SendDocumentSerializer,
        responses={200: DocumentSentSerializer, 202: DocumentSentSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def send(self, request, *args, **kwargs):
        """E-mail the PDF (to the given addresses, or the record's default contact) through the delivery queue.
        202 while it waits for a worker; 200 once the attempt ran (no broker): `delivery.status` is `sent` or
        `failed` with the reason in `delivery.error` (a refused mail server is never an error response)."""
        obj = self.get_object()
        data = SendDocumentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recipients = data.validated_data.get("to") or self.default_recipients(obj)
        if not recipients:
            raise serializers.ValidationError({"to": ["No e-mail address on file; give one or more in 'to'."]})
        # A declared `send` action (apps/<app>/workflows.py) decides whether the record may be sent in its state
        # and by this role; on a draft purchase order it also moves it to sent, in this transaction.
        workflow = getattr(self, "workflow", None)
        declared = _send_action(workflow)
        if declared is not None:
            role = getattr(getattr(request, "membership", None), "role", None)
            obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            current = workflow.ensure_allowed(obj, declared, role=role)
            if declared.target is not None and current in declared.source:
                workflow.perform(obj, declared.name, by=request.user, role=role)
        document = self.build_document(obj)
        subject = data.validated_data.get("subject") or f"{document.title.title()} {document.number}"
        delivery = send_document(
            document_obj=obj,
            kind=self.document_name,
            to=recipients,
            subject=subject,
            body=data.validated_data.get("message") or f"Please find {document.number} attached.",
            attachments=[(self.pdf_filename(obj), render(document), "application/pdf")],
            by=request.user,
        )
        status = 202 if delivery.status == DeliveryStatus.QUEUED else 200
        return Response(
            {
                "sent_to": delivery.recipients,
                "subject": delivery.subject,
                "delivery": DeliverySerializer(delivery).data,
            },
            status=status,
        )


def _send_action(workflow):
    if workflow is None:
        return None
    try:
        return workflow.action("send")
    except KeyError:
        return None
