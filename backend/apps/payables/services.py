"""Supplier bill workflows: bill a purchase order at its catch weights (or enter the packer's lines), the three-way
match against the order's price and the weight received, submit / approve / reopen / mark paid / void. One
transaction each, the bill row locked; amounts are kept by the money helpers and checked by the database.

The weight received is the purchase order line's actual (catch) weight: the load's catch-weight entry
(apps.loads.services.record_catch_weights) and the PO's own edits both write it there."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from apps.core.choices import Currency, PriceUnit
from apps.core.exceptions import Conflict
from apps.core.money import line_total, round_money, sum_money, to_decimal
from apps.core.money_events import announce
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
from apps.core.workflow import record_event, workflow_for
from apps.purchase_orders.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus

from .models import (
    FINAL_STATUSES,
    PAYABLE_STATUSES,
    DebitMemo,
    FreightBill,
    FreightBillCharge,
    FreightChargeType,
    PaymentMethod,
    PaymentOut,
    PaymentOutApplication,
    SupplierBill,
    SupplierBillLine,
)
from .models import DebitMemoStatus as D
from .models import SupplierBillStatus as S
from .workflows import (
    BILL_FIELDS,
    DEBIT_MEMO_WORKFLOW,
    FREIGHT_BILL_FIELDS,
    FREIGHT_WORKFLOW,
    PAYMENT_OUT_WORKFLOW,
    WORKFLOW,
)

LINE_FIELDS = (
    "purchase_order_line",
    "product",
    "description",
    "boxes",
    "weight_lb",
    "unit_price",
    "price_unit",
)
WEIGHT_PRICED_UNITS = frozenset({PriceUnit.LB, PriceUnit.CWT, PriceUnit.KG})
# Orders a supplier may bill: agreed (confirmed) and later, not drafts, not cancelled.
BILLABLE_PO_STATUSES = frozenset(
    {
        PurchaseOrderStatus.CONFIRMED,
        PurchaseOrderStatus.PICKED_UP,
        PurchaseOrderStatus.RECEIVED,
        PurchaseOrderStatus.CLOSED,
    }
)

# --- Tolerances (tenant settings) ------------------------------------------------------------------------------

DEFAULT_TOLERANCES = {
    "bill_price_tolerance_pct": Decimal("0.5"),
    "bill_weight_tolerance_pct": Decimal("1.0"),
    "bill_boxes_tolerance": Decimal("0"),
}


def _setting_decimals(tenant, defaults: dict[str, Decimal]) -> dict[str, Decimal]:
    """The tenant's decimal settings named in `defaults` (Tenant.settings, checked by
    apps.tenants.settings_schema); a missing or unreadable one is its default."""
    settings = getattr(tenant, "settings", None) or {}
    result = {}
    for key, default in defaults.items():
        value = settings.get(key)
        try:
            result[key] = default if value in (None, "") else to_decimal(value)
        except (InvalidOperation, ValueError, TypeError):
            result[key] = default
    return result


def tolerances(tenant) -> dict[str, Decimal]:
    """The tenant's three-way match tolerances: price and weight in percent of the ordered price / received
    weight, boxes as a count; a difference beyond (not equal to) the tolerance is a variance."""
    return _setting_decimals(tenant, DEFAULT_TOLERANCES)


# --- Helpers ---------------------------------------------------------------------------------------------------


def _lock(bill):
    """The bill (a supplier bill or a freight bill) locked for this transaction."""
    return type(bill).objects.select_for_update().get(pk=bill.pk)


def due_date_for(bill_date: date, terms_days: int | None) -> date:
    return bill_date + timedelta(days=terms_days or 0)


def price_line(line: SupplierBillLine) -> None:
    line.line_total = line_total(
        line.price_unit, line.unit_price, weight_lb=line.weight_lb, boxes=line.boxes, pieces=line.boxes
    )


def settle(bill: SupplierBill) -> None:
    bill.total = bill.subtotal
    if bill.status == S.VOID:
        bill.balance_due = Decimal("0.00")
        return
    bill.balance_due = round_money(bill.total - bill.amount_paid)


def refresh_totals(bill: SupplierBill) -> SupplierBill:
    bill.subtotal = sum_money(line.line_total for line in bill.lines.all())
    settle(bill)
    bill.save()
    return bill


def _billed_elsewhere(order_line_ids, *, exclude_bill=None) -> dict[int, str]:
    """PO line id -> the number of the (not void) bill that already bills it."""
    rows = SupplierBillLine.objects.filter(purchase_order_line_id__in=order_line_ids).exclude(bill__status=S.VOID)
    if exclude_bill is not None:
        rows = rows.exclude(bill_id=exclude_bill.pk)
    return dict(rows.values_list("purchase_order_line_id", "bill__number"))


def _check_purchase_order(order: PurchaseOrder) -> None:
    if order.status not in BILLABLE_PO_STATUSES:
        raise Conflict(
            f"Purchase order {order.number} is {order.get_status_display().lower()}; bills are entered for "
            "confirmed orders and later.",
            current_status=order.status,
        )


def _check_invoice_number(tenant, payee, number: str, *, exclude=None, model=SupplierBill) -> str:
    """The payee's own invoice number, stripped: required, and once per payee among the bills (of `model`) that
    are not void (400 naming the field)."""
    field = "carrier_invoice_number" if model is FreightBill else "supplier_invoice_number"
    payee_field = "carrier" if model is FreightBill else "supplier"
    number = (number or "").strip()
    if not number:
        raise ValidationError({field: [f"The {payee_field}'s invoice number is required."]})
    existing = model.objects.filter(tenant=tenant, **{payee_field: payee, field: number}).exclude(status=S.VOID)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    first = existing.order_by("pk").first()
    if first is not None:
        raise ValidationError({field: [f"{payee} invoice {number} is already entered as bill {first.number}."]})
    return number


def _line_from_order_line(order_line: PurchaseOrderLine) -> dict:
    """A bill line as the PO line stands: catch weight when known, else the estimate; the PO's price."""
    return {
        "purchase_order_line": order_line,
        "product": order_line.product,
        "description": order_line.description,
        "boxes": order_line.boxes,
        "weight_lb": order_line.actual_weight_lb
        if order_line.actual_weight_lb is not None
        else order_line.estimated_weight_lb,
        "unit_price": order_line.unit_price,
        "price_unit": order_line.price_unit,
    }


