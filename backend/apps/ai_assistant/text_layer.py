"""From a stored file to words with positions: pdfplumber for PDFs with a text layer, OCR (rapidocr-onnxruntime,
which ships its own ONNX models, so it works offline) for images and for scanned PDF pages.

The result is the same for both: pages of `Word`s (text + box). Rows are rebuilt from the boxes, so tables
without ruling lines read the same as ruled ones.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

OCR_MAX_SIDE = 1300  # pixels of the longer side sent to OCR: large enough to read 8 pt text at 150 dpi
OCR_MIN_SIDE = 1000  # smaller images are upscaled (up to 2x) before OCR
OCR_REC_MIN_WIDTH = 160  # crops are padded to at least this width (rapidocr: 320); tuning F1 same, CPU -17 %
PDF_OCR_DPI = 150


class TextLayerError(Exception):
    """The file cannot be read (the message is shown to the user as the document's failed reason)."""


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 1.0

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    ocr: bool = False


@dataclass
class TextLayer:
    pages: list[Page]

    @property
    def ocr(self) -> bool:
        return any(page.ocr for page in self.pages)

    def text(self) -> str:
        """Plain text, one rebuilt row per line, pages separated by a form feed."""
        out = []
        for page in self.pages:
            out.append("\n".join(" ".join(w.text for w in row) for row in rows_of(page.words)))
        return "\n\f\n".join(out)


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Group words into visual rows by their vertical centre, each row sorted left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.mid_y, w.x0)):
        if rows:
            last = rows[-1]
            ref = sum(w.mid_y for w in last) / len(last)
            tolerance = 0.45 * min(word.height, sum(w.height for w in last) / len(last))
            if abs(word.mid_y - ref) <= tolerance:
                last.append(word)
                continue
        rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


# --- PDF ------------------------------------------------------------------------------------------------


def pdf_text_layer(data: bytes, *, progress=None) -> TextLayer:
    import pdfplumber

    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            for index, pdf_page in enumerate(pdf.pages):
                words = [
                    Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
                    for w in pdf_page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
                ]
                page = Page(float(pdf_page.width), float(pdf_page.height), words)
                if sum(len(w.text) for w in words) < 20:
                    page = ocr_pdf_page(data, index) or page  # a scanned page: no usable text layer
                pages.append(page)
                if progress:
                    progress(index + 1, count)
    except TextLayerError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds; all mean "cannot read"
        raise TextLayerError(f"The PDF could not be read ({type(exc).__name__}).") from exc
    return TextLayer(pages)


def ocr_pdf_page(data: bytes, index: int) -> Page | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 comes with pdfplumber
        return None
    from .uploads import max_image_pixels

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        width, height = page.get_size()  # points
        scale = PDF_OCR_DPI / 72
        # a page of 200 x 200 inches must not become a 900-megapixel bitmap: cap the render at the pixel limit
        pixel_cap = 0.99 * (max_image_pixels() / max(width * height, 1)) ** 0.5
        scale = min(scale, pixel_cap, 2 * OCR_MAX_SIDE / max(width, height, 1))
        image = page.render(scale=scale).to_pil()
    finally:
        pdf.close()
    return ocr_image(image)


# --- Images and OCR -------------------------------------------------------------------------------------

_engine = None
_engine_lock = threading.Lock()
_cache: OrderedDict[str, Page] = OrderedDict()  # pixels' SHA-256 -> the page read from them (this process)
_cache_lock = threading.Lock()
OCR_CACHE_PAGES = 32


def ocr_threads() -> int:
    """Threads for one page's OCR: `AI_OCR_THREADS`, else the process's cores (2 here)."""
    configured = getattr(settings, "AI_OCR_THREADS", None) or os.environ.get("AI_OCR_THREADS")
    if configured:
        return max(1, int(configured))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def ocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # noqa: BLE001 - missing wheel or a broken native library
        return False
    return getattr(settings, "AI_OCR_ENABLED", True)


def warm_up() -> None:
    """Load the OCR models once per worker process (called from Celery's worker_process_init)."""
    if ocr_available():
        _ocr_engine()


