"""The sales order as a PDF (sent to the customer by the send action; core renders and delivers it)."""

from apps.core.pdf import (
    SOLD_LINE_COLUMNS,
    BusinessDocument,
    address_lines,
    date_text,
    footer_text,
    issuer_lines,
    logo_of,
    money_text,
    ship_to_text,
    sold_line_row,
)


def sales_order_document(order) -> BusinessDocument:
    """The sales order confirmation sent to the customer."""
    facts = [
        ("Order date", date_text(order.order_date)),
        ("Customer PO", order.customer_po_number or "-"),
        ("Status", order.get_status_display()),
        ("Pickup", date_text(order.pickup_date)),
        ("Delivery", date_text(order.delivery_date)),
    ]
    if order.ship_to_id:
        facts.append(("Ship to", ship_to_text(order.ship_to)))
    if order.carrier_id:
        facts.append(("Carrier", order.carrier.name))
    rows = [sold_line_row(line, order.currency) for line in order.lines.all()]
    return BusinessDocument(
        title="SALES ORDER",
        number=order.number,
        issuer=issuer_lines(order.tenant),
        footer=footer_text(order.tenant),
        logo=logo_of(order.tenant),
        party_label="Customer",
        party=address_lines(order.customer),
        facts=facts,
        columns=SOLD_LINE_COLUMNS,
        rows=rows,
        totals=[("Total", money_text(order.total, order.currency))],
        notes=[order.notes] if order.notes else [],
    )
