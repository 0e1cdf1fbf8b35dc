"""AI assistant endpoints: documents (upload, draft, confirm, discard, retry, file), chat sessions and messages,
usage (admins)."""

import base64
import binascii

from django.db import transaction
from django.db.models import Count, Sum
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.views import TenantReadOnlyModelViewSet
from apps.tenants.models import Role

from . import services
from .chat import ChatTools
from .confirm import ConfirmSerializer, DiscardSerializer, confirm_document, discard_document
from .filters import ChatSessionFilter, DocumentFilter, UsageRecordFilter
from .models import ChatMessage, ChatSession, Document, MessageRole, UsageOperation, UsageRecord
from .providers import OfflineProvider, ProviderError, get_provider
from .serializers import (
    ChatMessageSerializer,
    ChatQuestionSerializer,
    ChatReplySerializer,
    ChatSessionDetailSerializer,
    ChatSessionSerializer,
    DocumentListSerializer,
    DocumentSerializer,
    InboundSecretSerializer,
    IntakeSerializer,
    IntakeUploadSerializer,
    UsageRecordSerializer,
    UsageSummarySerializer,
)
from .uploads import UploadRejected, max_upload_bytes


class DocumentViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, TenantReadOnlyModelViewSet):
    """Upload a document (multipart `file`), poll its status/progress, review the draft, confirm or discard.
    Uploading the same file again returns the existing document with 200 and `duplicate: true`."""

    action_roles = {"inbound_secret": Role.OWNER}

    queryset = Document.objects.select_related("confirmed_by")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    search_fields = ["original_name", "text", "document_type"]
    ordering_fields = ["created_at", "updated_at", "status", "document_type", "original_name", "size"]
    ordering = ["-created_at", "-id"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_serializer_class(self):
        return DocumentListSerializer if self.action == "list" else DocumentSerializer

    @extend_schema(
        request={"multipart/form-data": DocumentSerializer, "application/json": DocumentSerializer},
        responses={
            201: DocumentSerializer,
            200: DocumentSerializer,
            400: OpenApiResponse(description="Unreadable"),
            413: OpenApiResponse(description="Too large"),
            415: OpenApiResponse(description="Unsupported type"),
            429: OpenApiResponse(description="Monthly AI cap reached"),
        },
    )
    def create(self, request, *args, **kwargs):
        upload = request.FILES.get("file")
        if upload is not None and upload.size > max_upload_bytes():
            return Response(
                {"detail": f"The file is larger than {max_upload_bytes() // (1024 * 1024)} MB."}, status=413
            )
        if upload is not None:
            name, data = upload.name, upload.read()
        else:
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            name = serializer.validated_data.get("file_name") or "upload"
            try:
                data = base64.b64decode(serializer.validated_data["content_base64"], validate=True)
            except (binascii.Error, ValueError):
                return Response({"content_base64": ["Not valid base64."]}, status=400)
        try:
            document, created = services.upload_document(request.tenant, request.user, name, data)
        except UploadRejected as exc:
            return Response({"detail": exc.message}, status=exc.status)
        document.refresh_from_db()
        document._duplicate = not created
        body = DocumentSerializer(document, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _intake_body(self, result) -> dict:
        documents = []
        for document, created in result["documents"]:
            document.refresh_from_db()
            document._duplicate = not created
            documents.append(DocumentSerializer(document, context=self.get_serializer_context()).data)
        return {
            "intake": result["intake"],
            "sender": result["sender"],
            "subject": result["subject"],
            "documents": documents,
            "skipped": result["skipped"],
        }

    @extend_schema(
        request={"multipart/form-data": IntakeUploadSerializer, "application/json": IntakeUploadSerializer},
        responses={
            201: IntakeSerializer,
            400: OpenApiResponse(description="Unreadable e-mail"),
            413: OpenApiResponse(description="Too large"),
            415: OpenApiResponse(description="Not an e-mail"),
            429: OpenApiResponse(description="Monthly AI cap reached"),
        },
    )
    @action(detail=False, methods=["post"])
    def intake(self, request):
        """Upload an e-mail (.eml or .msg): its body and each attachment (PDF, image, XLSX/CSV order sheet)
        become documents of one intake."""
        upload = request.FILES.get("file")
        if upload is not None:
            name, data = upload.name, upload.read()
        else:
            serializer = IntakeUploadSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            if not serializer.validated_data.get("content_base64"):
                return Response({"file": ["Upload an e-mail (multipart field 'file')."]}, status=400)
            name = serializer.validated_data.get("file_name") or "message.eml"
            try:
                data = base64.b64decode(serializer.validated_data["content_base64"], validate=True)
            except (binascii.Error, ValueError):
                return Response({"content_base64": ["Not valid base64."]}, status=400)
        try:
            result = services.upload_message(request.tenant, request.user, name, data)
        except UploadRejected as exc:
            return Response({"detail": exc.message}, status=exc.status)
        return Response(self._intake_body(result), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: InboundSecretSerializer})
    @action(detail=False, methods=["post"], url_path="inbound-secret")
    def inbound_secret(self, request):
        """A new secret for this tenant's inbound e-mail endpoint (the old one stops working)."""
        from django.urls import reverse

        secret = services.rotate_inbound_secret(request.tenant)
        url = reverse("ai-inbound-mail", args=[request.tenant.slug])
        return Response({"secret": secret, "url": url})

    def perform_destroy(self, instance):
        name, storage = instance.file.name, instance.file.storage
        instance.delete()
        transaction.on_commit(lambda: storage.delete(name))

    @extend_schema(
        request=ConfirmSerializer, responses={200: DocumentSerializer, 409: OpenApiResponse(description="Not a draft")}
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Create the records from the reviewed draft (counterparty, purchase or sales order with lines)."""
        document = self.get_object()
        serializer = ConfirmSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        document = confirm_document(document, by=request.user, data=serializer.validated_data)
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data)

    @extend_schema(request=DiscardSerializer, responses={200: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None):
        """Set the document aside; the file and the draft are kept."""
        document = self.get_object()
        serializer = DiscardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = discard_document(document, by=request.user, reason=serializer.validated_data.get("reason", ""))
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses={200: DocumentSerializer, 409: OpenApiResponse(description="Not retryable")})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Process a failed (or stuck) document again."""
        document = services.retry_document(self.get_object())
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data)

    @extend_schema(
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The file as uploaded, in its type.")}
    )
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request, pk=None):
        """The uploaded file (members of the tenant only)."""
        document = self.get_object()
        return FileResponse(
            document.file.open("rb"), content_type=document.content_type, filename=document.original_name
        )


class ChatSessionViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, TenantReadOnlyModelViewSet):
    """A member's own conversations with the assistant (nobody sees another member's chats)."""

    queryset = ChatSession.objects.select_related("user")
    serializer_class = ChatSessionSerializer
    filterset_class = ChatSessionFilter
    search_fields = ["title"]
    ordering_fields = ["created_at", "updated_at", "title"]
    ordering = ["-updated_at", "-id"]
    # Asking questions reads data only, so every member may chat and delete their own chats.
    required_roles = {"POST": Role.READONLY, "DELETE": Role.READONLY}

    def get_queryset(self):
        queryset = super().get_queryset()
        user = getattr(self.request, "user", None)
        return queryset.filter(user=user) if user is not None and user.is_authenticated else queryset.none()

    def get_serializer_class(self):
        return ChatSessionDetailSerializer if self.action == "retrieve" else ChatSessionSerializer

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.tenant, created_by=self.request.user, user=self.request.user)

    @extend_schema(methods=["get"], responses={200: ChatMessageSerializer(many=True)})
    @extend_schema(methods=["post"], request=ChatQuestionSerializer, responses={201: ChatReplySerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def messages(self, request, pk=None):
        """GET: the conversation. POST {content}: ask a question; the answer comes from read-only tools."""
        session = self.get_object()
        if request.method == "GET":
            rows = ChatMessage.objects.filter(session=session).order_by("created_at", "id")
            return Response(ChatMessageSerializer(rows, many=True).data)
        serializer = ChatQuestionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.check_monthly_cap(request.tenant)
        text = serializer.validated_data["content"]
        history = [
            {"role": m.role, "content": m.content}
            for m in ChatMessage.objects.filter(session=session).order_by("-created_at", "-id")[:20]
        ][::-1]
        question = ChatMessage.objects.create(
            tenant=request.tenant, created_by=request.user, session=session, role=MessageRole.USER, content=text
        )
        tools = ChatTools(request.tenant)
        provider = get_provider(request.tenant)
        try:
            result = provider.chat(session, text, history, tools)
        except ProviderError as exc:
            if getattr(exc, "usage", None):
                services.record_usage(
                    request.tenant.pk, exc.usage, UsageOperation.CHAT, succeeded=False, session=session
                )
            result = OfflineProvider().chat(session, text, history, tools)
            result.content = f"(The AI model is unavailable: {exc}) " + result.content
        answer = ChatMessage.objects.create(
            tenant=request.tenant,
            created_by=request.user,
            session=session,
            role=MessageRole.ASSISTANT,
            content=result.content or "",
            tool_calls=result.tool_calls,
            data=_jsonable(result.data),
            provider=result.usage.provider if result.usage else "",
            model_name=result.usage.model if result.usage else "",
        )
        if result.usage is not None:
            services.record_usage(request.tenant.pk, result.usage, UsageOperation.CHAT, session=session)
        if not session.title:
            session.title = text[:200]
        session.save(update_fields=["title", "updated_at"])
        return Response(
            {"question": ChatMessageSerializer(question).data, "answer": ChatMessageSerializer(answer).data},
            status=status.HTTP_201_CREATED,
        )


def _jsonable(data):
    import json

    return json.loads(json.dumps(data, default=str))


class UsageViewSet(TenantReadOnlyModelViewSet):
    """AI usage of the tenant: one row per provider call; `summary` totals per provider and model (admins)."""

    queryset = UsageRecord.objects.all()
    serializer_class = UsageRecordSerializer
    filterset_class = UsageRecordFilter
    search_fields = ["provider", "model_name"]
    ordering_fields = ["created_at", "tokens_in", "tokens_out", "estimated_cost"]
    ordering = ["-created_at", "-id"]
    required_roles = {"GET": Role.ADMIN, "HEAD": Role.ADMIN, "OPTIONS": Role.ADMIN}

    @extend_schema(responses={200: UsageSummarySerializer})
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """Totals per provider and model since `?since=YYYY-MM-DD` (default: the first of this month),
        this month's totals and the tenant's caps."""
        since = request.query_params.get("since")
        try:
            since_date = timezone.datetime.fromisoformat(since).date() if since else None
        except ValueError:
            return Response({"since": ["Use YYYY-MM-DD."]}, status=400)
        since_date = since_date or timezone.localdate().replace(day=1)
        rows = (
            self.get_queryset()
            .filter(created_at__date__gte=since_date)
            .values("provider", "model_name")
            .annotate(
                calls=Sum("calls"),
                tokens_in=Sum("tokens_in"),
                tokens_out=Sum("tokens_out"),
                estimated_cost=Sum("estimated_cost"),
                records=Count("id"),
            )
            .order_by("provider", "model_name")
        )
        month = services.month_usage(request.tenant)
        caps = {k: str(v) for k, v in services.monthly_caps(request.tenant).items()}
        return Response(
            {
                "since": since_date.isoformat(),
                "rows": list(rows),
                "month": {k: str(v) for k, v in month.items()},
                "caps": caps,
            }
        )


class InboundMailView(APIView):
    """POST raw MIME (an e-mail as the mail gateway received it) for one tenant, with the tenant's secret in the
    `X-Inbound-Secret` header. The body and attachments become documents of one intake (as the upload does).
    A wrong or missing secret, or an unknown tenant, is 403 with the same message (nothing is revealed)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes: list = []

    @extend_schema(
        request={"message/rfc822": OpenApiTypes.BINARY},
        responses={
            201: IntakeSerializer,
            403: OpenApiResponse(description="Wrong secret"),
            413: OpenApiResponse(description="Too large"),
            415: OpenApiResponse(description="Not an e-mail"),
        },
    )
    def post(self, request, slug: str):
        from apps.core.rls import run_for_tenant
        from apps.tenants.models import Tenant

        tenant = Tenant.objects.filter(slug=slug, is_active=True).first()
        if tenant is None or not services.inbound_secret_ok(tenant, request.headers.get("X-Inbound-Secret", "")):
            return Response({"detail": "Unknown address or wrong X-Inbound-Secret."}, status=403)
        data = request.body
        try:
            result = run_for_tenant(
                tenant.id, services.upload_message, tenant, None, "inbound.eml", data, source="inbound"
            )
        except UploadRejected as exc:
            return Response({"detail": exc.message}, status=exc.status)
        documents = []
        for document, created in result["documents"]:
            document = run_for_tenant(tenant.id, lambda pk=document.pk: Document.objects.get(pk=pk))
            document._duplicate = not created
            documents.append(DocumentSerializer(document, context={"request": request}).data)
        return Response(
            {
                "intake": result["intake"],
                "sender": result["sender"],
                "subject": result["subject"],
                "documents": documents,
                "skipped": result["skipped"],
            },
            status=201,
        )