def _resolve_lines(bill: SupplierBill, lines: list[dict]) -> list[dict]:
    """Each given line over its PO line's values (fields not sent come from the PO line); 400 naming the line
    and field when a PO line is not on the bill's order, or a price needs a weight / box count it lacks."""
    order_lines = {line.pk: line for line in bill.purchase_order.lines.all()}
    resolved, errors = [], {}
    for index, values in enumerate(lines):
        values = dict(values)
        values.pop("id", None)
        order_line = values.get("purchase_order_line")
        if order_line is not None:
            if order_line.pk not in order_lines:
                errors[f"lines[{index}].purchase_order_line"] = [
                    f"PO line {order_line.pk} is not a line of purchase order {bill.purchase_order.number}."
                ]
                continue
            values = {**_line_from_order_line(order_lines[order_line.pk]), **values}
        if values.get("unit_price") is None:
            errors[f"lines[{index}].unit_price"] = ["The billed unit price is required."]
            continue
        price_unit = values.get("price_unit") or PriceUnit.LB
        values["price_unit"] = price_unit
        if price_unit in WEIGHT_PRICED_UNITS and values.get("weight_lb") is None:
            errors[f"lines[{index}].weight_lb"] = [f"A price per {price_unit} needs the billed weight."]
        elif price_unit not in WEIGHT_PRICED_UNITS and values.get("boxes") is None:
            errors[f"lines[{index}].boxes"] = [f"A price per {price_unit} needs the number of boxes."]
        resolved.append(values)
    if errors:
        raise ValidationError(errors)
    ids = [values["purchase_order_line"].pk for values in resolved if values.get("purchase_order_line")]
    if len(ids) != len(set(ids)):
        raise ValidationError({"lines": ["Each purchase order line is billed once per bill."]})
    elsewhere = _billed_elsewhere(ids, exclude_bill=bill)
    if elsewhere:
        raise Conflict(
            "PO line(s) already billed: "
            + ", ".join(f"{pk} on bill {number}" for pk, number in sorted(elsewhere.items()))
            + "; void that bill first.",
            billed_on=[{"purchase_order_line": pk, "bill": number} for pk, number in sorted(elsewhere.items())],
        )
    return resolved


def _write_lines(bill: SupplierBill, lines: list[dict], *, by) -> None:
    bill.lines.all().delete()
    for position, values in enumerate(lines, start=1):
        line = SupplierBillLine(tenant_id=bill.tenant_id, bill=bill, position=position, created_by=author(by))
        product = values.get("product")
        if product is not None and not values.get("description"):
            values["description"] = product.description
        for name in LINE_FIELDS:
            if name in values:
                setattr(line, name, values[name])
        line.description = line.description or ""
        price_line(line)
        line.save()


def _check_line_keys(lines: list[dict]) -> None:
    for values in lines:
        check_fields(values, {*LINE_FIELDS, "id"}, "bill line")


def _check_dates(bill_date, due_date) -> None:
    if bill_date is not None and due_date is not None and due_date < bill_date:
        raise ValidationError(
            {"due_date": [f"The due date ({due_date.isoformat()}) is before the bill date ({bill_date.isoformat()})."]}
        )


# --- Create, edit, delete --------------------------------------------------------------------------------------


@transaction.atomic
def create_bill(*, tenant, by, purchase_order, lines: list[dict] | None = None, **fields) -> SupplierBill:
    """A draft bill for `purchase_order`, numbered BILL-2026-000123. Without `lines` the PO is billed as it
    stands ("bill this PO"): every line not yet on another bill, at its catch weight (actual weight when known,
    else the estimate) and the PO's price. Supplier and currency are the PO's, the due date the bill date plus the
    supplier's terms. Links to another tenant's rows are refused (400)."""
    check_fields(fields, BILL_FIELDS - {"purchase_order"}, "supplier bill")
    if lines is not None:
        lines = list(lines)
        _check_line_keys(lines)
    check_same_tenant(tenant, purchase_order, fields, lines or [])
    fields = typed(SupplierBill, fields)
    order = PurchaseOrder.objects.select_for_update().select_related("supplier").get(pk=purchase_order.pk)
    _check_purchase_order(order)
    supplier = order.supplier
    _check_invoice_number(tenant, supplier, fields.get("supplier_invoice_number", ""))
    bill = SupplierBill(
        tenant=tenant,
        created_by=author(by),
        purchase_order=order,
        supplier=supplier,
        currency=order.currency,
        payment_terms_days=supplier.payment_terms_days or 0,
        **fields,
    )
    bill.supplier_invoice_number = bill.supplier_invoice_number.strip()
    if not bill.due_date:
        bill.due_date = due_date_for(bill.bill_date, bill.payment_terms_days)
    _check_dates(bill.bill_date, bill.due_date)
    if lines is None:
        order_lines = list(order.lines.select_related("product"))
        billed = _billed_elsewhere([line.pk for line in order_lines])
        lines = [_line_from_order_line(line) for line in order_lines if line.pk not in billed]
        if not lines:
            raise Conflict(
                f"Every line of purchase order {order.number} is already billed"
                + (f" (bill {', '.join(sorted(set(billed.values())))})." if billed else "; it has no lines.")
            )
    bill.number = next_number(tenant, "BILL", on=bill.bill_date)
    bill.save()
    _write_lines(bill, _resolve_lines(bill, lines), by=by)
    refresh_totals(bill)
    record_event(bill, "created", by=by, to_status=bill.status, reason=f"for purchase order {order.number}")
    return bill


