"""Document workflow: upload -> process (task) -> draft with matches and warnings -> confirm or discard;
usage recording and the monthly cap.

Processing runs in short transactions under the document's tenant (apps.core.rls.run_for_tenant): one to
mark it processing, one per progress step, one to save the result. Reading the file and calling the provider
happen outside any transaction. Any failure ends in `failed` with a reason, never in a stuck `processing`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from rest_framework.exceptions import Throttled

from apps.core import rls

from .models import Document, DocumentStatus, UsageOperation, UsageRecord
from .schema import value
from .uploads import UploadRejected, inspect_upload, max_upload_bytes

logger = logging.getLogger(__name__)

STALE_PROCESSING = timedelta(minutes=10)


# --- Usage and cap ----------------------------------------------------------------------------------------


def record_usage(tenant_id: int, usage, operation: str, *, succeeded=True, document=None, session=None) -> UsageRecord:
    return UsageRecord.objects.create(
        tenant_id=tenant_id,
        provider=usage.provider,
        model_name=usage.model or "",
        operation=operation,
        calls=usage.calls,
        tokens_in=usage.tokens_in,
        tokens_out=usage.tokens_out,
        estimated_cost=usage.estimated_cost.quantize(Decimal("0.000001")),
        succeeded=succeeded,
        document=document,
        session=session,
    )


def month_usage(tenant) -> dict:
    start = timezone.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    totals = UsageRecord.objects.filter(tenant=tenant, created_at__gte=start).aggregate(
        cost=Sum("estimated_cost"), tokens_in=Sum("tokens_in"), tokens_out=Sum("tokens_out"), calls=Sum("calls")
    )
    return {key: totals[key] or 0 for key in totals}


def monthly_caps(tenant) -> dict:
    """Tenant.settings ai_monthly_cap_usd / ai_monthly_cap_tokens, else AI_MONTHLY_CAP_USD / _TOKENS."""
    import os

    conf = getattr(tenant, "settings", None) or {}
    caps = {}
    for key, env in (("ai_monthly_cap_usd", "AI_MONTHLY_CAP_USD"), ("ai_monthly_cap_tokens", "AI_MONTHLY_CAP_TOKENS")):
        raw = conf.get(key, getattr(settings, env, None) or os.environ.get(env))
        if raw in (None, ""):
            continue
        try:
            cap = Decimal(str(raw))
        except (InvalidOperation, ValueError):
            cap = None
        if cap is None or not cap.is_finite() or cap < 0:
            logger.warning("ignoring unusable AI cap %s=%r of tenant %s", key, raw, getattr(tenant, "pk", None))
            continue
        caps[key] = cap
    return caps


def check_monthly_cap(tenant) -> None:
    """429 when the tenant has used up this month's AI budget."""
    caps = monthly_caps(tenant)
    if not caps:
        return
    used = month_usage(tenant)
    if "ai_monthly_cap_usd" in caps and Decimal(used["cost"]) >= caps["ai_monthly_cap_usd"]:
        raise Throttled(detail=f"This month's AI budget of ${caps['ai_monthly_cap_usd']} is used up.")
    if "ai_monthly_cap_tokens" in caps and used["tokens_in"] + used["tokens_out"] >= caps["ai_monthly_cap_tokens"]:
        raise Throttled(detail=f"This month's AI allowance of {caps['ai_monthly_cap_tokens']:.0f} tokens is used up.")


# --- Upload -----------------------------------------------------------------------------------------------


