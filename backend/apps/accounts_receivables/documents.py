"""The customer statement as a PDF (the statement's send and PDF actions, the scheduled statements)."""

from apps.core.pdf import BusinessDocument, address_lines, footer_text, issuer_lines, logo_of, money_text, remit_to_note


def statement_document(tenant, customer, data: dict) -> BusinessDocument:
    """A statement (reports.statement) as a PDF document (the send action, the scheduled statements)."""
    aging = data["aging"]
    return BusinessDocument(
        title="STATEMENT OF ACCOUNT",
        number=f"{customer.code} {data['start'].isoformat()} to {data['end'].isoformat()}",
        issuer=issuer_lines(tenant),
        footer=footer_text(tenant),
        logo=logo_of(tenant),
        party_label="Customer",
        party=address_lines(customer),
        facts=[
            ("Statement date", data["end"].isoformat()),
            ("Opening balance", money_text(data["opening_balance"], data["currency"])),
            ("Credit on account", money_text(data["unapplied_credit"], data["currency"])),
        ],
        columns=[
            ("Date", 24, "L"),
            ("Type", 24, "L"),
            ("Number", 40, "L"),
            ("Reference", 30, "L"),
            ("Charges", 26, "R"),
            ("Credits", 26, "R"),
            ("Balance", 26, "R"),
        ],
        rows=[
            [
                line["date"].isoformat(),
                line["kind"].replace("_", " "),
                line["number"],
                line["reference"],
                money_text(line["charges"], data["currency"]) if line["charges"] else "",
                money_text(line["credits"], data["currency"]) if line["credits"] else "",
                money_text(line["balance"], data["currency"]),
            ]
            for line in data["lines"]
        ],
        totals=[
            ("Current", money_text(aging["current"], data["currency"])),
            ("1-30 days", money_text(aging["days_1_30"], data["currency"])),
            ("31-60 days", money_text(aging["days_31_60"], data["currency"])),
            ("61-90 days", money_text(aging["days_61_90"], data["currency"])),
            ("Over 90 days", money_text(aging["days_over_90"], data["currency"])),
            ("Balance due", money_text(data["closing_balance"], data["currency"])),
        ],
        notes=[
            f"Open invoices: {', '.join(row['number'] for row in data['open_invoices']) or 'none'}.",
            "Please remit by ACH, wire or check quoting the invoice numbers.",
            *remit_to_note(tenant),
        ],
    )
