"""The brokerage's logo, printed in the header of every business PDF (apps.core.pdf). Uploaded by the owner
(`POST /api/v1/tenants/{id}/logo/`, multipart `logo`), checked here by its content — a PNG or JPEG that opens,
at most MAX_LOGO_BYTES, between MIN_SIDE and MAX_SIDE pixels a side — and stored through Django's storage
(local media or S3, like every upload); never read through a local path."""

from __future__ import annotations

import io
import uuid
import warnings

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 1024 * 1024
MIN_SIDE = 16
MAX_SIDE = 4000
FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}


class LogoRejected(ValueError):
    """What is wrong with an uploaded logo, in words for the `logo` field."""


def logo_path(tenant, filename: str) -> str:
    return f"tenant-logos/{tenant.pk}/{uuid.uuid4().hex}{filename[filename.rfind('.') :] if '.' in filename else ''}"


def check_logo(upload) -> tuple[bytes, str]:
    """(the file's bytes, its extension) for a good logo; LogoRejected naming the problem otherwise."""
    if upload.size is not None and upload.size > MAX_LOGO_BYTES:
        raise LogoRejected(f"The logo is {upload.size / 1024 / 1024:.1f} MB; at most 1 MB, please.")
    data = upload.read()
    if len(data) > MAX_LOGO_BYTES:
        raise LogoRejected(f"The logo is {len(data) / 1024 / 1024:.1f} MB; at most 1 MB, please.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise LogoRejected("The logo must be a PNG or JPEG image; this file is not one (or is damaged).") from None
    if kind not in FORMATS:
        raise LogoRejected(f"The logo must be a PNG or JPEG image, not {kind}.")
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise LogoRejected(
            f"The logo is {width}×{height} pixels; each side must be between {MIN_SIDE} and {MAX_SIDE} pixels."
        )
    return data, FORMATS[kind][0]


def replace_logo(tenant, upload) -> None:
    data, extension = check_logo(upload)
    old = tenant.logo.name if tenant.logo else ""
    tenant.logo.save(f"logo.{extension}", ContentFile(data), save=False)
    tenant.save(update_fields=["logo", "updated_at"])
    if old and old != tenant.logo.name:
        tenant.logo.storage.delete(old)


def remove_logo(tenant) -> None:
    if tenant.logo:
        tenant.logo.delete(save=False)
    tenant.logo = ""
    tenant.save(update_fields=["logo", "updated_at"])


def logo_bytes(tenant) -> bytes | None:
    """The stored logo for a PDF, or None (no logo, or its file is gone: the document still renders)."""
    if not getattr(tenant, "logo", None):
        return None
    try:
        with tenant.logo.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None