@transaction.atomic
def update_bill(
    bill: SupplierBill, *, by, role: str | None = None, lines: list[dict] | None = None, **fields
) -> SupplierBill:
    """Drafts change freely (the purchase order stays); a submitted bill takes notes only."""
    bill = _lock(bill)
    check_fields(fields, BILL_FIELDS, "supplier bill")
    if lines is not None:
        lines = list(lines)
        _check_line_keys(lines)
    check_same_tenant(bill.tenant, fields, lines or [])
    fields = typed(SupplierBill, fields)
    if "purchase_order" in fields and fields["purchase_order"].pk != bill.purchase_order_id:
        raise ValidationError(
            {"purchase_order": ["A bill stays on its purchase order; void it and bill the other order."]}
        )
    fields.pop("purchase_order", None)
    changing = set(changed_fields(bill, fields)) | ({"lines"} if lines is not None else set())
    WORKFLOW.check_edit(bill, changing, role=resolve_role(tenant=bill.tenant, by=by, role=role))
    if "supplier_invoice_number" in changing:
        _check_invoice_number(bill.tenant, bill.supplier, fields["supplier_invoice_number"], exclude=bill)
    bill_date = fields.get("bill_date", bill.bill_date)
    if "bill_date" in changing and "due_date" not in fields:
        fields["due_date"] = due_date_for(bill_date, bill.payment_terms_days)
    _check_dates(bill_date, fields.get("due_date", bill.due_date))
    before_total = bill.total
    changes = diff_and_save(bill, fields, by=by, record=False)
    if lines is not None:
        _write_lines(bill, _resolve_lines(bill, lines), by=by)
        bill = refresh_totals(bill)
    if bill.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(bill.total)}
    if changes or lines is not None:
        record_event(bill, "updated", by=by, changes={**changes, **({"lines": "replaced"} if lines else {})})
    return bill


@transaction.atomic
def delete_bill(bill: SupplierBill, *, by) -> None:
    bill = _lock(bill)
    if bill.status != S.DRAFT:
        raise Conflict(
            f"Bill {bill.number} has been submitted and is kept for the record; void it instead.",
            current_status=bill.status,
        )
    bill.delete()


# --- The three-way match ---------------------------------------------------------------------------------------


def _percent(difference: Decimal, base: Decimal) -> Decimal | None:
    if base == 0:
        return None
    return (difference / base * 100).quantize(Decimal("0.01"))


def _beyond(difference: Decimal, base: Decimal, tolerance_pct: Decimal) -> bool:
    if difference == 0:
        return False
    if base == 0:
        return True
    return abs(difference) * 100 > tolerance_pct * abs(base)


def line_variances(line: SupplierBillLine, limits: dict[str, Decimal]) -> tuple[list[dict], Decimal | None]:
    """What the billed line differs in from its PO line beyond tolerance, and the PO's price at the weight
    received (the expected amount; None when it cannot be computed)."""
    order_line = line.purchase_order_line
    if order_line is None:
        return [{"kind": "not_on_order", "billed": str(line.line_total)}], None
    found = []
    price_tol = limits["bill_price_tolerance_pct"]
    weight_tol = limits["bill_weight_tolerance_pct"]
    boxes_tol = limits["bill_boxes_tolerance"]
    ordered_price, billed_price = to_decimal(order_line.unit_price), to_decimal(line.unit_price)
    if order_line.price_unit != line.price_unit:
        found.append({"kind": "price_unit", "ordered": order_line.price_unit, "billed": line.price_unit})
    elif _beyond(billed_price - ordered_price, ordered_price, price_tol):
        found.append(
            {
                "kind": "price",
                "ordered": str(ordered_price),
                "billed": str(billed_price),
                "difference": str(billed_price - ordered_price),
                "percent": str(_percent(billed_price - ordered_price, ordered_price)),
                "tolerance": str(price_tol),
            }
        )
    received = order_line.actual_weight_lb
    by_weight = order_line.price_unit in WEIGHT_PRICED_UNITS or line.price_unit in WEIGHT_PRICED_UNITS
    if received is None:
        if by_weight:
            found.append({"kind": "not_received", "billed": str(line.weight_lb)})
    elif line.weight_lb is not None:
        received, billed = to_decimal(received), to_decimal(line.weight_lb)
        if _beyond(billed - received, received, weight_tol):
            found.append(
                {
                    "kind": "weight",
                    "received": str(received),
                    "billed": str(billed),
                    "difference": str(billed - received),
                    "percent": str(_percent(billed - received, received)),
                    "tolerance": str(weight_tol),
                }
            )
    if order_line.boxes is not None and line.boxes is not None:
        difference = line.boxes - order_line.boxes
        if abs(difference) > boxes_tol:
            found.append(
                {
                    "kind": "boxes",
                    "ordered": str(order_line.boxes),
                    "billed": str(line.boxes),
                    "difference": str(difference),
                    "tolerance": str(boxes_tol),
                }
            )
    try:
        expected = line_total(
            order_line.price_unit,
            order_line.unit_price,
            weight_lb=order_line.actual_weight_lb,
            boxes=order_line.boxes,
            pieces=order_line.boxes,
        )
    except ValueError:
        expected = None
    return found, expected


