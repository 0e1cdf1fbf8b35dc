"""Checks on an uploaded file before it is stored: type by content (magic bytes), size, pages, encryption,
corruption and image size (decompression bombs). Each problem is an UploadRejected with the HTTP status the
API answers with and a message that says what is wrong."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings

MAX_PAGES = 50


class UploadRejected(Exception):
    def __init__(self, message: str, status: int = 400):
        self.message = message
        self.status = status
        super().__init__(message)


@dataclass
class UploadInfo:
    kind: str  # pdf, png, jpeg, tiff, heic
    content_type: str
    pages: int


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "heic": "image/heic",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "text": "text/plain",
}
EXTENSIONS = {
    "pdf": ".pdf",
    "png": ".png",
    "jpeg": ".jpg",
    "tiff": ".tif",
    "heic": ".heic",
    "xlsx": ".xlsx",
    "csv": ".csv",
    "text": ".txt",
}


def max_upload_bytes() -> int:
    mb = getattr(settings, "AI_MAX_UPLOAD_MB", None) or os.environ.get("AI_MAX_UPLOAD_MB") or 20
    return int(float(mb) * 1024 * 1024)


def max_image_pixels() -> int:
    return int(getattr(settings, "AI_MAX_IMAGE_PIXELS", None) or os.environ.get("AI_MAX_IMAGE_PIXELS") or 40_000_000)


def sniff(data: bytes) -> str | None:
    head = data[:16]
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc"):
        return "heic"
    if head.startswith(b"PK\x03\x04") and b"xl/" in data[:65536]:
        return "xlsx"
    if looks_like_csv(data):
        return "csv"
    return None


def looks_like_csv(data: bytes) -> bool:
    """A text table: UTF-8, no NUL bytes, not markup, and at least two lines with the same number (>= 2) of
    commas, semicolons or tabs."""
    sample = data[:8192]
    if b"\x00" in sample or sample.lstrip()[:1] in (b"<", b"{", b"["):
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) < 2:
        return False
    for sep in (",", ";", "\t"):
        counts = [ln.count(sep) for ln in lines[:-1] or lines]
        if counts[0] >= 2 and sum(c == counts[0] for c in counts) >= max(2, len(counts) // 2):
            return True
    return False


def heic_supported() -> bool:
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


def inspect_upload(data: bytes, kind: str | None = None) -> UploadInfo:
    """Raise UploadRejected (413/415/400) for anything the assistant cannot or will not read."""
    if len(data) > max_upload_bytes():
        raise UploadRejected(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {max_upload_bytes() // (1024 * 1024)} MB.",
            413,
        )
    if not data:
        raise UploadRejected("The file is empty.")
    kind = kind or sniff(data)
    if kind is None or (kind == "heic" and not heic_supported()):
        raise UploadRejected(
            "Unsupported file type: upload a PDF, PNG, JPEG, TIFF"
            + (", HEIC" if heic_supported() else "")
            + ", an XLSX or CSV order sheet, or an e-mail (.eml, .msg)"
            + " (the type is checked from the file's content, not its name).",
            415,
        )
    if kind == "xlsx":
        from .intake import xlsx_sheets

        pages = xlsx_sheets(data)
    elif kind in ("csv", "text"):
        pages = 1
    else:
        pages = pdf_pages(data) if kind == "pdf" else image_frames(data)
    if pages > MAX_PAGES:
        raise UploadRejected(f"The document has {pages} pages; at most {MAX_PAGES} pages are read.")
    if pages == 0:
        raise UploadRejected("The document has no pages.")
    return UploadInfo(kind=kind, content_type=CONTENT_TYPES[kind], pages=pages)


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # an owner password alone still lets anyone read it
                except Exception:  # noqa: BLE001 - unsupported encryption algorithms too
                    opened = 0
                if not opened:
                    raise UploadRejected("The PDF is password-protected (encrypted); upload an unprotected copy.")
            return len(reader.pages)
    except UploadRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as exc:
        raise UploadRejected(f"The PDF is damaged and cannot be read ({type(exc).__name__}).") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises assorted errors on hostile input
        raise UploadRejected(f"The PDF is damaged and cannot be read ({type(exc).__name__}).") from exc


def open_image(data: bytes):
    """PIL image with an explicit pixel limit: a decompression bomb is rejected before it is decoded."""
    from PIL import Image

    if sniff(data) == "heic" and heic_supported():
        import pillow_heif

        pillow_heif.register_heif_opener()
    limit = max_image_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise UploadRejected(f"The image is too large to process (decompression bomb protection): {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds on corrupt data
        raise UploadRejected(f"The image is damaged and cannot be read ({type(exc).__name__}).") from exc
    width, height = image.size
    if width * height > limit:
        raise UploadRejected(
            f"The image is {width} x {height} pixels ({width * height:,}); the limit is {limit:,} pixels."
        )
    return image


def image_frames(data: bytes) -> int:
    image = open_image(data)
    try:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_PAGES:
            return frames
        image.load()
    except UploadRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated or corrupt image data
        raise UploadRejected(f"The image is damaged and cannot be read ({type(exc).__name__}).") from exc
    return frames
