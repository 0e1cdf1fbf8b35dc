"""Demo settlements: the most recent delivered loads get their settlement opened, and each one whose documents are
all in is settled (by the demo manager), so the load page, the margin reports and the dashboard have figures."""

from .models import LoadSettlement, SettlementStatus
from .services import settlement_for_load
from .statement import missing_documents

LOADS = 12


def seed(tenant, users) -> None:
    from apps.loads.models import Load, LoadStatus

    manager = users.get("manager")
    loads = Load.objects.filter(tenant=tenant, status=LoadStatus.DELIVERED).order_by("-delivery_date", "-id")[:LOADS]
    for load in loads:
        settlement = settlement_for_load(load, by=manager)
        if settlement.status == SettlementStatus.OPEN and not missing_documents(load):
            from .services import settle

            settle(LoadSettlement.objects.get(pk=settlement.pk), by=manager, role="manager")