def upload_document(
    tenant, user, name: str, data: bytes, *, kind: str | None = None, intake: str = "", intake_info=None
) -> tuple[Document, bool]:
    """(document, created). Raises UploadRejected for files the assistant will not take. The same bytes
    uploaded again in the tenant return the existing document (created=False)."""
    info = inspect_upload(data, kind)
    sha = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(tenant=tenant, sha256=sha).first()
    if existing is not None:
        return existing, False
    check_monthly_cap(tenant)
    document = Document(
        tenant=tenant,
        created_by=user if getattr(user, "pk", None) else None,
        original_name=(name or f"upload.{info.kind}")[:255],
        file_kind=info.kind,
        content_type=info.content_type,
        size=len(data),
        sha256=sha,
        pages=info.pages,
        intake=intake,
        intake_info=intake_info or {},
    )
    document.file.save(document.original_name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # the same file uploaded twice at the same moment: the first one wins
        document.file.storage.delete(document.file.name)
        return Document.objects.get(tenant=tenant, sha256=sha), False
    schedule_processing(document)
    return document, True


def upload_message(tenant, user, name: str, data: bytes, *, source: str = "upload") -> dict:
    """An e-mail (.eml or .msg) to documents of one intake: its body and every attachment the assistant reads.
    Returns {"intake", "sender", "subject", "documents": [(document, created)], "skipped": [{name, reason}]}.
    An attachment that is not a document (a logo, a calendar invite) is skipped with the reason; an attachment
    already uploaded is returned as the existing document (a duplicate by file hash)."""
    import uuid

    from .intake import is_message, parse_message
    from .text_layer import TextLayerError

    if len(data) > max_upload_bytes():
        raise UploadRejected(f"The e-mail is larger than {max_upload_bytes() // (1024 * 1024)} MB.", 413)
    if not is_message(data):
        raise UploadRejected("This is not an e-mail: upload an .eml (RFC 822) or Outlook .msg file.", 415)
    try:
        message = parse_message(data)
    except TextLayerError as exc:
        raise UploadRejected(str(exc)) from exc
    key = uuid.uuid4().hex
    base = {"source": source, "message": (name or "")[:200], "sender": message.sender[:200]}
    base["subject"] = message.subject[:300]
    out = {"intake": key, "sender": message.sender, "subject": message.subject, "documents": [], "skipped": []}
    parts = []
    if message.body.strip():
        parts.append(((message.subject or "e-mail")[:120] + ".txt", message.body_document(), "text"))
    parts += [(filename, payload, None) for filename, payload in message.attachments]
    for position, (filename, payload, kind) in enumerate(parts):
        try:
            document, created = upload_document(
                tenant,
                user,
                filename,
                payload,
                kind=kind,
                intake=key,
                intake_info={**base, "part": "body" if kind == "text" else "attachment", "position": position},
            )
        except UploadRejected as exc:
            if exc.status == 429:
                raise
            out["skipped"].append({"name": filename, "reason": exc.message})
            continue
        out["documents"].append((document, created))
    return out


def rotate_inbound_secret(tenant) -> str:
    """A new secret for the tenant's inbound e-mail address; only its SHA-256 is stored."""
    import secrets

    secret = secrets.token_urlsafe(32)
    tenant.settings = {
        **(tenant.settings or {}),
        "ai_inbound_secret_sha256": hashlib.sha256(secret.encode()).hexdigest(),
    }
    tenant.save(update_fields=["settings", "updated_at"])
    return secret


def inbound_secret_ok(tenant, secret: str) -> bool:
    import hmac

    stored = (tenant.settings or {}).get("ai_inbound_secret_sha256") or ""
    given = hashlib.sha256((secret or "").encode()).hexdigest()
    return bool(stored) and bool(secret) and hmac.compare_digest(stored, given)


def schedule_processing(document: Document) -> None:
    """Eager (no broker): process now, in this request. With a broker: queue after the row is committed."""
    from .tasks import process_document_task

    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        process_document(document.pk, document.tenant_id)
    else:
        pk, tenant_id = document.pk, document.tenant_id
        transaction.on_commit(lambda: process_document_task.delay(pk, tenant_id))


def retry_document(document: Document) -> Document:
    from apps.core.exceptions import Conflict

    stale = (
        document.status == DocumentStatus.PROCESSING
        and document.processing_started_at
        and timezone.now() - document.processing_started_at > STALE_PROCESSING
    )
    if document.status not in (DocumentStatus.FAILED, DocumentStatus.EXTRACTED, DocumentStatus.UPLOADED) and not stale:
        raise Conflict(f"A document that is {document.get_status_display().lower()} cannot be processed again.")
    check_monthly_cap(document.tenant)
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.UPLOADED, progress=0, failure_reason="")
    document.refresh_from_db()
    schedule_processing(document)
    document.refresh_from_db()
    return document


MAX_SWEEP_ATTEMPTS = 3


