"""Comment shapes: the comment as read (author, mentions, attachments with their download link) and the
multipart / JSON body that posts one."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.history import user_display
from apps.core.serializers import AllErrorsMixin

from . import services
from .models import AttachmentKind, Comment, CommentAttachment


class CommentAuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display = serializers.CharField()


class MentionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class CommentAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField(help_text="Where members of the tenant download the file.")

    class Meta:
        model = CommentAttachment
        fields = ["id", "comment", "name", "kind", "kind_label", "content_type", "size", "url", "created_at"]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        path = reverse("comment-attachment-download", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CommentSerializer(serializers.ModelSerializer):
    target = serializers.SerializerMethodField(help_text="The record: app_label.model:id.")
    author = serializers.SerializerMethodField()
    mentions = MentionSerializer(many=True, read_only=True)
    attachments = CommentAttachmentSerializer(many=True, read_only=True)
    mine = serializers.SerializerMethodField(help_text="Written by the caller (who may edit it).")

    class Meta:
        model = Comment
        fields = ["id", "target", "body", "mentions", "attachments", "author", "mine", "edited_at", "created_at"]
        read_only_fields = fields

    def get_target(self, comment) -> str:
        return services.target_key(comment.content_type, comment.object_id)

    @extend_schema_field(CommentAuthorSerializer(allow_null=True))
    def get_author(self, comment):
        user = comment.created_by
        if user is None:
            return None
        return {"id": user.pk, "username": user.get_username(), "display": user_display(user)}

    def get_mine(self, comment) -> bool:
        request = self.context.get("request")
        return request is not None and comment.created_by_id == request.user.pk


class CommentCreateSerializer(AllErrorsMixin, serializers.Serializer):
    target = serializers.CharField(
        max_length=80, help_text="The record: app_label.model:id, e.g. purchase_orders.purchaseorder:42."
    )
    body = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Text; @username mentions a member."
    )
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="Files (multipart): PDF or photos (PNG, JPEG, TIFF, HEIC), at most 10 MB each, 10 per comment.",
    )
    attachment_kind = serializers.ChoiceField(
        choices=AttachmentKind.choices, required=False, default=AttachmentKind.OTHER, help_text="What the files are."
    )

    def validate_target(self, value):
        tenant = getattr(self.context.get("request"), "tenant", None)
        try:
            return services.resolve_target(tenant, value)
        except services.TargetNotFound:
            # Another tenant's record is answered like a missing one (as every foreign key is).
            raise serializers.ValidationError("No such record.") from None

    def validate(self, attrs):
        errors, _checked = services.comment_errors(attrs.get("body", ""), attrs.get("attachments") or [])
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CommentUpdateSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, max_length=5000)


class MemberChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display = serializers.CharField()
