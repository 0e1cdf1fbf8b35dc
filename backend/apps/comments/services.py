"""Comments on records: the record a comment is about (checked to be the caller's tenant's), @mentions resolved
to the tenant's members, attachments checked by content and size, and the notifications they cause.

    target = resolve_target(tenant, "purchase_orders.purchaseorder:42")   # 400 bad form, 404-like None
    comment = post_comment(tenant=tenant, target=target, by=user, body="@ana BOL attached", files=[upload])
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.notifications.services import notify
from apps.tenants.models import TenantUser

from .models import AttachmentKind, Comment, CommentAttachment

# The records members talk about: "app_label.model" -> what the web app calls it.
TARGETS = {
    "purchase_orders.purchaseorder": "purchase order",
    "sales_orders.salesorder": "sales order",
    "invoices.invoice": "invoice",
    "loads.load": "load",
    "suppliers.supplier": "supplier",
    "customers.customer": "customer",
    "carriers.carrier": "carrier",
}
TARGET_FORM = re.compile(r"^([a-z_]+\.[a-z_]+):(\d{1,18})$")

# @username: letters, digits and . _ + - (a trailing full stop ends the sentence, not the name).
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.+\-]{1,150})")

MAX_MENTIONS = 20
MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# File kinds (judged from the content, apps.ai_assistant.uploads.sniff) a comment may carry: documents and photos.
ATTACHMENT_KINDS = {"pdf", "png", "jpeg", "tiff", "heic"}


class TargetNotFound(Exception):
    """No such record in the caller's tenant (another tenant's record is answered exactly like a missing one)."""


def target_key(content_type: ContentType, object_id: int) -> str:
    return f"{content_type.app_label}.{content_type.model}:{object_id}"


def parse_target(value: str) -> tuple[str, int]:
    match = TARGET_FORM.match((value or "").strip().lower())
    if not match:
        raise ValidationError({"target": ["Name the record as app.model:id, e.g. purchase_orders.purchaseorder:42."]})
    label, pk = match.group(1), int(match.group(2))
    if label not in TARGETS:
        raise ValidationError(
            {"target": [f"Comments go on a {', '.join(sorted(set(TARGETS.values())))}; not on {label}."]}
        )
    return label, pk


def resolve_target(tenant, value: str):
    """The record named by `value` in `tenant`; ValidationError for a malformed name, TargetNotFound when the
    tenant has no such record (whether it is missing or another tenant's)."""
    label, pk = parse_target(value)
    app_label, model_name = label.split(".")
    model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    record = model._default_manager.filter(tenant_id=getattr(tenant, "pk", None), pk=pk).first()
    if record is None:
        raise TargetNotFound(value)
    return record


def content_type_of(record) -> ContentType:
    return ContentType.objects.get_for_model(type(record))


def comments_on(record):
    return Comment.objects.filter(tenant_id=record.tenant_id, content_type=content_type_of(record), object_id=record.pk)


def record_label(record) -> str:
    kind = TARGETS.get(record._meta.label_lower, record._meta.verbose_name)
    name = getattr(record, "number", None) or getattr(record, "name", None) or str(record.pk)
    return f"{kind} {name}"


def find_mentions(tenant, body: str) -> list[dict]:
    """The active members of `tenant` named as @username in `body` (case-insensitive), in order of first mention.
    Names that are not members stay plain text."""
    names = []
    for match in MENTION.finditer(body or ""):
        name = match.group(1).rstrip(".").lower()
        if name and name not in names:
            names.append(name)
    if not names:
        return []
    names = names[:MAX_MENTIONS]
    wanted = Q()
    for name in names:
        wanted |= Q(user__username__iexact=name)
    rows = TenantUser.objects.filter(wanted, tenant=tenant, is_active=True, user__is_active=True).values_list(
        "user_id", "user__username"
    )
    members = {username.lower(): {"id": user_id, "username": username} for user_id, username in rows}
    return [members[name] for name in names if name in members]


def check_attachment(upload) -> tuple[str, str]:
    """(file kind, content type) of an upload a comment may carry; ValidationError on the `attachments` field
    naming the file otherwise."""
    from apps.ai_assistant.uploads import CONTENT_TYPES, heic_supported, sniff

    name = getattr(upload, "name", "file")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {
                "attachments": [
                    f"{name} is {upload.size / (1024 * 1024):.1f} MB; the limit is "
                    f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB per file."
                ]
            }
        )
    if upload.size == 0:
        raise ValidationError({"attachments": [f"{name} is empty."]})
    upload.seek(0)
    head = upload.read(65536)
    upload.seek(0)
    kind = sniff(head)
    if kind not in ATTACHMENT_KINDS or (kind == "heic" and not heic_supported()):
        raise ValidationError(
            {
                "attachments": [
                    f"{name}: attach a PDF or a photo (PNG, JPEG, TIFF"
                    + (", HEIC" if heic_supported() else "")
                    + "); the type is judged from the file's content, not its name."
                ]
            }
        )
    return kind, CONTENT_TYPES[kind]


