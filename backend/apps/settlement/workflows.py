"""The load settlement lifecycle, declared once (apps.core.workflow): an open settlement shows the live statement;
a manager settles it once every document is in (409 listing what is missing otherwise), which freezes the
figures; a manager may reopen a settled load, with a reason, to take a late document in."""

from apps.core.exceptions import Conflict
from apps.core.workflow import Action, EditRule, Workflow, register
from apps.tenants.models import Role

from .models import SettlementStatus as S

SERVICES = "apps.settlement.services"


def _all_documents_in(settlement) -> None:
    from .statement import missing_documents

    missing = missing_documents(settlement.load)
    if missing:
        raise Conflict(
            f"Load {settlement.load.number} cannot be settled yet: " + "; ".join(item["message"] for item in missing),
            missing=missing,
        )


WORKFLOW = register(
    Workflow(
        model="settlement.LoadSettlement",
        title="Load settlement",
        endpoint="/api/v1/load-settlements/",
        states=S,
        initial=S.OPEN,
        actions=(
            Action(
                "settle",
                "Settle",
                source=(S.OPEN,),
                target=S.SETTLED,
                role=Role.MANAGER,
                guard=_all_documents_in,
                service=f"{SERVICES}.settle",
                notes="only when every document is in: the load delivered, every sales order invoiced (issued), "
                "every purchase order billed on approved bills, the freight billed and approved, no claim open; "
                "otherwise 409 with `missing`. Freezes the figures (entries and statement)",
            ),
            Action(
                "reopen",
                "Reopen",
                source=(S.SETTLED,),
                target=S.OPEN,
                role=Role.MANAGER,
                requires_reason=True,
                service=f"{SERVICES}.reopen",
                body="apps.settlement.serializers.ReasonSerializer",
                notes="a late document (a claim, a corrected bill); the frozen figures are dropped and the statement "
                "is live again until the load is settled anew",
            ),
        ),
        edits=(EditRule(states=(S.OPEN, S.SETTLED), fields=frozenset({"notes"})),),
    )
)