def requeue_stuck_documents(*, now=None) -> int:
    """Every tenant's stuck documents (read through the ops alias), requeued under their tenant; returns how many."""
    from django.db.models import Q

    from apps.core.rls import run_for_tenant

    from .tasks import process_document_task

    cutoff = (now or timezone.now()) - STALE_PROCESSING
    stuck = list(
        Document.objects.using(settings.OPS_DB_ALIAS)
        .filter(
            Q(status=DocumentStatus.PROCESSING, processing_started_at__lt=cutoff)
            # Uploaded but never picked up (the broker was down when it was queued): a much older cutoff, so a
            # document merely waiting behind a backlog is not queued twice.
            | Q(status=DocumentStatus.UPLOADED, updated_at__lt=cutoff - timedelta(minutes=50))
        )
        .values_list("pk", "tenant_id", "attempts")
    )
    requeued = 0
    for pk, tenant_id, attempts in stuck:
        if attempts >= MAX_SWEEP_ATTEMPTS:
            run_for_tenant(
                tenant_id,
                lambda pk=pk, attempts=attempts: Document.objects.filter(pk=pk).update(
                    status=DocumentStatus.FAILED,
                    failure_reason=f"Processing stopped {attempts} times (worker lost or timed out); retry it.",
                ),
            )
            continue
        logger.warning("requeueing stuck document %s (tenant %s, attempt %s)", pk, tenant_id, attempts + 1)
        if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
            process_document(pk, tenant_id)
        else:
            process_document_task.delay(pk, tenant_id)
        requeued += 1
    return requeued


# --- Processing -------------------------------------------------------------------------------------------


def _current_tenant_setting() -> str | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.tenant_id', true)")
        return (cursor.fetchone() or [None])[0]


def _in_tenant(tenant_id: int, func, *args):
    """One short transaction under the tenant. Inside a request that already runs under this tenant (eager
    processing), a savepoint only: a nested run_for_tenant would reset the request's tenant context."""
    from django.db import connection

    if rls.is_postgres() and connection.in_atomic_block and _current_tenant_setting() == str(tenant_id):
        with transaction.atomic():
            return func(*args)
    return rls.run_for_tenant(tenant_id, func, *args)


def _start(document_id: int):
    document = Document.objects.select_for_update(of=("self",)).select_related("tenant").filter(pk=document_id).first()
    if document is None or document.status not in (DocumentStatus.UPLOADED, DocumentStatus.PROCESSING):
        return None
    document.status = DocumentStatus.PROCESSING
    document.progress = 5
    document.attempts += 1
    document.failure_reason = ""
    document.processing_started_at = timezone.now()
    document.save(
        update_fields=["status", "progress", "attempts", "failure_reason", "processing_started_at", "updated_at"]
    )
    with document.file.open("rb") as handle:
        data = handle.read()
    return document, data


def _progress(document_id: int, percent: int) -> None:
    Document.objects.filter(pk=document_id, status=DocumentStatus.PROCESSING).update(progress=percent)


def _fail(document_id: int, reason: str, usage=None) -> None:
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return
    if usage is not None and usage.calls:
        record_usage(document.tenant_id, usage, UsageOperation.EXTRACTION, succeeded=False, document=document)
    Document.objects.filter(pk=document_id).update(
        status=DocumentStatus.FAILED, progress=100, failure_reason=reason[:2000], processed_at=timezone.now()
    )
    _notify_uploader(document, "document.failed", f"{document.original_name} could not be read", body=reason[:500])


def _finish(document_id: int, layer_text: str, used_ocr: bool, result) -> None:
    document = Document.objects.select_for_update().get(pk=document_id)
    draft = result.data
    matches = match_extraction(document.tenant, draft)
    document.text = layer_text[:200_000]
    document.used_ocr = used_ocr
    document.extraction = draft
    document.matches = matches
    document.warnings = warnings_for(draft, matches)
    earlier = same_document_as(document, draft)
    if earlier is not None:
        document.duplicate_of = earlier
        document.warnings.append(
            {
                "code": "duplicate",
                "document": earlier.pk,
                "message": f"Same counterparty and document number as '{earlier.original_name}' "
                f"(document {earlier.pk}), uploaded {earlier.created_at:%Y-%m-%d}: check it is not the same order.",
            }
        )
    second = getattr(result, "second_reading", None)
    if second is not None:
        document.warnings += mark_disagreements(draft, second)
    document.document_type = value(draft, "document_type") or ""
    document.provider = result.usage.provider
    document.model_name = result.usage.model or ""
    document.status = DocumentStatus.EXTRACTED
    document.progress = 100
    document.processed_at = timezone.now()
    document.save()
    record_usage(document.tenant_id, result.usage, UsageOperation.EXTRACTION, document=document)
    logger.info("document %s extracted (%s, attempt %s)", document.pk, document.provider, document.attempts)
    warnings = len(document.warnings)
    _notify_uploader(
        document,
        "document.processed",
        f"{document.original_name} is read: the draft is ready",
        body=f"{warnings} warning{'s' if warnings != 1 else ''} to check." if warnings else "",
    )