def _notify(comment: Comment, record, *, by, newly_mentioned: list[dict], notify_creator: bool) -> None:
    author = _display(by)
    label = record_label(record)
    excerpt = comment.body[:300]
    mentioned_ids = {entry["id"] for entry in newly_mentioned} - {getattr(by, "pk", None)}
    if mentioned_ids:
        from django.contrib.auth import get_user_model

        users = list(get_user_model().objects.filter(pk__in=mentioned_ids))
        notify(
            tenant=comment.tenant,
            users=users,
            kind="comment.mentioned",
            title=f"{author} mentioned you on {label}",
            body=excerpt,
            target=record,
        )
    creator = getattr(record, "created_by", None)
    if notify_creator and creator is not None and creator.pk != getattr(by, "pk", None):
        if creator.pk not in mentioned_ids:
            notify(
                tenant=comment.tenant,
                users=[creator],
                kind="comment.added",
                title=f"{author} commented on {label}",
                body=excerpt,
                target=record,
            )


def _display(user) -> str:
    if user is None:
        return "Someone"
    return (user.get_full_name() or "").strip() or user.get_username()


def comment_errors(body: str, files: list) -> tuple[dict[str, list[str]], list]:
    """Every problem of a new comment at once (empty, too many files, each refused file) and the checked files
    as (upload, file kind, content type)."""
    errors: dict[str, list[str]] = {}
    if not (body or "").strip() and not files:
        errors["body"] = ["Write something or attach a file."]
    if len(files) > MAX_ATTACHMENTS:
        errors["attachments"] = [f"At most {MAX_ATTACHMENTS} files per comment."]
        return errors, []
    checked = []
    for upload in files:
        try:
            checked.append((upload, *check_attachment(upload)))
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.detail["attachments"])
    return errors, checked


@transaction.atomic
def post_comment(*, tenant, target, by, body: str = "", files=(), kind: str = AttachmentKind.OTHER) -> Comment:
    """A comment on `target` (a record of `tenant`) with its attachments; notifies the members it mentions and
    the record's creator. Every problem is a ValidationError before anything is written."""
    body = (body or "").strip()
    files = list(files or [])
    errors, checked = comment_errors(body, files)
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(
        tenant=tenant,
        created_by=by,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        body=body,
        mentions=find_mentions(tenant, body),
    )
    for upload, _file_kind, content_type in checked:
        CommentAttachment.objects.create(
            tenant=tenant,
            created_by=by,
            comment=comment,
            file=upload,
            original_name=(getattr(upload, "name", "") or "file")[:255],
            kind=kind,
            content_type=content_type,
            size=upload.size,
        )
    _notify(comment, target, by=by, newly_mentioned=comment.mentions, notify_creator=True)
    return comment


@transaction.atomic
def edit_comment(comment: Comment, *, by, body: str) -> Comment:
    """A new body; members mentioned for the first time are notified (the ones mentioned before are not again)."""
    body = (body or "").strip()
    if not body and not comment.attachments.exists():
        raise ValidationError({"body": ["Write something (or delete the comment)."]})
    before = {entry["id"] for entry in comment.mentions}
    comment.body = body
    comment.mentions = find_mentions(comment.tenant, body)
    comment.edited_at = timezone.now()
    comment.save()
    new = [entry for entry in comment.mentions if entry["id"] not in before]
    if new:
        _notify(comment, target_of(comment), by=by, newly_mentioned=new, notify_creator=False)
    return comment


def target_of(comment: Comment):
    model = comment.content_type.model_class()
    return model._default_manager.get(tenant_id=comment.tenant_id, pk=comment.object_id)


def delete_comment(comment: Comment) -> None:
    """The comment and its attachments; the files leave the storage once the deletion is committed."""
    names = [(attachment.file.storage, attachment.file.name) for attachment in comment.attachments.all()]
    comment.delete()
    for storage, name in names:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
