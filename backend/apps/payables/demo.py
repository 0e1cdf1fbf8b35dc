"""Payables for the demo brokerage: a few packer bills billed at catch weight (two matched and approved, one held
for a price variance), a carrier's freight bill with detention above the rate confirmation (held), a debit memo
for a shortage, and a check paying one bill in full and another in part. Through the payables services, so the
numbers, matches and timelines are the real ones. Seeded once (the packers' invoice numbers start DEMO-PKR-)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.core.exceptions import Conflict

from . import services
from .models import SupplierBill

MARK = "DEMO-PKR-"
BILLABLE = ("received", "closed")


def seed(tenant, users) -> None:
    from apps.loads.models import Load
    from apps.purchase_orders.models import PurchaseOrder

    if SupplierBill.objects.filter(tenant=tenant, supplier_invoice_number__startswith=MARK).exists():
        return
    by, manager = users.get("user"), users.get("manager")
    today = timezone.localdate()
    orders = [
        order
        for order in PurchaseOrder.objects.filter(tenant=tenant, status__in=BILLABLE)
        .exclude(supplier_bills__isnull=False)
        .select_related("supplier")
        .order_by("-order_date", "-id")[:20]
        if all(line.actual_weight_lb is not None for line in order.lines.all())
    ][:3]
    bills = []
    for index, order in enumerate(orders):
        bill_date = today - datetime.timedelta(days=20 - 6 * index)
        lines = None
        if index == 2:  # the packer billed 3 % over the agreed price: held for a manager
            lines = [
                {
                    "purchase_order_line": line,
                    "unit_price": (line.unit_price * Decimal("1.03")).quantize(Decimal("0.0001")),
                }
                for line in order.lines.all()
            ]
        try:
            bill = services.create_bill(
                tenant=tenant,
                by=by,
                purchase_order=order,
                supplier_invoice_number=f"{MARK}{41207 + index}",
                bill_date=bill_date,
                lines=lines,
            )
            bills.append(services.submit_bill(bill, by=by))
        except Conflict:
            continue
    approved = [bill for bill in bills if bill.status == "approved"]
    if approved and manager is not None:
        first = approved[0]
        services.create_debit_memo(
            tenant=tenant,
            by=manager,
            supplier=first.supplier,
            amount=Decimal("186.50"),
            currency=first.currency,
            reason="Shortage: 2 boxes short against the packer's manifest at receiving.",
            source=first.number,
        )
        same_payee = [
            bill for bill in approved if bill.supplier_id == first.supplier_id and bill.currency == first.currency
        ]
        applications = [{"supplier_bill": first, "amount": first.balance_due}]
        for other in same_payee[1:]:
            applications.append({"supplier_bill": other, "amount": (other.balance_due / 2).quantize(Decimal("0.01"))})
        services.create_payment_out(
            tenant=tenant,
            by=manager,
            method="check",
            supplier=first.supplier,
            currency=first.currency,
            payment_date=today - datetime.timedelta(days=2),
            reference="CHK 30118",
            applications=applications,
        )
    load = (
        Load.objects.filter(tenant=tenant, status__in=("picked_up", "delivered"))
        .exclude(freight_bills__isnull=False)
        .order_by("-id")
        .first()
    )
    if load is not None:
        charges = [{"charge_type": "linehaul", "amount": load.linehaul_rate, "description": "Line haul"}]
        charges += [
            {
                "charge_type": accessorial.charge_type,
                "amount": accessorial.amount,
                "description": accessorial.description,
            }
            for accessorial in load.accessorials.all()
        ]
        charges.append({"charge_type": "detention", "amount": Decimal("225.00"), "description": "3 h at the receiver"})
        bill = services.create_freight_bill(
            tenant=tenant,
            by=by,
            load=load,
            carrier_invoice_number=f"{MARK}PRO-77120",
            bill_date=today - datetime.timedelta(days=3),
            charges=charges,
        )
        services.submit_bill(bill, by=by)
