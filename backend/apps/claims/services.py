"""Claim services: record a claim against an invoice (lines or an amount), review, approve (credit memo to the
customer, chargeback to the responsible payee) or reject, attach photos and documents; and what the load
settlement reads (the claims' figures per load). One transaction each, the claim row locked."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.exceptions import Conflict
from apps.core.money import round_money, sum_money, to_decimal
from apps.core.numbering import next_number
from apps.core.services import (
    author,
    changed_fields,
    check_fields,
    check_same_tenant,
    diff_and_save,
    resolve_role,
    typed,
)
from apps.core.workflow import record_event

from .models import UNDECIDED_STATUSES, Claim, ClaimDocument, ClaimKind, ClaimLine
from .models import ClaimStatus as S
from .workflows import CLAIM_FIELDS, WORKFLOW

LINE_FIELDS = ("invoice_line", "description", "boxes", "weight_lb", "amount")
# The credit memo's reason for each kind of claim (apps.invoices.models.CreditMemoReason).
CREDIT_REASON = {
    ClaimKind.SHORTAGE: "short_weight",
    ClaimKind.TEMPERATURE: "temperature_rejection",
    ClaimKind.QUALITY: "other",
    ClaimKind.DAMAGE: "other",
}
CLAIMABLE_INVOICE_STATUSES = ("issued", "partially_paid", "paid")


def _lock(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().get(pk=claim.pk)


def _check_invoice(invoice) -> None:
    if invoice.status not in CLAIMABLE_INVOICE_STATUSES:
        raise ValidationError(
            {
                "invoice": [
                    f"Invoice {invoice.number} is {invoice.get_status_display().lower()}; claims are made "
                    "against issued invoices."
                ]
            }
        )


def _check_payee(supplier, carrier) -> None:
    if supplier is not None and carrier is not None:
        raise ValidationError(
            {"responsible_carrier": ["Name one responsible payee: the supplier or the carrier, not both."]}
        )


def _check_lines(claim: Claim, lines: list[dict]) -> list[dict]:
    errors = {}
    for index, values in enumerate(lines):
        check_fields(values, {*LINE_FIELDS, "id"}, "claim line")
        line = values.get("invoice_line")
        if line is not None and line.invoice_id != claim.invoice_id:
            errors[f"lines[{index}].invoice_line"] = [f"Invoice line {line.pk} is not on invoice {claim.invoice}."]
        if values.get("amount") is None:
            errors[f"lines[{index}].amount"] = ["What is claimed on this line."]
        elif to_decimal(values["amount"]) < 0:
            errors[f"lines[{index}].amount"] = ["Not below 0."]
        if line is None and not (values.get("description") or "").strip():
            errors[f"lines[{index}].description"] = ["Name the invoice line or describe what is claimed."]
    if errors:
        raise ValidationError(errors)
    return lines


def _write_lines(claim: Claim, lines: list[dict], *, by) -> None:
    for line in claim.lines.all():
        line.delete()
    for number, values in enumerate(lines, start=1):
        values = {name: values[name] for name in LINE_FIELDS if name in values}
        invoice_line = values.get("invoice_line")
        if invoice_line is not None and not values.get("description"):
            values["description"] = invoice_line.description
        values["description"] = values.get("description") or ""
        values["amount"] = round_money(to_decimal(values["amount"]))
        ClaimLine.objects.create(
            tenant_id=claim.tenant_id, claim=claim, line_number=number, created_by=author(by), **values
        )
    claim.amount = sum_money(line.amount for line in claim.lines.all())


def _check_amounts(claim: Claim) -> None:
    if claim.amount is None or claim.amount <= 0:
        raise ValidationError({"amount": ["What the customer claims: more than 0 (or give the lines)."]})
    if claim.amount > claim.invoice.total:
        raise ValidationError(
            {"amount": [f"{claim.amount} is more than invoice {claim.invoice.number}'s total {claim.invoice.total}."]}
        )


def _from_invoice(claim: Claim) -> None:
    invoice = claim.invoice
    claim.customer_id = invoice.customer_id
    claim.currency = invoice.currency
    order = invoice.sales_order
    claim.load_id = order.load_id if order is not None else None


@transaction.atomic
def create_claim(*, tenant, by, invoice, lines: list[dict] | None = None, **fields) -> Claim:
    """A claim against an issued invoice, numbered CL-2026-000123; with lines its amount is their sum."""
    check_fields(fields, CLAIM_FIELDS - {"invoice"}, "claim")
    check_same_tenant(tenant, invoice, fields, lines or [])
    fields = typed(Claim, fields)
    _check_invoice(invoice)
    _check_payee(fields.get("responsible_supplier"), fields.get("responsible_carrier"))
    claim = Claim(tenant=tenant, created_by=author(by), invoice=invoice, **fields)
    _from_invoice(claim)
    if claim.amount is None:
        claim.amount = Decimal("0.00")
    if lines:
        _check_lines(claim, list(lines))
    claim.number = next_number(tenant, "CL", on=claim.claim_date)
    claim.save()
    if lines:
        _write_lines(claim, list(lines), by=by)
    _check_amounts(claim)
    claim.save()
    record_event(claim, "created", by=by, to_status=claim.status, reason=f"against invoice {invoice.number}")
    return claim


@transaction.atomic
def update_claim(claim: Claim, *, by, role: str | None = None, lines: list[dict] | None = None, **fields) -> Claim:
    claim = _lock(claim)
    check_fields(fields, CLAIM_FIELDS, "claim")
    check_same_tenant(claim.tenant, fields, lines or [])
    fields = typed(Claim, fields)
    changing = set(changed_fields(claim, fields)) | ({"lines"} if lines is not None else set())
    WORKFLOW.check_edit(claim, changing, role=resolve_role(tenant=claim.tenant, by=by, role=role))
    if "invoice" in changing:
        _check_invoice(fields["invoice"])
    _check_payee(
        fields.get("responsible_supplier", claim.responsible_supplier),
        fields.get("responsible_carrier", claim.responsible_carrier),
    )
    changes = diff_and_save(claim, fields, by=by, record=False)
    if "invoice" in changing:
        _from_invoice(claim)
    if lines is not None:
        _check_lines(claim, list(lines))
        before = claim.amount
        _write_lines(claim, list(lines), by=by)
        if claim.amount != before:
            changes["amount"] = {"old": str(before), "new": str(claim.amount)}
        changes["lines"] = "replaced"
    _check_amounts(claim)
    claim.save()
    if changes:
        record_event(claim, "updated", by=by, changes=changes)
    return claim


@transaction.atomic
def delete_claim(claim: Claim, *, by) -> None:
    claim = _lock(claim)
    if claim.status != S.OPEN:
        raise Conflict(
            f"Claim {claim.number} is {claim.get_status_display().lower()} and is kept for the record.",
            current_status=claim.status,
        )
    claim.delete()


@transaction.atomic
def start_review(claim: Claim, *, by, role: str | None = None) -> Claim:
    claim = _lock(claim)
    return WORKFLOW.perform(claim, "review", by=by, role=role)


@transaction.atomic
def approve_claim(
    claim: Claim, *, by, role: str | None = None, reason: str = "", approved_amount=None, chargeback_amount=None
) -> Claim:
    """under review -> approved (managers, with a reason): the customer's credit memo on the invoice for the approved
    amount (at most what the invoice still owes: 409), and the responsible payee's debit memo."""
    from apps.invoices.services import create_credit_memo
    from apps.payables.services import create_debit_memo

    claim = _lock(claim)
    role = resolve_role(tenant=claim.tenant, by=by, role=role)
    WORKFLOW.ensure_allowed(claim, WORKFLOW.action("approve"), role=role)
    approved = round_money(to_decimal(approved_amount)) if approved_amount is not None else claim.amount
    if approved <= 0 or approved > claim.amount:
        raise ValidationError({"approved_amount": [f"More than 0 and at most the {claim.amount} claimed."]})
    payee = claim.responsible_supplier or claim.responsible_carrier
    if chargeback_amount is not None:
        chargeback = round_money(to_decimal(chargeback_amount))
    elif claim.chargeback_amount is not None:
        chargeback = claim.chargeback_amount
    else:
        chargeback = approved
    if payee is not None and (chargeback <= 0 or chargeback > approved):
        raise ValidationError({"chargeback_amount": [f"More than 0 and at most the {approved} approved."]})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["Say why (approve is kept on the record)."]})
    memo = create_credit_memo(
        claim.invoice,
        by=by,
        amount=approved,
        reason=CREDIT_REASON[claim.kind],
        notes=f"Claim {claim.number} ({claim.get_kind_display().lower()}): {reason}",
    )
    updates = {
        "approved_amount": approved,
        "decided_at": timezone.now(),
        "decided_by": author(by),
        "decision_reason": reason,
        "credit_memo": memo,
    }
    changes = {"credit_memo": memo.number, "approved_amount": str(approved)}
    if payee is not None:
        debit = create_debit_memo(
            tenant=claim.tenant,
            by=by,
            supplier=claim.responsible_supplier,
            carrier=claim.responsible_carrier,
            amount=chargeback,
            currency=claim.currency,
            reason=f"Claim {claim.number} ({claim.get_kind_display().lower()}) on invoice {claim.invoice.number}: "
            f"{reason}",
            source=claim.number,
        )
        updates["chargeback_amount"] = chargeback
        updates["debit_memo"] = debit
        changes.update({"chargeback": debit.number, "chargeback_amount": str(chargeback)})
    return WORKFLOW.perform(claim, "approve", by=by, role=role, reason=reason, updates=updates, changes=changes)