def match_bill(bill: SupplierBill) -> int:
    """Run the three-way match on every line (stored per line: `variances`, `expected_total`); returns the number
    of lines with a variance and sets the bill's `has_variances` / `matched_at` (saved by the caller)."""
    limits = tolerances(bill.tenant)
    flagged = 0
    for line in bill.lines.select_related("purchase_order_line"):
        found, expected = line_variances(line, limits)
        line.variances = found
        line.expected_total = expected
        line.save(update_fields=["variances", "expected_total", "updated_at"])
        flagged += bool(found)
    bill.has_variances = flagged > 0
    bill.matched_at = timezone.now()
    return flagged


# --- Actions ---------------------------------------------------------------------------------------------------


@transaction.atomic
def submit_bill(bill, *, by, role: str | None = None):
    """draft -> held (a variance beyond tolerance) or approved (none): the bill's match decides (the three-way
    match for a supplier bill, the rate confirmation for a freight bill)."""
    bill = _lock(bill)
    workflow = workflow_for(bill)
    role = resolve_role(tenant=bill.tenant_id, by=by, role=role)
    action = workflow.action("submit")
    workflow.ensure_allowed(bill, action, role=role)
    action.guard(bill)
    if isinstance(bill, FreightBill):
        flagged = match_freight_bill(bill)
        bill.save(update_fields=["has_variances", "variances", "expected_total", "matched_at", "updated_at"])
        within = "Freight bill matches the rate confirmation within tolerance."
    else:
        flagged = match_bill(bill)
        bill.save(update_fields=["has_variances", "matched_at", "updated_at"])
        within = "Three-way match within tolerance."
    if flagged:
        return workflow.perform(bill, "submit", by=by, role=role, changes={"lines_with_variances": flagged})
    previous = bill.status
    bill.status = S.APPROVED
    bill.approved_at = timezone.now()
    bill.save(update_fields=["status", "approved_at", "updated_at"])
    record_event(bill, "approved", by=by, from_status=previous, to_status=bill.status, reason=within)
    announce(bill, "approved", by=by)
    return bill


@transaction.atomic
def approve_bill(bill, *, by, role: str | None = None, reason: str = ""):
    """held -> approved by a manager, with the reason the variances are accepted."""
    bill = _lock(bill)
    bill = workflow_for(bill).perform(
        bill,
        "approve",
        by=by,
        role=role,
        reason=reason,
        updates={"approved_at": timezone.now(), "approval_reason": (reason or "").strip()},
    )
    announce(bill, "approved", by=by)
    return bill


@transaction.atomic
def reopen_bill(bill, *, by, role: str | None = None):
    bill = _lock(bill)
    return workflow_for(bill).perform(bill, "reopen", by=by, role=role, updates={"matched_at": None})


@transaction.atomic
def mark_bill_paid(bill, *, by, role: str | None = None, reason: str = ""):
    """approved / partially paid -> paid, the rest outside the app (the reason is the payment reference)."""
    bill = _lock(bill)
    bill = workflow_for(bill).perform(
        bill,
        "mark-paid",
        by=by,
        role=role,
        reason=reason,
        updates={"amount_paid": bill.total, "balance_due": Decimal("0.00"), "paid_at": timezone.now()},
        changes={"amount": str(bill.balance_due)},
    )
    announce(bill, "marked_paid", by=by)
    return bill


@transaction.atomic
def void_bill(bill, *, by, role: str | None = None, reason: str = ""):
    bill = _lock(bill)
    bill = workflow_for(bill).perform(
        bill,
        "void",
        by=by,
        role=role,
        reason=reason,
        updates={"voided_at": timezone.now(), "void_reason": (reason or "").strip(), "balance_due": Decimal("0.00")},
    )
    announce(bill, "voided", by=by)
    return bill


# --- Costs posted against a load (for the load settlement) -----------------------------------------------------


def _cost(kind: str, bill) -> dict:
    return {
        "kind": kind,
        "currency": bill.currency,
        "amount": bill.total,
        "document": bill.number,
        "final": bill.status in FINAL_STATUSES,
    }


def posted_costs_for_load(load) -> list[dict]:
    """What the broker has been billed for a load: the supplier bills of its purchase orders (`kind: "product"`)
    and the carrier's freight bills for it (`kind: "freight"`), each `{kind, currency, amount, document, final}`;
    `final` is true once the bill is approved (or paid); drafts and held bills are there with `final: false`.
    Void bills are left out (they cost nothing). Ordered by kind, then number."""
    bills = (
        SupplierBill.objects.filter(tenant_id=load.tenant_id, purchase_order__load_orders__load_id=load.pk)
        .exclude(status=S.VOID)
        .distinct()
        .order_by("number")
    )
    freight = FreightBill.objects.filter(tenant_id=load.tenant_id, load_id=load.pk).exclude(status=S.VOID)
    return [_cost("product", bill) for bill in bills] + [_cost("freight", bill) for bill in freight.order_by("number")]


