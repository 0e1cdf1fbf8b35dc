"""Overdue invoices on the beat schedule (apps.core.periodic): each receivable invoice past its due date with money
still owed tells its author and its sales order's author once, in the app (`invoice.overdue`, which the field
app's list shows too). Reminder e-mails to the customer are another job (apps/accounts_receivables/periodic.py).
An invoice that already has its `invoice.overdue` notification is skipped, so a run twice tells nobody twice."""

from __future__ import annotations

import datetime


def overdue_notifications_for(tenant, today: datetime.date) -> int:
    from apps.notifications.models import Notification
    from apps.notifications.services import notify

    from .models import RECEIVABLE_STATUSES, Invoice

    overdue = Invoice.objects.for_tenant(tenant).filter(
        status__in=RECEIVABLE_STATUSES, balance_due__gt=0, due_date__lt=today
    )
    told = Notification.objects.for_tenant(tenant).filter(
        kind="invoice.overdue", target_type="invoices.invoice", target_id__in=overdue.values("pk")
    )
    notified = 0
    for invoice in (
        overdue.exclude(pk__in=told.values("target_id"))
        .select_related("customer", "created_by", "sales_order__created_by")
        .order_by("due_date", "pk")
    ):
        days = (today - invoice.due_date).days
        rows = notify(
            tenant=tenant,
            users=[invoice.created_by, invoice.sales_order.created_by if invoice.sales_order else None],
            kind="invoice.overdue",
            title=f"{invoice.number} is {days} day{'s' if days != 1 else ''} overdue",
            body=f"{invoice.customer} owes {invoice.balance_due} {invoice.currency}, due {invoice.due_date:%Y-%m-%d}.",
            target=invoice,
        )
        notified += bool(rows)
    return notified
