"""/api/v1/comments/ (a record's comments: list, post with files, edit and delete) and
/api/v1/comment-attachments/{id}/download/ (an attached file, members of the tenant only)."""

from django.db.models import Q
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.ai_assistant.uploads import CONTENT_TYPES
from apps.core.history import user_display
from apps.core.parsers import JSONParser
from apps.core.views import TenantScopedMixin
from apps.tenants.models import Role, TenantUser, role_at_least

from . import services
from .filters import CommentFilter
from .models import Comment, CommentAttachment
from .serializers import (
    CommentAttachmentSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    CommentUpdateSerializer,
    MemberChoiceSerializer,
)

MEMBER_CHOICES = 20


class CommentViewSet(
    TenantScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Comments on purchase orders, sales orders, invoices, loads, suppliers, customers and carriers, oldest
    first; `?target=purchase_orders.purchaseorder:42` for one record's. Every member reads them; members from the
    user role post (with @mentions and files) and edit their own; a comment is deleted by its author or a manager."""

    queryset = Comment.objects.select_related("created_by", "content_type").prefetch_related("attachments")
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    search_fields = ["body"]
    ordering_fields = ["created_at"]
    ordering = ["created_at", "id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    required_roles = {
        "GET": Role.READONLY,
        "HEAD": Role.READONLY,
        "POST": Role.USER,
        "PUT": Role.USER,
        "PATCH": Role.USER,
        "DELETE": Role.USER,
    }

    @extend_schema(
        request={"multipart/form-data": CommentCreateSerializer, "application/json": CommentCreateSerializer},
        responses={201: CommentSerializer},
    )
    def create(self, request, *args, **kwargs):
        body = CommentCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        comment = services.post_comment(
            tenant=request.tenant,
            target=data["target"],
            by=request.user,
            body=data.get("body", ""),
            files=data.get("attachments") or [],
            kind=data.get("attachment_kind") or "other",
        )
        comment = self.get_queryset().get(pk=comment.pk)
        return Response(self.get_serializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CommentUpdateSerializer, responses=CommentSerializer)
    def update(self, request, *args, **kwargs):
        comment = self.get_object()
        if comment.created_by_id != request.user.pk:
            raise PermissionDenied("Only its author edits a comment.")
        body = CommentUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.edit_comment(comment, by=request.user, body=body.validated_data["body"])
        return Response(self.get_serializer(self.get_queryset().get(pk=comment.pk)).data)

    @extend_schema(request=CommentUpdateSerializer, responses=CommentSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        comment = self.get_object()
        if comment.created_by_id != request.user.pk and not role_at_least(request.membership.role, Role.MANAGER):
            raise PermissionDenied("Only its author or a manager deletes a comment.")
        services.delete_comment(comment)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[OpenApiParameter("search", str, description="Part of a username or name.")],
        responses=MemberChoiceSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def members(self, request, *args, **kwargs):
        """The tenant's active members one may @mention (username and name), at most 20."""
        term = (request.query_params.get("search") or "").strip()
        rows = TenantUser.objects.filter(tenant=request.tenant, is_active=True, user__is_active=True).select_related(
            "user"
        )
        if term:
            rows = rows.filter(
                Q(user__username__icontains=term)
                | Q(user__first_name__icontains=term)
                | Q(user__last_name__icontains=term)
            )
        rows = rows.order_by("user__username")[:MEMBER_CHOICES]
        data = [{"id": row.user_id, "username": row.user.username, "display": user_display(row.user)} for row in rows]
        return Response(MemberChoiceSerializer(data, many=True).data)


class CommentAttachmentViewSet(TenantScopedMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A file attached to a comment: its details and the file itself."""

    queryset = CommentAttachment.objects.all()
    serializer_class = CommentAttachmentSerializer

    @extend_schema(
        responses={
            # The file in the type its content was judged to be at upload (services.ATTACHMENT_KINDS).
            **{
                (200, CONTENT_TYPES[kind]): OpenApiResponse(OpenApiTypes.BINARY)
                for kind in sorted(services.ATTACHMENT_KINDS)
            },
            404: OpenApiResponse(description="No such attachment in this tenant."),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, *args, **kwargs):
        """The attached file, under its original name."""
        attachment = self.get_object()
        return FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            as_attachment=True,
            filename=attachment.original_name,
        )