def bill_dimensions(tenant_id, number: str) -> dict:
    """A supplier bill's supplier, and its product / protein when its purchase order has one of each (for the
    settlement's reports); {} when there is no such bill."""
    bill = (
        SupplierBill.objects.filter(tenant_id=tenant_id, number=number)
        .select_related("purchase_order")
        .prefetch_related("purchase_order__lines")
        .first()
    )
    if bill is None:
        return {}
    lines = list(bill.purchase_order.lines.all())
    products = {line.product_id for line in lines}
    proteins = {line.protein_id for line in lines}
    dims = {"supplier_id": bill.supplier_id}
    if len(products) == 1 and None not in products:
        dims["product_id"] = products.pop()
    if len(proteins) == 1 and None not in proteins:
        dims["protein_id"] = proteins.pop()
    return dims


def unbilled_purchase_orders(purchase_orders) -> list:
    """The purchase orders (lines prefetched) with a line that is on no supplier bill (void bills do not count)."""
    line_ids = {line.pk: order for order in purchase_orders for line in order.lines.all()}
    billed = set(
        SupplierBillLine.objects.filter(purchase_order_line_id__in=list(line_ids))
        .exclude(bill__status=S.VOID)
        .values_list("purchase_order_line_id", flat=True)
    )
    result = []
    for order in purchase_orders:
        if any(line.pk not in billed for line in order.lines.all()) and order not in result:
            result.append(order)
    return result


# --- Debit memos (chargebacks to a supplier or a carrier) -------------------------------------------------------

DEBIT_MEMO_FIELDS = frozenset({"memo_date"})


@transaction.atomic
def create_debit_memo(
    *,
    tenant,
    by,
    supplier=None,
    carrier=None,
    amount,
    currency,
    reason,
    source: str = "",
    **fields,
) -> DebitMemo:
    """A chargeback against exactly one payee (a supplier or a carrier): it reduces what the broker owes that
    payee in `currency` until a payment out applies it. 400 naming the field: no payee or both, an amount of 0
    or less, an unknown currency, no reason. Callers: the API (managers), the claims workflow."""
    check_fields(fields, DEBIT_MEMO_FIELDS, "debit memo")
    check_same_tenant(tenant, supplier, carrier)
    fields = typed(DebitMemo, fields)
    errors = {}
    if (supplier is None) == (carrier is None):
        message = "A debit memo is against one payee: a supplier or a carrier."
        errors["supplier" if supplier is None else "carrier"] = [message]
    try:
        amount = round_money(to_decimal(amount))
    except (InvalidOperation, ValueError, TypeError):
        errors["amount"] = ["A number, e.g. 125.00."]
    else:
        if amount <= 0:
            errors["amount"] = ["More than 0 (it is what the payee owes back)."]
    if currency not in Currency.values:
        errors["currency"] = [f"One of {', '.join(Currency.values)}."]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = ["Say why the payee is charged back."]
    if errors:
        raise ValidationError(errors)
    memo = DebitMemo(
        tenant=tenant,
        created_by=author(by),
        supplier=supplier,
        carrier=carrier,
        amount=amount,
        amount_applied=Decimal("0.00"),
        balance=amount,
        currency=currency,
        reason=reason,
        source=(source or "").strip(),
        **fields,
    )
    memo.number = next_number(tenant, "DM", on=memo.memo_date)
    memo.save()
    announce(memo, "issued", by=by)
    payee = supplier or carrier
    record_event(memo, "created", by=by, to_status=memo.status, reason=f"against {payee}: {reason}")
    return memo


@transaction.atomic
def void_debit_memo(memo: DebitMemo, *, by, role: str | None = None, reason: str = "") -> DebitMemo:
    memo = DebitMemo.objects.select_for_update().get(pk=memo.pk)
    memo = DEBIT_MEMO_WORKFLOW.perform(
        memo,
        "void",
        by=by,
        role=role,
        reason=reason,
        updates={"voided_at": timezone.now(), "void_reason": (reason or "").strip(), "balance": Decimal("0.00")},
    )
    announce(memo, "voided", by=by)
    return memo


# --- Carrier freight bills (matched against the rate confirmation) ----------------------------------------------

FREIGHT_DEFAULT_TOLERANCES = {
    "freight_tolerance_pct": Decimal("0"),
    "freight_tolerance_amount": Decimal("0.00"),
}
CHARGE_KEYS = frozenset({"id", "charge_type", "description", "amount"})


def freight_tolerances(tenant) -> dict[str, Decimal]:
    """The tenant's freight bill tolerances: per charge type, a difference is a variance when it is beyond both
    `freight_tolerance_amount` (money) and `freight_tolerance_pct` of the agreed amount."""
    return _setting_decimals(tenant, FREIGHT_DEFAULT_TOLERANCES)


def rate_confirmation(load) -> dict[str, Decimal]:
    """What the broker agreed to pay the carrier for the load, per freight charge type: the line haul rate and
    the load's accessorials by type (apps.loads AccessorialType values are freight charge types)."""
    agreed = {FreightChargeType.LINEHAUL.value: round_money(load.linehaul_rate or 0)}
    for accessorial in load.accessorials.all():
        kind = accessorial.charge_type
        agreed[kind] = round_money(agreed.get(kind, Decimal("0")) + accessorial.amount)
    return agreed