@transaction.atomic
def reject_claim(claim: Claim, *, by, role: str | None = None, reason: str = "") -> Claim:
    claim = _lock(claim)
    return WORKFLOW.perform(
        claim,
        "reject",
        by=by,
        role=role,
        reason=reason,
        updates={"decided_at": timezone.now(), "decided_by": author(by), "decision_reason": (reason or "").strip()},
    )


@transaction.atomic
def attach_document(claim: Claim, *, by, document, kind: str) -> ClaimDocument:
    """Attach an uploaded document (a photo, the temperature log…) to the claim (again: the same link)."""
    claim = _lock(claim)
    if document.tenant_id != claim.tenant_id:
        raise ValidationError({"document": ["No such document."]})
    link, _ = ClaimDocument.objects.get_or_create(
        tenant_id=claim.tenant_id, claim=claim, document=document, defaults={"kind": kind, "created_by": author(by)}
    )
    record_event(claim, "document_attached", by=by, reason=f"{link.get_kind_display()}: {document.original_name}")
    return link


# --- what the load settlement reads ------------------------------------------------------------------------------


def settlement_figures(load) -> list[dict]:
    """The load's approved claims: the credit to the customer (+) and the chargeback recovered (-), each
    {currency, amount, document, label, dims}."""
    rows = []
    claims = Claim.objects.filter(tenant_id=load.tenant_id, load=load, status=S.APPROVED).select_related("credit_memo")
    for claim in claims.order_by("id"):
        dims = {"customer_id": claim.customer_id}
        if claim.approved_amount:
            rows.append(
                {
                    "currency": claim.currency,
                    "amount": claim.approved_amount,
                    "document": claim.credit_memo.number if claim.credit_memo else claim.number,
                    "label": f"Claim {claim.number} ({claim.get_kind_display().lower()}): credit to the customer",
                    "dims": dims,
                }
            )
        if claim.debit_memo_id:
            rows.append(
                {
                    "currency": claim.currency,
                    "amount": -claim.chargeback_amount,
                    "document": claim.debit_memo.number,
                    "label": f"Claim {claim.number}: charged back to "
                    f"{claim.responsible_supplier or claim.responsible_carrier}",
                    "dims": {**dims, "supplier_id": claim.responsible_supplier_id}
                    if claim.responsible_supplier_id
                    else dims,
                }
            )
    return rows


def credit_memo_ids(load) -> set[int]:
    return set(
        Claim.objects.filter(tenant_id=load.tenant_id, load=load, credit_memo__isnull=False).values_list(
            "credit_memo_id", flat=True
        )
    )


def open_claims_of_load(load) -> list[dict]:
    return [
        {"number": number, "status": dict(S.choices)[status].lower()}
        for number, status in Claim.objects.filter(
            tenant_id=load.tenant_id, load=load, status__in=UNDECIDED_STATUSES
        ).values_list("number", "status")
    ]
