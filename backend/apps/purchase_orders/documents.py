"""The purchase order as a PDF (sent to the supplier by the send action; core renders and delivers it)."""

from apps.core.pdf import (
    BusinessDocument,
    address_lines,
    date_text,
    footer_text,
    issuer_lines,
    logo_of,
    money_text,
    weight_text,
)


def purchase_order_document(order) -> BusinessDocument:
    """The purchase order sent to the supplier."""
    supplier = order.supplier
    party = address_lines(supplier)
    if order.supplier_contact_id:
        contact = order.supplier_contact
        party.append(f"Attn: {contact} {contact.email}".strip())
    elif supplier.email:
        party.append(supplier.email)
    plant = order.plant
    window = ""
    if order.pickup_window_from or order.pickup_window_to:
        start = order.pickup_window_from.strftime("%H:%M") if order.pickup_window_from else ""
        end = order.pickup_window_to.strftime("%H:%M") if order.pickup_window_to else ""
        window = f" {start}-{end}"
    facts = [
        ("Order date", date_text(order.order_date)),
        ("Status", order.get_status_display()),
        ("Supplier confirmation", order.supplier_confirmation_number or "-"),
        ("Pickup at", str(plant) if plant else "-"),
        ("Pickup date", f"{date_text(order.pickup_date)}{window}"),
        ("Delivery date", date_text(order.delivery_date)),
        ("Freight terms", order.get_freight_terms_display()),
        ("Carrier", str(order.carrier) if order.carrier_id else "-"),
        ("Release format", order.get_carrier_release_format_display() or "-"),
        ("Release number", order.carrier_release_number or "-"),
        ("Appointments by", order.get_appointment_method_display() or "-"),
    ]
    rows = [
        [
            str(line.line_number),
            line.product.code if line.product_id else "",
            line.description,
            line.get_fresh_frozen_display() or "",
            "" if line.boxes is None else str(line.boxes),
            weight_text(line.estimated_weight_lb),
            weight_text(line.actual_weight_lb),
            f"{line.unit_price:,.4f}",
            line.price_unit,
            money_text(line.line_total, order.currency),
        ]
        for line in order.lines.all()
    ]
    return BusinessDocument(
        title="PURCHASE ORDER",
        number=order.number,
        issuer=issuer_lines(order.tenant),
        footer=footer_text(order.tenant),
        logo=logo_of(order.tenant),
        party_label="Supplier",
        party=party,
        facts=facts,
        columns=[
            ("#", 7, "L"),
            ("Item", 14, "L"),
            ("Description", 50, "L"),
            ("F/F", 12, "L"),
            ("Boxes", 12, "R"),
            ("Est. lb", 20, "R"),
            ("Actual lb", 20, "R"),
            ("Price", 18, "R"),
            ("Per", 10, "L"),
            ("Total", 27, "R"),
        ],
        rows=rows,
        totals=[
            ("Total weight (lb)", weight_text(order.total_weight_lb)),
            ("Total", money_text(order.total, order.currency)),
        ],
        notes=[note for note in [order.notes] if note],
    )