def _charges_from_rate_confirmation(load) -> list[dict]:
    charges = [{"charge_type": FreightChargeType.LINEHAUL, "description": "Line haul", "amount": load.linehaul_rate}]
    for accessorial in load.accessorials.all():
        charges.append(
            {
                "charge_type": accessorial.charge_type,
                "description": accessorial.description or accessorial.get_charge_type_display(),
                "amount": accessorial.amount,
            }
        )
    return charges


def _check_charges(charges: list[dict]) -> list[dict]:
    errors = {}
    for index, charge in enumerate(charges):
        unknown = sorted(set(charge) - CHARGE_KEYS)
        problems = {name: ["Not a field of a freight charge."] for name in unknown}
        if charge.get("charge_type") not in FreightChargeType.values:
            problems["charge_type"] = [f"One of {', '.join(FreightChargeType.values)}."]
        try:
            amount = round_money(to_decimal(charge.get("amount")))
        except (InvalidOperation, ValueError, TypeError):
            problems["amount"] = ["A number, e.g. 2450.00."]
        else:
            if amount < 0:
                problems["amount"] = ["0 or more."]
        if problems:
            errors[str(index)] = problems
    if errors:
        raise ValidationError({"charges": errors})
    return charges


def _write_charges(bill: FreightBill, charges: list[dict]) -> None:
    """The bill's charges become `charges`: ids update their charge, new ones are added, missing ones removed."""
    existing = {charge.pk: charge for charge in bill.charges.all()}
    keep = set()
    for number, values in enumerate(charges, start=1):
        charge_id = values.get("id")
        charge = existing.get(charge_id) if charge_id is not None else None
        if charge_id is not None and charge is None:
            raise ValidationError({"charges": {str(number - 1): {"id": [f"Not a charge of bill {bill.number}."]}}})
        if charge is None:
            charge = FreightBillCharge(tenant_id=bill.tenant_id, bill=bill)
        charge.line_number = number
        charge.charge_type = values["charge_type"]
        charge.description = values.get("description") or ""
        charge.amount = round_money(to_decimal(values["amount"]))
        charge.save()
        keep.add(charge.pk)
    bill.charges.exclude(pk__in=keep).delete()
    bill.total = sum_money(charge.amount for charge in bill.charges.all())
    bill.balance_due = Decimal("0.00") if bill.status == S.VOID else round_money(bill.total - bill.amount_paid)


@transaction.atomic
def create_freight_bill(*, tenant, by, load, charges: list[dict] | None = None, **fields) -> FreightBill:
    """A carrier's freight bill for `load` (its carrier and currency; due = bill date + the carrier's terms).
    No `charges`: billed as agreed (the load's line haul and accessorials)."""
    check_fields(fields, FREIGHT_BILL_FIELDS - {"load"}, "freight bill")
    check_same_tenant(tenant, load)
    fields = typed(FreightBill, fields)
    carrier = load.carrier
    bill = FreightBill(
        tenant=tenant,
        created_by=author(by),
        load=load,
        carrier=carrier,
        currency=load.currency,
        payment_terms_days=carrier.payment_terms_days or 0,
        **fields,
    )
    bill.carrier_invoice_number = _check_invoice_number(tenant, carrier, bill.carrier_invoice_number, model=FreightBill)
    if not bill.due_date:
        bill.due_date = due_date_for(bill.bill_date, bill.payment_terms_days)
    _check_dates(bill.bill_date, bill.due_date)
    charges = _check_charges(list(charges)) if charges is not None else _charges_from_rate_confirmation(load)
    bill.number = next_number(tenant, "FB", on=bill.bill_date)
    bill.save()
    _write_charges(bill, charges)
    bill.expected_total = sum_money(rate_confirmation(load).values())
    bill.save()
    record_event(bill, "created", by=by, to_status=bill.status, reason=f"for load {load.number}")
    return bill


@transaction.atomic
def update_freight_bill(bill: FreightBill, *, by, role: str | None = None, charges=None, **fields) -> FreightBill:
    """Drafts change freely (the load stays); a submitted bill takes notes only."""
    bill = _lock(bill)
    check_fields(fields, FREIGHT_BILL_FIELDS, "freight bill")
    if "load" in fields and fields["load"].pk != bill.load_id:
        raise ValidationError({"load": ["A freight bill stays on its load; void it and bill the other load."]})
    fields.pop("load", None)
    fields = typed(FreightBill, fields)
    changing = set(changed_fields(bill, fields)) | ({"charges"} if charges is not None else set())
    FREIGHT_WORKFLOW.check_edit(bill, changing, role=resolve_role(tenant=bill.tenant, by=by, role=role))
    if "carrier_invoice_number" in changing:
        fields["carrier_invoice_number"] = _check_invoice_number(
            bill.tenant, bill.carrier, fields["carrier_invoice_number"], exclude=bill, model=FreightBill
        )
    bill_date = fields.get("bill_date", bill.bill_date)
    if "bill_date" in changing and "due_date" not in fields:
        fields["due_date"] = due_date_for(bill_date, bill.payment_terms_days)
    _check_dates(bill_date, fields.get("due_date", bill.due_date))
    before_total = bill.total
    changes = diff_and_save(bill, fields, by=by, record=False)
    if charges is not None:
        if not charges:
            raise ValidationError({"charges": ["A freight bill needs at least one charge."]})
        _write_charges(bill, _check_charges(list(charges)))
        bill.save()
    if bill.total != before_total:
        changes["total"] = {"old": str(before_total), "new": str(bill.total)}
    if changes:
        record_event(bill, "updated", by=by, changes=changes)
    return bill


