"""The supplier bill lifecycle, declared once; see apps.core.workflow. Submitting runs the three-way match
(services.match_bill): a bill within the tenant's tolerance is approved at once, one with variances is held for a
manager, who approves it with a reason."""

from apps.core.exceptions import Conflict
from apps.core.workflow import Action, EditRule, SystemTransition, Workflow, register
from apps.tenants.models import Role

from .models import DebitMemoStatus as D
from .models import PaymentOutStatus as P
from .models import SupplierBillStatus as S

SERVICES = "apps.payables.services"

BILL_FIELDS = frozenset({"purchase_order", "supplier_invoice_number", "bill_date", "due_date", "notes"})
LINE_FIELDS = frozenset(
    f"lines.{name}"
    for name in ("purchase_order_line", "product", "description", "boxes", "weight_lb", "unit_price", "price_unit")
)


def _has_lines(bill) -> None:
    lines = bill.charges if hasattr(bill, "charges") else bill.lines
    if not lines.exists():
        raise Conflict(f"Bill {bill.number} has no lines; add what was billed before submitting it.")


def _nothing_paid(bill) -> None:
    if bill.amount_paid > 0:
        raise Conflict(
            f"Bill {bill.number} has {bill.amount_paid} paid; it cannot be voided (void the payment out first).",
            amount_paid=str(bill.amount_paid),
        )


def bill_workflow(*, model: str, title: str, endpoint: str, match: str, edit_fields: frozenset) -> Workflow:
    """The one lifecycle of a bill the broker owes (supplier bill, carrier freight bill): submit runs its match,
    a variance beyond tolerance holds it for a manager, approved is payable, payments out settle it."""
    return Workflow(
        model=model,
        title=title,
        endpoint=endpoint,
        states=S,
        initial=S.DRAFT,
        actions=(
            Action(
                "submit",
                "Submit for matching",
                verb="held",
                source=(S.DRAFT,),
                target=S.HELD,
                guard=_has_lines,
                service=f"{SERVICES}.submit_bill",
                notes=f"runs the {match}; a variance beyond the tenant's tolerance holds the bill, none approves it "
                "at once (system transition); needs lines (409)",
            ),
            Action(
                "approve",
                "Approve",
                source=(S.HELD,),
                target=S.APPROVED,
                role=Role.MANAGER,
                requires_reason=True,
                service=f"{SERVICES}.approve_bill",
                body="apps.payables.serializers.ReasonSerializer",
                notes="a manager accepts the variances, with a reason (on the timeline and the bill); it is payable",
            ),
            Action(
                "reopen",
                "Back to draft",
                verb="reopened",
                source=(S.HELD,),
                target=S.DRAFT,
                service=f"{SERVICES}.reopen_bill",
                notes="to correct the lines (a corrected invoice), then submit again",
            ),
            Action(
                "mark-paid",
                "Mark paid",
                source=(S.APPROVED, S.PARTIALLY_PAID),
                target=S.PAID,
                role=Role.MANAGER,
                requires_reason=True,
                service=f"{SERVICES}.mark_bill_paid",
                body="apps.payables.serializers.ReasonSerializer",
                notes="the rest paid outside the app; the reason is the payment reference (check number, ACH trace)",
            ),
            Action(
                "void",
                "Void",
                source=(S.DRAFT, S.HELD, S.APPROVED),
                target=S.VOID,
                role=Role.MANAGER,
                requires_reason=True,
                destructive=True,
                guard=_nothing_paid,
                service=f"{SERVICES}.void_bill",
                body="apps.payables.serializers.ReasonSerializer",
                notes="only while nothing is paid (409); what it billed may be billed again",
            ),
        ),
        system=(
            SystemTransition(source=(S.DRAFT,), target=S.APPROVED, trigger="submitted within tolerance"),
            SystemTransition(
                source=(S.APPROVED, S.PAID), target=S.PARTIALLY_PAID, trigger="a payment out pays part of it"
            ),
            SystemTransition(
                source=(S.APPROVED, S.PARTIALLY_PAID), target=S.PAID, trigger="payments out pay all of it"
            ),
            SystemTransition(
                source=(S.PARTIALLY_PAID, S.PAID), target=S.APPROVED, trigger="its payments out are voided"
            ),
        ),
        edits=(
            EditRule(states=(S.DRAFT,), fields=edit_fields),
            EditRule(
                states=(S.HELD, S.APPROVED, S.PARTIALLY_PAID, S.PAID, S.VOID),
                fields=frozenset({"notes"}),
                message="A submitted bill keeps its figures (notes only); send a held bill back to draft to fix them.",
            ),
        ),
    )


WORKFLOW = register(
    bill_workflow(
        model="payables.SupplierBill",
        title="Supplier bill",
        endpoint="/api/v1/supplier-bills/",
        match="three-way match (PO price x weight received x billed line)",
        edit_fields=(BILL_FIELDS - {"purchase_order"}) | LINE_FIELDS | {"lines"},
    )
)

FREIGHT_BILL_FIELDS = frozenset({"load", "carrier_invoice_number", "bill_date", "due_date", "notes"})
CHARGE_FIELDS = frozenset(f"charges.{name}" for name in ("charge_type", "description", "amount"))

FREIGHT_WORKFLOW = register(
    bill_workflow(
        model="payables.FreightBill",
        title="Freight bill",
        endpoint="/api/v1/freight-bills/",
        match="match against the rate confirmation (the load's line haul and accessorials, per charge type)",
        edit_fields=(FREIGHT_BILL_FIELDS - {"load"}) | CHARGE_FIELDS | {"charges"},
    )
)


def _nothing_applied(memo) -> None:
    if memo.amount_applied > 0:
        raise Conflict(
            f"Debit memo {memo.number} has {memo.amount_applied} applied to payments out; void those payments first.",
            amount_applied=str(memo.amount_applied),
        )


DEBIT_MEMO_WORKFLOW = register(
    Workflow(
        model="payables.DebitMemo",
        title="Debit memo",
        endpoint="/api/v1/debit-memos/",
        states=D,
        initial=D.OPEN,
        actions=(
            Action(
                "void",
                "Void",
                source=(D.OPEN,),
                target=D.VOID,
                role=Role.MANAGER,
                requires_reason=True,
                destructive=True,
                guard=_nothing_applied,
                service=f"{SERVICES}.void_debit_memo",
                body="apps.payables.serializers.ReasonSerializer",
                notes="only while no payment out has applied it (409); it no longer reduces the payee's AP",
            ),
        ),
        system=(
            SystemTransition(source=(D.OPEN,), target=D.APPLIED, trigger="a payment out applies all of it"),
            SystemTransition(source=(D.APPLIED,), target=D.OPEN, trigger="that payment out is voided"),
        ),
        # No edit rule: a debit memo is not edited (void it and enter another).
    )
)


PAYMENT_OUT_WORKFLOW = register(
    Workflow(
        model="payables.PaymentOut",
        title="Payment out",
        endpoint="/api/v1/payments-out/",
        states=P,
        initial=P.POSTED,
        actions=(
            Action(
                "void",
                "Void",
                source=(P.POSTED,),
                target=P.VOID,
                role=Role.MANAGER,
                requires_reason=True,
                destructive=True,
                service=f"{SERVICES}.void_payment_out",
                body="apps.payables.serializers.ReasonSerializer",
                notes="reverses every application: the bills owe the amounts again (approved / partially paid), "
                "the debit memos are open again",
            ),
        ),
        # No edit rule: a payment out is not edited (void it and enter another).
    )
)