def _notify_uploader(document: Document, kind: str, title: str, *, body: str = "") -> None:
    """Whoever uploaded the document hears how its reading ended (processing runs in the background; an
    e-mailed document has no uploader, so nobody is told)."""
    from apps.notifications.services import notify

    notify(tenant=document.tenant, users=[document.created_by], kind=kind, title=title, body=body, target=document)


def same_document_as(document: Document, draft: dict) -> Document | None:
    """An earlier document of the tenant with the same document number and counterparty (names compared
    without case, punctuation or legal suffixes)."""
    number = value(draft, "document_number")
    name = value(draft, "counterparty.name")
    if not number or not name:
        return None
    candidates = (
        Document.objects.filter(tenant_id=document.tenant_id, extraction__document_number__value=number)
        .exclude(pk=document.pk)
        .exclude(status=DocumentStatus.DISCARDED)
        .order_by("created_at", "id")
    )
    for other in candidates[:20]:
        if _clean(value(other.extraction, "counterparty.name") or "") == _clean(name):
            return other
    return None


def process_document(document_id: int, tenant_id: int, *, provider=None) -> None:
    """Read the file, extract the draft, match it; on any error the document fails with the reason."""
    from .providers import ExtractionFailed, ProviderError, get_provider
    from .text_layer import TextLayerError, text_layer_for

    started = _in_tenant(tenant_id, _start, document_id)
    if started is None:
        return
    document, data = started
    try:

        def progress(done: int, total: int) -> None:
            _in_tenant(tenant_id, _progress, document_id, 10 + int(60 * done / max(total, 1)))

        inspect_upload(data, document.file_kind)  # limits may have changed since the upload; never decode a bomb
        layer = text_layer_for(document.file_kind, data, progress=progress)
        if not any(page.words for page in layer.pages):
            raise TextLayerError("No text could be read from this document (blank or unreadable pages).")
        _in_tenant(tenant_id, _progress, document_id, 75)
        provider = provider or get_provider(document.tenant)
        result = provider.extract(layer, own_names=[document.tenant.name])
        if result.usage.provider != "offline":
            # two readers: the offline rules read the same words; where they disagree the field is for review
            from .offline import extract_offline

            try:
                result.second_reading = extract_offline(layer, [document.tenant.name])
            except Exception:  # noqa: BLE001 - the second reader must never fail the first one's draft
                logger.exception("offline second reading of document %s failed", document_id)
        _in_tenant(tenant_id, _finish, document_id, layer.text(), layer.ocr, result)
    except ExtractionFailed as exc:
        _in_tenant(tenant_id, _fail, document_id, str(exc), exc.usage)
    except (TextLayerError, ProviderError) as exc:
        _in_tenant(tenant_id, _fail, document_id, str(exc))
    except UploadRejected as exc:
        _in_tenant(tenant_id, _fail, document_id, exc.message)
    except MemoryError:
        _in_tenant(tenant_id, _fail, document_id, "The document is too large to process.")
    except Exception as exc:  # noqa: BLE001 - whatever happens, the document must not stay "processing"
        logger.exception("processing document %s failed", document_id)
        _in_tenant(
            tenant_id, _fail, document_id, f"Unexpected error while reading the document ({type(exc).__name__})."
        )