def _session(model_path: str, threads: int):
    """An ONNX Runtime session whose idle threads sleep instead of spinning: with the cores shared (other
    workers, other processes), spinning threads burn about a third more CPU for the same page."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(model_path, sess_options=options, providers=["CPUExecutionProvider"])


class _ParallelRecognizer:
    """Recognition is about three quarters of a page's OCR time. The line crops are cut into the engine's own
    batches (sorted by width, as it does) and the batches are shared out over the threads, each running a
    single-threaded inference: whole batches in parallel instead of each operator split over the cores."""

    def __init__(self, recognizer, threads: int):
        from concurrent.futures import ThreadPoolExecutor

        self.recognizer = recognizer
        self.threads = threads
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ocr-rec")

    def __getattr__(self, name):
        return getattr(self.recognizer, name)

    def __call__(self, img_list, return_word_box: bool = False):
        import time

        if not isinstance(img_list, list):
            img_list = [img_list]
        size = self.recognizer.rec_batch_num
        if len(img_list) <= size:
            return self.recognizer(img_list, return_word_box)
        order = sorted(range(len(img_list)), key=lambda i: img_list[i].shape[1] / max(img_list[i].shape[0], 1))
        batches = [order[k : k + size] for k in range(0, len(order), size)]
        shares = [[i for batch in batches[t :: self.threads] for i in batch] for t in range(self.threads)]
        shares = [share for share in shares if share]
        started = time.perf_counter()
        answers = self.pool.map(lambda share: self.recognizer([img_list[i] for i in share], return_word_box)[0], shares)
        results = [("", 0.0)] * len(img_list)
        for share, answer in zip(shares, answers, strict=True):
            for i, result in zip(share, answer, strict=True):
                results[i] = result
        return results, time.perf_counter() - started


def _ocr_engine():
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            threads = ocr_threads()
            engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=6)
            channels, height, _width = engine.text_rec.rec_image_shape
            engine.text_rec.rec_image_shape = [channels, height, OCR_REC_MIN_WIDTH]
            # rapidocr 1.4.4 (pinned) builds its sessions with spinning threads: rebuild them without; the text
            # detector (one large image) splits its operators over the cores, recognition runs batches in parallel
            det, rec = getattr(engine.text_det, "infer", None), getattr(engine.text_rec, "session", None)
            det_path = getattr(getattr(det, "session", None), "_model_path", None)
            rec_path = getattr(getattr(rec, "session", None), "_model_path", None)
            if det_path and rec_path:
                det.session = _session(det_path, threads)
                rec.session = _session(rec_path, 1 if threads > 1 else threads)
                if threads > 1:
                    engine.text_rec = _ParallelRecognizer(engine.text_rec, threads)
            _engine = engine
        return _engine


def image_text_layer(data: bytes, *, progress=None) -> TextLayer:
    from PIL import Image, ImageSequence

    from .uploads import open_image

    image = open_image(data)
    if image.format == "JPEG" and max(image.size) > 2 * OCR_MAX_SIDE:
        # a 12-megapixel phone photo: decode it at 1/2, 1/4 … of its size (still above what OCR reads), not whole
        factor = OCR_MAX_SIDE / max(image.size)
        image.draft("RGB", (int(image.width * factor), int(image.height * factor)))
    frames = [frame.copy() for frame in ImageSequence.Iterator(image)] if getattr(image, "n_frames", 1) > 1 else [image]
    pages = []
    for index, frame in enumerate(frames):
        pages.append(ocr_image(frame.convert("RGB") if frame.mode not in ("RGB", "L") else frame))
        if progress:
            progress(index + 1, len(frames))
    del Image
    return TextLayer(pages)


def deskew_angle(gray) -> float:
    """The small rotation (degrees, -4..4) that makes text rows horizontal: the angle whose row profile of ink
    is the sharpest."""
    import numpy as np
    from PIL import Image

    small = gray.copy()
    small.thumbnail((600, 600))
    arr = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((arr < arr.mean() - 40) * 255).astype("uint8"))
    best, best_score = 0.0, -1.0
    for angle in [a / 2 for a in range(-8, 9)]:
        rotated = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32)
        profile = rotated.sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def ocr_image(image) -> Page:
    """OCR one image into a Page of words; deskews small rotations and splits line boxes into words by
    the white gaps between them."""
    import numpy as np
    from PIL import Image, ImageOps

    if not ocr_available():
        raise TextLayerError(
            "This document is an image or a scanned PDF and no OCR engine is installed "
            "(pip install rapidocr-onnxruntime), so it cannot be read offline."
        )
    image = ImageOps.exif_transpose(image)
    gray = image.convert("L")
    scale = min(1.0, OCR_MAX_SIDE / max(gray.size))
    if max(gray.size) < OCR_MIN_SIDE:  # a small photo: upscale so 8 pt text is tall enough to read
        scale = min(2.0, OCR_MIN_SIDE / max(gray.size))
    if scale != 1.0:
        gray = gray.resize((int(gray.width * scale), int(gray.height * scale)), Image.LANCZOS)
    gray = ImageOps.autocontrast(gray, cutoff=1)
    angle = deskew_angle(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.asarray(gray)
    key = hashlib.sha256(f"{arr.shape}".encode() + arr.tobytes()).hexdigest()
    with _cache_lock:
        if key in _cache:  # the same page again (a retry, an e-mail sent twice): not OCRed a second time
            _cache.move_to_end(key)
            return copy.deepcopy(_cache[key])
    try:
        result, _elapsed = _ocr_engine()(np.stack([arr] * 3, axis=-1), use_cls=False, return_word_box=True)
    except Exception as exc:  # noqa: BLE001 - native engine failures become a failed reason
        logger.exception("OCR failed")
        raise TextLayerError(f"OCR failed on this image ({type(exc).__name__}).") from exc
    words: list[Word] = []
    ink = arr < min(160, int(arr.mean()) - 50)
    for item in result or []:
        box, text, score = item[0], item[1], float(item[2])
        char_boxes = item[3] if len(item) > 3 else None
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        words.extend(_split_words(text, score, x0, x1, top, bottom, char_boxes, ink))
    page = Page(float(gray.width), float(gray.height), words, ocr=True)
    with _cache_lock:
        _cache[key] = copy.deepcopy(page)
        while len(_cache) > OCR_CACHE_PAGES:
            _cache.popitem(last=False)
    return page


def _split_words(text, score, x0, x1, top, bottom, char_boxes, ink) -> list[Word]:
    """OCR line boxes often hold several words glued together ('BeefChuck116A') and are padded by the detector.
    Cut them at white gaps wider than a space and shrink every word to its ink, so that columns line up."""
    import numpy as np

    text = text.strip()
    y0, y1 = max(int(top), 0), min(int(bottom) + 1, ink.shape[0])
    cx0, cx1 = max(int(x0), 0), min(int(x1) + 1, ink.shape[1])
    if not text or y1 <= y0 or cx1 <= cx0:
        return [Word(text, x0, x1, top, bottom, score)] if text else []
    band = ink[y0:y1, cx0:cx1]
    rows = np.flatnonzero(band.sum(axis=1))
    columns = np.flatnonzero(band.sum(axis=0))
    if len(columns) == 0 or len(rows) == 0:
        return [Word(text, x0, x1, top, bottom, score)]
    ink_top, ink_bottom = y0 + rows[0], y0 + rows[-1] + 1
    text_height = max(ink_bottom - ink_top, 4)
    # ink runs, merged across gaps narrower than a space
    segments = []
    start = prev = columns[0]
    for col in columns[1:]:
        if col - prev - 1 >= max(0.2 * text_height, 3):
            segments.append((cx0 + start, cx0 + prev + 1))
            start = col
        prev = col
    segments.append((cx0 + start, cx0 + prev + 1))
    if not char_boxes or len(char_boxes) != len(text):
        return [Word(text, segments[0][0], segments[-1][1], ink_top, ink_bottom, score)]
    centres = [(min(p[0] for p in cb) + max(p[0] for p in cb)) / 2 for cb in char_boxes]
    groups: dict[int, str] = {}
    spaced: dict[int, bool] = {}  # the OCR text has a space right before the group's first character
    previous = ""
    for char, centre in zip(text, centres, strict=True):
        if char == " ":
            previous = char
            continue
        index = min(
            range(len(segments)),
            key=lambda i: (
                0
                if segments[i][0] <= centre <= segments[i][1]
                else min(abs(centre - segments[i][0]), abs(centre - segments[i][1]))
            ),
        )
        if index not in groups:
            spaced[index] = previous == " "
        groups[index] = groups.get(index, "") + char
        previous = char
    words: list[Word] = []
    for i in sorted(groups):
        word = Word(groups[i], segments[i][0], segments[i][1], ink_top, ink_bottom, score)
        near = bool(words) and word.x0 - words[-1].x1 < 0.5 * text_height
        # a narrow "1" leaves a space-sized gap inside numbers ("1 7564", "2,1 83.4"): glue digit runs back;
        # blurred letters leave gaps inside words ("Bee f", "Bone- In") where the OCR text has no space: glue too
        if near and (
            (re.match(r"[\d,.$]", word.text[0]) and re.search(r"[\d,.]$", words[-1].text))
            or (not spaced.get(i) and re.match(r"[a-z]", word.text[0]) and re.search(r"[A-Za-z]$", words[-1].text))
            or (not spaced.get(i) and re.match(r"[A-Za-z]", word.text[0]) and words[-1].text.endswith("-"))
        ):
            words[-1] = Word(words[-1].text + word.text, words[-1].x0, word.x1, ink_top, ink_bottom, score)
        else:
            words.append(word)
    return [part for word in words for part in unglue(word)]


# OCR drops the spaces of a line ("PorkSpareRibsStLouis", "Brisket120Select", "112AChoice", "PODate"): cut a word
# where a lower-case letter meets a capital or a digit, before a capitalised word after capitals or digits. A
# code such as 116A, 245C or P1234 (a capital next to digits) is never cut.
GLUED = re.compile(r"(?<=[a-z])(?=[A-Z\d])|(?<=[A-Z\d])(?=[A-Z][a-z])")


def unglue(word: Word) -> list[Word]:
    parts = [part for part in GLUED.split(word.text) if part]
    if len(parts) < 2:
        return [word]
    per_char = (word.x1 - word.x0) / max(len(word.text), 1)
    out, start = [], word.x0
    for part in parts:
        end = start + per_char * len(part)
        out.append(Word(part, start, end - 0.4 * per_char, word.top, word.bottom, word.confidence))
        start = end
    return out


def text_layer_for(kind: str, data: bytes, *, progress=None) -> TextLayer:
    if kind == "pdf":
        return pdf_text_layer(data, progress=progress)
    if kind in ("xlsx", "csv", "text"):
        from . import intake

        return {"xlsx": intake.xlsx_text_layer, "csv": intake.csv_text_layer, "text": intake.text_text_layer}[kind](
            data
        )
    return image_text_layer(data, progress=progress)
