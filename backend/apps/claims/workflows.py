"""The claim lifecycle, declared once (apps.core.workflow): open -> under review -> approved / rejected. A manager
decides, with a reason; approving credits the customer (a credit memo on the invoice) and charges the responsible
supplier or carrier back (a debit memo on their payable)."""

from apps.core.workflow import Action, EditRule, Workflow, register
from apps.tenants.models import Role

from .models import ClaimStatus as S

SERVICES = "apps.claims.services"

CLAIM_FIELDS = frozenset(
    {
        "kind",
        "invoice",
        "claim_date",
        "description",
        "amount",
        "responsible_supplier",
        "responsible_carrier",
        "chargeback_amount",
        "notes",
    }
)
LINE_FIELDS = frozenset(f"lines.{name}" for name in ("invoice_line", "description", "boxes", "weight_lb", "amount"))

WORKFLOW = register(
    Workflow(
        model="claims.Claim",
        title="Claim",
        endpoint="/api/v1/claims/",
        states=S,
        initial=S.OPEN,
        actions=(
            Action(
                "review",
                "Start review",
                verb="under_review",
                source=(S.OPEN,),
                target=S.UNDER_REVIEW,
                service=f"{SERVICES}.start_review",
                notes="someone looks into it (photos, temperature log, the packer's and carrier's side)",
            ),
            Action(
                "approve",
                "Approve",
                source=(S.UNDER_REVIEW,),
                target=S.APPROVED,
                role=Role.MANAGER,
                requires_reason=True,
                service=f"{SERVICES}.approve_claim",
                body="apps.claims.serializers.ApproveClaimSerializer",
                notes="a manager, with a reason: a credit memo to the customer for `approved_amount` (default the "
                "claimed amount; at most the invoice's balance, 409) and, when a supplier or carrier is responsible, "
                "a debit memo on their payable for `chargeback_amount` (default the approved amount)",
            ),
            Action(
                "reject",
                "Reject",
                source=(S.OPEN, S.UNDER_REVIEW),
                target=S.REJECTED,
                role=Role.MANAGER,
                requires_reason=True,
                destructive=True,
                service=f"{SERVICES}.reject_claim",
                body="apps.claims.serializers.ReasonSerializer",
                notes="a manager, with a reason; nothing is credited",
            ),
        ),
        edits=(
            EditRule(states=(S.OPEN,), fields=CLAIM_FIELDS | LINE_FIELDS | {"lines"}),
            EditRule(
                states=(S.UNDER_REVIEW,),
                fields=(CLAIM_FIELDS - {"invoice", "kind"}) | LINE_FIELDS | {"lines"},
                message="A claim under review stays on its invoice and kind.",
            ),
            EditRule(
                states=(S.APPROVED, S.REJECTED),
                fields=frozenset({"notes"}),
                message="A decided claim keeps its figures (notes only).",
            ),
        ),
    )
)
