"""Demo claims: an open shortage claim (under review, the packer responsible) on a recent invoice of a delivered
load, so the claims list, the dashboard's open claims and the load's settlement (held by it) show one."""

from decimal import Decimal

from apps.core.money import round_money

from . import services
from .models import Claim

MARK = "Demo: receiver counted two boxes short"


def seed(tenant, users) -> None:
    from apps.invoices.models import RECEIVABLE_STATUSES, Invoice

    if Claim.objects.filter(tenant=tenant, description=MARK).exists():
        return
    invoice = (
        Invoice.objects.filter(
            tenant=tenant, status__in=RECEIVABLE_STATUSES, sales_order__load__isnull=False, balance_due__gt=500
        )
        .select_related("sales_order__load")
        .prefetch_related("lines")
        .order_by("-invoice_date", "-id")
        .first()
    )
    if invoice is None:
        return
    line = invoice.lines.first()
    supplier = None
    stop = invoice.sales_order.load.load_orders.select_related("purchase_order").first()
    if stop is not None:
        supplier = stop.purchase_order.supplier
    amount = round_money(min(Decimal("250.00"), invoice.balance_due / 10))
    claim = services.create_claim(
        tenant=tenant,
        by=users.get("user"),
        invoice=invoice,
        kind="shortage",
        description=MARK,
        responsible_supplier=supplier,
        lines=[{"invoice_line": line, "boxes": 2, "amount": amount}] if line is not None else None,
        **({} if line is not None else {"amount": amount}),
    )
    services.start_review(claim, by=users.get("user"), role="user")