@transaction.atomic
def delete_freight_bill(bill: FreightBill, *, by) -> None:
    bill = _lock(bill)
    if bill.status != S.DRAFT:
        raise Conflict(
            f"Freight bill {bill.number} has been submitted and is kept for the record; void it instead.",
            current_status=bill.status,
        )
    bill.delete()


def match_freight_bill(bill: FreightBill) -> int:
    """Compare the billed charges, per charge type, with the rate confirmation less what the carrier's other
    (not void) freight bills for the load already billed; store the variances beyond tolerance on the bill and
    return how many charge types differ. A charge type the rate confirmation does not have (TONU, reefer fuel,
    or detention nobody agreed) is expected at 0."""
    limits = freight_tolerances(bill.tenant)
    agreed = rate_confirmation(bill.load)
    others = FreightBillCharge.objects.filter(bill__load_id=bill.load_id).exclude(bill_id=bill.pk)
    for charge_type, amount in others.exclude(bill__status=S.VOID).values_list("charge_type", "amount"):
        agreed[charge_type] = agreed.get(charge_type, Decimal("0")) - amount
    billed: dict[str, Decimal] = {}
    for charge in bill.charges.all():
        billed[charge.charge_type] = billed.get(charge.charge_type, Decimal("0")) + charge.amount
    found = []
    for charge_type in FreightChargeType.values:
        expected = round_money(max(agreed.get(charge_type, Decimal("0")), Decimal("0")))
        amount = round_money(billed.get(charge_type, Decimal("0")))
        difference = amount - expected
        tolerance = max(limits["freight_tolerance_amount"], expected * limits["freight_tolerance_pct"] / 100)
        tolerance = round_money(tolerance)
        if abs(difference) > tolerance:
            found.append(
                {
                    "charge_type": charge_type,
                    "agreed": str(expected),
                    "billed": str(amount),
                    "difference": str(difference),
                    "tolerance": str(tolerance),
                }
            )
    bill.variances = found
    bill.expected_total = sum_money(max(value, Decimal("0")) for value in agreed.values())
    bill.has_variances = bool(found)
    bill.matched_at = timezone.now()
    return len(found)


# --- Payments out ----------------------------------------------------------------------------------------------

APPLICATION_DOCUMENTS = ("supplier_bill", "freight_bill", "debit_memo")
PAYMENT_OUT_FIELDS = frozenset({"payment_date", "reference", "notes"})


def _payee_of(document):
    if isinstance(document, SupplierBill):
        return ("supplier", document.supplier_id)
    if isinstance(document, FreightBill):
        return ("carrier", document.carrier_id)
    return (document.payee_kind, document.supplier_id or document.carrier_id)


def _settle_paid(bill, amount: Decimal, *, by, payment) -> None:
    """Add `amount` (negative: take it back) to a bill's paid amount; its status follows (approved, partially
    paid, paid), with a timeline event naming the payment out."""
    previous = bill.status
    bill.amount_paid = round_money(bill.amount_paid + amount)
    bill.balance_due = round_money(bill.total - bill.amount_paid)
    if bill.balance_due == 0:
        bill.status = S.PAID
        bill.paid_at = timezone.now()
    elif bill.amount_paid > 0:
        bill.status = S.PARTIALLY_PAID
        bill.paid_at = None
    else:
        bill.status = S.APPROVED
        bill.paid_at = None
    bill.save(update_fields=["amount_paid", "balance_due", "status", "paid_at", "updated_at"])
    record_event(
        bill,
        "paid" if amount > 0 else "payment voided",
        by=by,
        from_status=previous if previous != bill.status else "",
        to_status=bill.status if previous != bill.status else "",
        reason=f"payment out {payment.number}",
        changes={"amount": str(amount), "balance_due": str(bill.balance_due)},
    )


def _settle_memo(memo: DebitMemo, amount: Decimal, *, by, payment) -> None:
    memo.amount_applied = round_money(memo.amount_applied + amount)
    memo.balance = round_money(memo.amount - memo.amount_applied)
    previous = memo.status
    memo.status = D.APPLIED if memo.balance == 0 else D.OPEN
    memo.save(update_fields=["amount_applied", "balance", "status", "updated_at"])
    record_event(
        memo,
        "applied" if amount > 0 else "unapplied",
        by=by,
        from_status=previous if previous != memo.status else "",
        to_status=memo.status if previous != memo.status else "",
        reason=f"payment out {payment.number}",
        changes={"amount": str(amount), "balance": str(memo.balance)},
    )


