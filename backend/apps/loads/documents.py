"""The load's rate confirmation as a PDF (sent to the carrier by the send action; core renders and delivers it)."""

from apps.core.pdf import (
    BusinessDocument,
    address_lines,
    date_text,
    footer_text,
    issuer_lines,
    logo_of,
    money_text,
    when_text,
)


def rate_confirmation_document(load) -> BusinessDocument:
    """The rate confirmation the carrier signs: stops, dates, reefer setpoint and the agreed freight."""
    carrier = load.carrier
    ids = " / ".join(filter(None, [carrier.mc_number, f"DOT {carrier.dot_number}" if carrier.dot_number else ""]))
    party = address_lines(carrier, ids)
    party += [value for value in (carrier.phone, carrier.email) if value]
    setpoint = f"{load.temperature_setpoint_f} °F" if load.temperature_setpoint_f is not None else "-"
    facts = [
        ("Status", load.get_status_display()),
        ("Pickup date", date_text(load.pickup_date)),
        ("Pickup appointment", when_text(load.pickup_appointment_at)),
        ("Delivery date", date_text(load.delivery_date)),
        ("Delivery appointment", when_text(load.delivery_appointment_at)),
        ("Deliver to", load.delivery_location or "-"),
        ("Reefer setpoint", setpoint),
        ("Trailer / seal", f"{load.trailer_number or '-'} / {load.seal_number or '-'}"),
        ("BOL", load.bol_number or "-"),
    ]
    rows = []
    for stop in load.load_orders.all():
        order = stop.purchase_order
        plant = order.plant
        where = str(plant) if plant else "-"
        if plant and plant.city:
            where += f", {plant.city} {plant.state}"
        rows.append(
            [
                str(stop.stop_number),
                order.number,
                where,
                order.pickup_date.isoformat() if order.pickup_date else "",
                order.carrier_release_number or order.supplier_confirmation_number,
            ]
        )
    totals = [("Linehaul", money_text(load.linehaul_rate, load.currency))]
    totals += [
        (accessorial.get_charge_type_display(), money_text(accessorial.amount, load.currency))
        for accessorial in load.accessorials.all()
    ]
    totals.append(("Total", money_text(load.total_freight_cost, load.currency)))
    notes = [
        "Carrier agrees to haul the load above at the rate shown. Keep the reefer running continuously at the "
        "setpoint; a temperature download may be requested at delivery. Sign and return this confirmation.",
    ]
    if load.notes:
        notes.append(load.notes)
    return BusinessDocument(
        title="RATE CONFIRMATION",
        number=load.number,
        issuer=issuer_lines(load.tenant),
        footer=footer_text(load.tenant),
        logo=logo_of(load.tenant),
        party_label="Carrier",
        party=party,
        facts=facts,
        columns=[
            ("Stop", 12, "L"),
            ("PO", 35, "L"),
            ("Pickup at", 85, "L"),
            ("Date", 25, "L"),
            ("Release", 33, "L"),
        ],
        rows=rows,
        totals=totals,
        notes=notes,
    )
