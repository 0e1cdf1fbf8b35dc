"""Comments on business records (#16 item 5): a member's note on a purchase order, sales order, invoice, load,
supplier, customer or carrier, with @mentions and attached files (BOL, POD, COA, photos).

One generic implementation: the record is named by content type + id (like the timeline), the rows are
tenant-owned (row-level security and audit history apply), and `apps.comments.services` checks the record is
the caller's tenant's before anything is written or read."""

import uuid

from django.db import models

from apps.core.models import TenantOwnedModel


class Comment(TenantOwnedModel):
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    body = models.TextField(blank=True, max_length=5000)
    mentions = models.JSONField(
        default=list, blank=True, help_text='Members @mentioned in the body: [{"id", "username"}] (members only).'
    )
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["tenant", "content_type", "object_id", "created_at"], name="comments_comment_obj"),
            models.Index(fields=["tenant", "-created_at"], name="comments_comment_tcr"),
        ]

    def __str__(self) -> str:
        if "body" in self.get_deferred_fields():
            return f"comment {self.pk}"
        return f"comment {self.pk}: {self.body[:40]}"


class AttachmentKind(models.TextChoices):
    BOL = "bol", "Bill of lading"
    POD = "pod", "Proof of delivery"
    COA = "coa", "Certificate of analysis"
    PHOTO = "photo", "Photo"
    OTHER = "other", "Other"


def attachment_path(attachment: "CommentAttachment", filename: str) -> str:
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return f"comment-attachments/{attachment.tenant_id}/{uuid.uuid4().hex}{suffix}"


class CommentAttachment(TenantOwnedModel):
    """A file posted with a comment, kept in the default storage (the bucket in production)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    content_type = models.CharField(max_length=127)
    size = models.PositiveIntegerField()

    class Meta(TenantOwnedModel.Meta):
        ordering = ["comment_id", "id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="comments_attachment_tcr")]

    def __str__(self) -> str:
        if "original_name" in self.get_deferred_fields():
            return f"attachment {self.pk}"
        return self.original_name