# --- Matching ---------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = re.sub(r"[^a-z0-9 ]", " ", (text or "").lower())
    text = re.sub(r"\b(inc|llc|co|corp|corporation|company|ltd|the)\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _ratio(a: str, b: str) -> float:
    a, b = _clean(a), _clean(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _best(rows, name: str, *, label=lambda r: r.name, threshold: float = 0.72, limit: int = 3) -> list[dict]:
    scored = sorted(((round(_ratio(name, label(r)), 2), r) for r in rows), key=lambda x: -x[0])
    return [
        {"id": r.pk, "code": getattr(r, "code", ""), "name": label(r), "score": s}
        for s, r in scored[:limit]
        if s >= threshold
    ]


def match_extraction(tenant, draft: dict) -> dict:
    """Candidates among the tenant's suppliers, customers, plants, carriers and products (best first): exact on
    codes and establishment numbers (score 1.0), fuzzy on names."""
    from apps.carriers.models import Carrier
    from apps.customers.models import Customer
    from apps.plants.models import Plant
    from apps.products.models import Product
    from apps.suppliers.models import Supplier

    out: dict = {"counterparty": [], "plants": [], "carrier": [], "lines": []}
    name = value(draft, "counterparty.name") or ""
    role = value(draft, "counterparty.role") or "supplier"
    model = Customer if role == "customer" else Supplier
    out["counterparty_model"] = role
    if name:
        companies = list(model.objects.filter(tenant=tenant).only("id", "code", "name"))
        exact = [c for c in companies if c.code and c.code.lower() == name.lower()]
        out["counterparty"] = [{"id": c.pk, "code": c.code, "name": c.name, "score": 1.0} for c in exact] or _best(
            companies, name
        )
    ests = (draft.get("establishment_numbers") or {}).get("value") or []
    if ests:
        plants = Plant.objects.filter(tenant=tenant, establishment_number_normalized__in=ests).only(
            "id", "code", "name", "establishment_number_normalized", "supplier_id"
        )
        out["plants"] = [
            {
                "id": p.pk,
                "code": p.code,
                "name": p.name,
                "establishment_number": p.establishment_number_normalized,
                "supplier": p.supplier_id,
                "score": 1.0,
            }
            for p in plants
        ]
        if role == "supplier" and not out["counterparty"]:
            supplier_ids = {p["supplier"] for p in out["plants"] if p["supplier"]}
            out["counterparty"] = [
                {"id": s.pk, "code": s.code, "name": s.name, "score": 0.9, "via": "establishment number"}
                for s in Supplier.objects.filter(tenant=tenant, pk__in=supplier_ids)
            ]
    carrier = value(draft, "carrier") or ""
    if carrier:
        carriers = list(Carrier.objects.filter(tenant=tenant).only("id", "code", "name", "scac"))
        exact = [c for c in carriers if carrier.upper() in {c.code.upper(), (c.scac or "").upper()}]
        out["carrier"] = [{"id": c.pk, "code": c.code, "name": c.name, "score": 1.0} for c in exact] or _best(
            carriers, carrier
        )
    lines = draft.get("line_items") or []
    if lines:
        products = list(
            Product.objects.filter(tenant=tenant).only(
                "id", "code", "description", "namp_number", "supplier_item_number"
            )
        )
        by_code = {}
        for p in products:
            for code in (p.code, p.supplier_item_number):
                if code:
                    by_code.setdefault(code.strip().lower(), p)
        for line in lines:
            code = ((line.get("product_code") or {}).get("value") or "").strip().lower()
            description = (line.get("description") or {}).get("value") or ""
            if code and code in by_code:
                p = by_code[code]
                out["lines"].append([{"id": p.pk, "code": p.code, "name": p.description, "score": 1.0}])
                continue
            candidates = _best(products, description, label=lambda p: p.description, threshold=0.6)
            namp = re.findall(r"\b(\d{3,4}[A-Z]?)\b", description)
            for p in products:
                if p.namp_number and p.namp_number in namp and all(c["id"] != p.pk for c in candidates):
                    candidates.append({"id": p.pk, "code": p.code, "name": p.description, "score": 0.8, "via": "NAMP"})
            out["lines"].append(sorted(candidates, key=lambda c: -c["score"])[:3])
    return out


LOW_CONFIDENCE = 0.6
COMPARED_FIELDS = [
    "document_type",
    "document_number",
    "reference_number",
    "document_date",
    "ship_date",
    "delivery_date",
    "due_date",
    "counterparty.name",
    "carrier",
    "terms",
    "currency",
    "totals.total_boxes",
    "totals.total_weight_lb",
    "totals.total",
]
LINE_COMPARED = ["boxes", "weight_lb", "unit_price", "price_unit", "line_total"]


def _agree(a, b) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 0.01
    clean = lambda x: re.sub(r"[^a-z0-9]+", " ", str(x).lower()).strip()  # noqa: E731
    return clean(a) == clean(b)


def mark_disagreements(draft: dict, other: dict) -> list[dict]:
    """The model's draft against the offline reading of the same words. Where both read a value and the values
    differ, the draft keeps the model's value, its confidence drops to 0.5 (the review screen frames it) and a
    `readers_disagree` warning names both readings. A value only one reader found is not a disagreement."""
    out = []

    def node_at(data, path):
        node = data
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    def check(label, mine, theirs, field_name, line=None):
        if not mine or not theirs or mine.get("value") is None or theirs.get("value") is None:
            return
        if _agree(mine["value"], theirs["value"]):
            return
        mine["confidence"] = min(mine.get("confidence", 1.0), 0.5)
        warning = {
            "code": "readers_disagree",
            "field": field_name,
            "message": f"Check {label}: the model read '{mine['value']}', the offline reader '{theirs['value']}'.",
        }
        if line is not None:
            warning["line"] = line
        out.append(warning)

    for name in COMPARED_FIELDS:
        label = name.replace("totals.", "").replace("_", " ").replace(".", " ")
        check(label, node_at(draft, name), node_at(other, name), name)
    mine_lines, their_lines = draft.get("line_items") or [], other.get("line_items") or []
    if mine_lines and their_lines and len(mine_lines) != len(their_lines):
        out.append(
            {
                "code": "readers_disagree",
                "field": "line_items",
                "message": f"Check the lines: the model read {len(mine_lines)}, the offline reader {len(their_lines)}.",
            }
        )
    elif mine_lines:
        for index, (mine, theirs) in enumerate(zip(mine_lines, their_lines, strict=False), start=1):
            for key in LINE_COMPARED:
                check(f"line {index} {key.replace('_', ' ')}", mine.get(key), theirs.get(key), f"line.{key}", index)
    return out


CONFIDENCE_CHECKED = [
    "document_type",
    "document_number",
    "counterparty.name",
    "document_date",
    "ship_date",
    "delivery_date",
    "carrier",
    "totals.total",
]
# plausibility limits for one line of meat (a 53-foot reefer carries about 44,000 lb)
MAX_BOXES_PER_LINE = 2500
MAX_TRUCKLOAD_LB = 50_000
PRICE_PER_LB_RANGE = (0.10, 60.0)
BOX_WEIGHT_RANGE_LB = (1.0, 150.0)


def completeness_warnings(draft: dict) -> list[dict]:
    """What is missing or implausible: no lines, number, date or total; case counts, weights and prices out of
    any plausible range (a case count glued to a weight by OCR, a price per cwt read as per lb)."""
    out = []
    kind = value(draft, "document_type")
    lines = draft.get("line_items") or []
    if not lines:
        out.append({"code": "no_lines", "message": "No line items were read: add them from the document."})
    if not value(draft, "document_number"):
        out.append({"code": "no_number", "message": "No document number was found."})
    if not value(draft, "document_date"):
        out.append({"code": "no_date", "message": "No document date was found."})
    if kind != "bill_of_lading" and value(draft, "totals.total") is None:
        out.append({"code": "no_total", "message": "No document total was found: the lines cannot be checked."})
    total_weight = value(draft, "totals.total_weight_lb")
    if total_weight is not None and total_weight > MAX_TRUCKLOAD_LB:
        out.append(
            {
                "code": "implausible_weight",
                "message": f"A total weight of {total_weight:,.0f} lb is more than a truckload: check it.",
            }
        )
    for index, line in enumerate(lines, start=1):
        get = lambda key, line=line: (line.get(key) or {}).get("value")  # noqa: E731
        boxes, weight, price, unit = get("boxes"), get("weight_lb"), get("unit_price"), get("price_unit")
        if boxes is not None and (boxes <= 0 or boxes > MAX_BOXES_PER_LINE):
            out.append(
                {
                    "code": "implausible_boxes",
                    "line": index,
                    "message": f"Line {index}: {boxes} boxes is not plausible (two numbers read as one?).",
                }
            )
        if weight is not None and weight > MAX_TRUCKLOAD_LB:
            out.append(
                {
                    "code": "implausible_weight",
                    "line": index,
                    "message": f"Line {index}: {weight:,.0f} lb is more than a truckload.",
                }
            )
        if boxes and weight and not (BOX_WEIGHT_RANGE_LB[0] <= weight / boxes <= BOX_WEIGHT_RANGE_LB[1]):
            out.append(
                {
                    "code": "implausible_box_weight",
                    "line": index,
                    "message": f"Line {index}: {weight / boxes:,.1f} lb per box is not plausible.",
                }
            )
        per_lb = None
        if price is not None:
            if unit == "lb":
                per_lb = price
            elif unit == "cwt":
                per_lb = price / 100
            elif unit == "kg":
                per_lb = price * 0.45359237
            elif unit == "case" and boxes and weight:
                per_lb = price * boxes / weight
        if per_lb is not None and not (PRICE_PER_LB_RANGE[0] <= per_lb <= PRICE_PER_LB_RANGE[1]):
            out.append(
                {
                    "code": "implausible_price",
                    "line": index,
                    "message": f"Line {index}: {price} per {unit} is ${per_lb:,.2f}/lb, outside any plausible price.",
                }
            )
        if price is not None and unit in ("lb", "cwt", "kg") and weight is None:
            out.append(
                {
                    "code": "missing_weight",
                    "line": index,
                    "message": f"Line {index}: priced per {unit} but no weight was read.",
                }
            )
        if weight is not None and boxes is None and kind != "bill_of_lading":
            out.append({"code": "missing_boxes", "line": index, "message": f"Line {index}: no case count was read."})
    return out


def warnings_for(draft: dict, matches: dict) -> list[dict]:
    """What a reviewer should look at: sums that do not add up, unknown parties and products, doubtful values."""
    warnings = []
    lines = draft.get("line_items") or []
    line_totals = [(line.get("line_total") or {}).get("value") for line in lines]
    total = value(draft, "totals.total") or value(draft, "totals.subtotal")
    if total is not None and line_totals and all(t is not None for t in line_totals):
        summed = round(sum(line_totals), 2)
        if abs(summed - total) > max(0.01, 0.001 * abs(total)):
            warnings.append(
                {
                    "code": "total_mismatch",
                    "message": f"The lines add up to {summed:,.2f} but the document total is {total:,.2f}.",
                }
            )
    weights = [(line.get("weight_lb") or {}).get("value") for line in lines]
    total_weight = value(draft, "totals.total_weight_lb")
    if total_weight is not None and weights and all(w is not None for w in weights):
        summed = round(sum(weights), 2)
        if abs(summed - total_weight) > max(1.0, 0.002 * total_weight):
            warnings.append(
                {
                    "code": "weight_mismatch",
                    "message": f"The line weights add up to {summed:,.2f} lb; the document has {total_weight:,.2f} lb.",
                }
            )
    for index, line in enumerate(lines, start=1):
        price = (line.get("unit_price") or {}).get("value")
        line_total = (line.get("line_total") or {}).get("value")
        weight = (line.get("weight_lb") or {}).get("value")
        boxes = (line.get("boxes") or {}).get("value")
        unit = (line.get("price_unit") or {}).get("value") or "lb"
        quantity = {
            "lb": weight,
            "cwt": weight / 100 if weight else None,
            "kg": weight * 0.45359237 if weight else None,
            "case": boxes,
            "each": boxes,
        }.get(unit)
        if price is not None and line_total is not None and quantity:
            if abs(price * quantity - line_total) > max(0.02, 0.005 * line_total):
                warnings.append(
                    {
                        "code": "line_total_mismatch",
                        "line": index,
                        "message": f"Line {index}: {price} per {unit} x {quantity:,.2f} is not {line_total:,.2f}.",
                    }
                )
        line_matches = (matches.get("lines") or [])[index - 1] if index - 1 < len(matches.get("lines") or []) else []
        if not line_matches:
            desc = (line.get("description") or {}).get("value") or ""
            warnings.append(
                {"code": "unknown_product", "line": index, "message": f"Line {index}: no product matches '{desc}'."}
            )
    name = value(draft, "counterparty.name")
    if name and not matches.get("counterparty"):
        kind = matches.get("counterparty_model", "supplier")
        message = f"'{name}' is not a known {kind}; confirm can create it."
        warnings.append({"code": "unknown_counterparty", "message": message})
    if value(draft, "carrier") and not matches.get("carrier"):
        warnings.append(
            {"code": "unknown_carrier", "message": f"Carrier '{value(draft, 'carrier')}' is not in your carrier list."}
        )
    warnings += completeness_warnings(draft)
    for name in CONFIDENCE_CHECKED:
        node = draft
        for part in name.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict) and node.get("value") is not None and node.get("confidence", 1) < LOW_CONFIDENCE:
            label = name.replace("totals.", "").replace("_", " ").replace(".", " ")
            warnings.append(
                {
                    "code": "low_confidence",
                    "field": name,
                    "message": f"Check {label}: the reader is not sure of '{node['value']}'.",
                }
            )
    return warnings
