"""The invoice as a PDF (the send action, the overdue reminders; core renders and delivers it)."""

from apps.contacts.models import Contact
from apps.core.choices import RecordStatus
from apps.core.company import filter_json_list
from apps.core.pdf import (
    SOLD_LINE_COLUMNS,
    BusinessDocument,
    address_lines,
    date_text,
    footer_text,
    issuer_lines,
    logo_of,
    money_text,
    remit_to_note,
    ship_to_text,
    sold_line_row,
)


def invoice_document(invoice) -> BusinessDocument:
    """The invoice as a PDF document (the send action, the overdue reminders)."""
    customer = invoice.customer
    currency = invoice.currency
    party = address_lines(customer)
    facts = [
        ("Invoice date", date_text(invoice.invoice_date)),
        ("Terms", f"Net {invoice.payment_terms_days} days" if invoice.payment_terms_days else "Due on receipt"),
        ("Due date", date_text(invoice.due_date)),
        ("Customer PO", invoice.customer_po_number or "-"),
    ]
    if invoice.sales_order_id:
        order = invoice.sales_order
        facts.append(("Sales order", order.number))
        if order.ship_to_id:
            facts.append(("Ship to", ship_to_text(order.ship_to)))
        if order.delivery_date:
            facts.append(("Delivered", date_text(order.delivery_date)))
    if invoice.status == "void":
        facts.append(("Status", "VOID"))
    rows = [sold_line_row(line, currency) for line in invoice.lines.all()]
    totals = [("Subtotal", money_text(invoice.subtotal, currency))]
    if invoice.freight_amount:
        totals.append(("Freight", money_text(invoice.freight_amount, currency)))
    if invoice.tax_amount:
        totals.append(("Tax", money_text(invoice.tax_amount, currency)))
    totals.append(("Total", money_text(invoice.total, currency)))
    if invoice.amount_paid:
        totals.append(("Paid", f"-{money_text(invoice.amount_paid, currency)}"))
    if invoice.credited_amount:
        totals.append(("Credits", f"-{money_text(invoice.credited_amount, currency)}"))
    totals.append(("Balance due", money_text(invoice.balance_due, currency)))
    notes = [
        f"Credit memo {memo.number} ({memo.get_reason_display()}): -{money_text(memo.amount, currency)}"
        for memo in invoice.credit_memos.all()
    ]
    if invoice.notes:
        notes.append(invoice.notes)
    notes.append(f"Please reference {invoice.number} with your payment.")
    notes += remit_to_note(invoice.tenant)
    return BusinessDocument(
        title="INVOICE",
        number=invoice.number,
        issuer=issuer_lines(invoice.tenant),
        footer=footer_text(invoice.tenant),
        logo=logo_of(invoice.tenant),
        party_label="Bill to",
        party=party,
        facts=facts,
        columns=SOLD_LINE_COLUMNS,
        rows=rows,
        totals=totals,
        notes=notes,
    )


def accounting_emails(customer) -> list[str]:
    """The customer's active accounting contacts' e-mails, else the customer's own e-mail."""
    contacts = filter_json_list(
        Contact.objects.filter(customer=customer, status=RecordStatus.ACTIVE).exclude(email=""),
        "contact_types",
        "accounting",
    ).order_by("-is_primary", "last_name", "first_name")
    emails = list(dict.fromkeys(contact.email for contact in contacts))
    if emails:
        return emails
    return [customer.email] if customer.email else []
