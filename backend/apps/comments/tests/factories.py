"""Comments and attachments for tests: a comment on a supplier of the tenant, written by its newest member."""

from django.core.files.base import ContentFile

from apps.comments.models import AttachmentKind, Comment, CommentAttachment
from apps.comments.services import content_type_of
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new
from apps.tenants.models import TenantUser

# The smallest valid PNG (a 1x1 pixel), and the start of a PDF: what the upload check accepts.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def newest_member_user(tenant):
    row = TenantUser.objects.filter(tenant=tenant).order_by("-id").first()
    return row.user if row else None


def comment(tenant, *, target=None, by=None, body=None) -> Comment:
    target = target or existing_or_new(SupplierFactory, tenant)
    count = Comment.objects.filter(tenant=tenant).count()
    return Comment.objects.create(
        tenant=tenant,
        created_by=by or newest_member_user(tenant),
        content_type=content_type_of(target),
        object_id=target.pk,
        body=body or f"Called the plant about pickup {count + 1}",
    )


def attachment(tenant, *, on=None) -> CommentAttachment:
    on = on or comment(tenant)
    return CommentAttachment.objects.create(
        tenant=tenant,
        created_by=on.created_by,
        comment=on,
        file=ContentFile(PNG_BYTES, name="dock-photo.png"),
        original_name="dock-photo.png",
        kind=AttachmentKind.PHOTO,
        content_type="image/png",
        size=len(PNG_BYTES),
    )
