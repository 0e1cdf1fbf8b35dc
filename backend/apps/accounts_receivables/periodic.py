"""Receivables jobs on the beat schedule (apps.core.periodic): overdue-invoice reminders and monthly customer
statements, each per tenant opt-in through Tenant.settings (apps/tenants/settings_schema.py):

- `overdue_reminders: true` (+ `overdue_reminder_days`, default [1, 7, 14, 30]): an invoice with a balance that
  reached a stage (days past due) gets one reminder for that stage, with its PDF, to the customer's accounting
  contacts. Only the latest stage reached is sent, so a job that missed days does not send a burst.
- `customer_statements: "monthly"` (+ `customer_statements_day`, 1-28, default 1): from that day of the month on,
  each active customer with an e-mail and activity or a balance gets last month's statement, once.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from apps.core.delivery import already_sent, send_document_once
from apps.core.pdf import money_text, render
from apps.core.periodic import tenant_setting

from . import reports

DEFAULT_REMINDER_DAYS = (1, 7, 14, 30)


def overdue_reminders_for(tenant, today: datetime.date) -> int:
    from apps.invoices.documents import accounting_emails, invoice_document

    if tenant_setting(tenant, "overdue_reminders") is not True:
        return 0
    stages = sorted({int(day) for day in tenant_setting(tenant, "overdue_reminder_days") or DEFAULT_REMINDER_DAYS})
    sent = 0
    for invoice in reports.overdue_invoices(tenant, today).prefetch_related("lines__product", "credit_memos"):
        days = (today - invoice.due_date).days
        stage = max((day for day in stages if day <= days), default=None)
        if stage is None:
            continue
        key = f"overdue:{invoice.pk}:{stage}"
        if already_sent(tenant.pk, key):
            continue
        recipients = accounting_emails(invoice.customer)
        if not recipients:
            continue
        balance = money_text(invoice.balance_due, invoice.currency)
        delivery = send_document_once(
            key,
            document_obj=invoice,
            kind="overdue_reminder",
            to=recipients,
            subject=f"Reminder: invoice {invoice.number} is {days} days past due ({balance})",
            body=(
                f"Our records show invoice {invoice.number}, due {invoice.due_date.isoformat()}, with {balance} "
                f"still open. Please arrange payment quoting {invoice.number}, or let us know if it is already on "
                f"its way.\n\n{tenant.name}"
            ),
            attachments=lambda invoice=invoice: [
                (f"{invoice.number}.pdf", render(invoice_document(invoice)), "application/pdf")
            ],
        )
        sent += delivery is not None
    return sent


def statement_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Last calendar month."""
    end = today.replace(day=1) - datetime.timedelta(days=1)
    return end.replace(day=1), end


def statements_for(tenant, today: datetime.date) -> int:
    from apps.accounts_receivables.documents import statement_document
    from apps.core.choices import RecordStatus
    from apps.customers.models import Customer

    if tenant_setting(tenant, "customer_statements") != "monthly":
        return 0
    if today.day < int(tenant_setting(tenant, "customer_statements_day") or 1):
        return 0
    start, end = statement_period(today)
    sent = 0
    customers = Customer.objects.for_tenant(tenant).filter(status=RecordStatus.ACTIVE).exclude(email="").order_by("pk")
    for customer in customers:
        # One statement per currency the customer has business in (balances in two currencies never add up).
        for currency in reports.statement_currencies(tenant, customer):
            own = currency == customer.currency
            key = f"statement:{customer.pk}:{start:%Y-%m}" + ("" if own else f":{currency}")
            if already_sent(tenant.pk, key):
                continue
            data = reports.statement(tenant, customer, start, end, currency)
            if not data["lines"] and data["closing_balance"] == Decimal("0"):
                continue  # no activity and nothing owed: nothing to tell
            delivery = send_document_once(
                key,
                document_obj=customer,
                kind="statement",
                to=[customer.email],
                subject=f"Statement of account, {start:%B %Y}" + ("" if own else f" ({currency})"),
                body=(
                    f"Please find your statement for {start:%B %Y} attached: balance "
                    f"{money_text(data['closing_balance'], currency)} as of {end.isoformat()}.\n\n{tenant.name}"
                ),
                attachments=lambda customer=customer, data=data, own=own, currency=currency: [
                    (
                        f"statement-{customer.code}-{'' if own else currency + '-'}{end.isoformat()}.pdf",
                        render(statement_document(tenant, customer, data)),
                        "application/pdf",
                    )
                ],
            )
            sent += delivery is not None
    return sent