@transaction.atomic
def create_payment_out(
    *,
    tenant,
    by,
    method: str,
    currency: str,
    supplier=None,
    carrier=None,
    applications: list[dict],
    **fields,
) -> PaymentOut:
    """A payment batch to one payee by check, ACH or wire: `applications` [{supplier_bill | freight_bill |
    debit_memo, amount}] across that payee's approved bills (partial amounts allowed) and its open debit memos
    (credits). The money sent = bills applied - credits (never below 0). 400 naming the application and the
    document: another payee's document, a bill not payable (draft, held, paid, void), another currency, more
    than the open balance, a document twice. Nothing is written unless everything holds."""
    check_fields(fields, PAYMENT_OUT_FIELDS, "payment out")
    applications = list(applications or [])
    check_same_tenant(tenant, supplier, carrier, applications)
    fields = typed(PaymentOut, fields)
    errors: dict = {}
    if (supplier is None) == (carrier is None):
        message = "A payment out goes to one payee: a supplier or a carrier."
        errors["supplier" if supplier is None else "carrier"] = [message]
    if method not in PaymentMethod.values:
        errors["method"] = [f"One of {', '.join(PaymentMethod.values)}."]
    if currency not in Currency.values:
        errors["currency"] = [f"One of {', '.join(Currency.values)}."]
    if not applications:
        errors["applications"] = ["Apply the payment to at least one bill."]
    if errors:
        raise ValidationError(errors)
    payee = ("supplier", supplier.pk) if supplier is not None else ("carrier", carrier.pk)
    problems: dict[str, dict] = {}
    resolved, seen = [], set()
    for index, application in enumerate(applications):
        given = [name for name in APPLICATION_DOCUMENTS if application.get(name) is not None]
        unknown = sorted(set(application) - set(APPLICATION_DOCUMENTS) - {"amount"})
        if unknown:
            problems[str(index)] = {name: ["Not a field of a payment application."] for name in unknown}
            continue
        if len(given) != 1:
            problems[str(index)] = {"supplier_bill": ["One of supplier_bill, freight_bill or debit_memo."]}
            continue
        name = given[0]
        model = {"supplier_bill": SupplierBill, "freight_bill": FreightBill, "debit_memo": DebitMemo}[name]
        document = model.objects.select_for_update().get(pk=application[name].pk)
        try:
            amount = round_money(to_decimal(application.get("amount")))
        except (InvalidOperation, ValueError, TypeError):
            problems[str(index)] = {"amount": ["A number, e.g. 1500.00."]}
            continue
        open_amount = document.balance if isinstance(document, DebitMemo) else document.balance_due
        message = None
        if (name, document.pk) in seen:
            message = f"{document.number} is applied twice; one application per document."
        elif _payee_of(document) != payee:
            message = f"{document.number} is not owed to this payee."
        elif document.currency != currency:
            message = (
                f"{document.number} is in {document.currency}, the payment in {currency}; currencies are never mixed."
            )
        elif isinstance(document, DebitMemo) and document.status != D.OPEN:
            message = f"Debit memo {document.number} is {document.get_status_display().lower()}."
        elif not isinstance(document, DebitMemo) and document.status not in PAYABLE_STATUSES:
            message = f"{document.number} is {document.get_status_display().lower()}; only approved bills are paid."
        if message:
            problems[str(index)] = {name: [message]}
            continue
        if amount <= 0:
            problems[str(index)] = {"amount": ["More than 0."]}
        elif amount > open_amount:
            problems[str(index)] = {"amount": [f"{document.number} has {open_amount} open; {amount} is more."]}
        seen.add((name, document.pk))
        resolved.append((name, document, amount))
    if problems:
        raise ValidationError({"applications": problems})
    bills_applied = sum_money(amount for name, _, amount in resolved if name != "debit_memo")
    credits_applied = sum_money(amount for name, _, amount in resolved if name == "debit_memo")
    if credits_applied > bills_applied:
        raise ValidationError(
            {"applications": [f"Credits ({credits_applied}) are more than the bills paid ({bills_applied})."]}
        )
    payment = PaymentOut(
        tenant=tenant,
        created_by=author(by),
        method=method,
        currency=currency,
        supplier=supplier,
        carrier=carrier,
        bills_applied=bills_applied,
        credits_applied=credits_applied,
        amount=round_money(bills_applied - credits_applied),
        **fields,
    )
    payment.reference = (payment.reference or "").strip()
    payment.number = next_number(tenant, "VPAY", on=payment.payment_date)
    payment.save()
    for name, document, amount in resolved:
        PaymentOutApplication.objects.create(tenant=tenant, payment=payment, amount=amount, **{name: document})
        if name == "debit_memo":
            _settle_memo(document, amount, by=by, payment=payment)
        else:
            _settle_paid(document, amount, by=by, payment=payment)
    record_event(
        payment,
        "created",
        by=by,
        to_status=payment.status,
        reason=f"{payment.get_method_display()} {payment.reference}".strip(),
        changes={"amount": str(payment.amount), "documents": len(resolved)},
    )
    announce(payment, "posted", by=by)
    return payment


@transaction.atomic
def void_payment_out(payment: PaymentOut, *, by, role: str | None = None, reason: str = "") -> PaymentOut:
    """Void a payment out (manager, with a reason): every application is reversed — the bills owe the amounts
    again (their status follows), the debit memos are open again. The applications stay for the record."""
    payment = PaymentOut.objects.select_for_update().get(pk=payment.pk)
    payment = PAYMENT_OUT_WORKFLOW.perform(
        payment,
        "void",
        by=by,
        role=role,
        reason=reason,
        updates={"voided_at": timezone.now(), "void_reason": (reason or "").strip()},
    )
    for application in payment.applications.all():
        document = type(application.document).objects.select_for_update().get(pk=application.document.pk)
        if isinstance(document, DebitMemo):
            _settle_memo(document, -application.amount, by=by, payment=payment)
        else:
            _settle_paid(document, -application.amount, by=by, payment=payment)
    announce(payment, "voided", by=by)
    return payment
