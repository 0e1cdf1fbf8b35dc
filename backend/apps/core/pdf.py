"""Server-rendered business documents (purchase order, rate confirmation, invoice, statement) with fpdf2,
a pure-Python renderer: one layout, filled by each app with its own content."""

from dataclasses import dataclass, field

from fpdf import FPDF


@dataclass
class BusinessDocument:
    title: str  # "PURCHASE ORDER"
    number: str  # "PO-2026-000123"
    issuer: list[str]  # tenant name and address lines
    party_label: str = ""  # "Supplier", "Bill to"
    party: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # ("Order date", "2026-11-29")
    columns: list[tuple[str, float, str]] = field(default_factory=list)  # (heading, width mm, "L"|"R")
    rows: list[list[str]] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)  # ("Total", "$1,234.00")
    notes: list[str] = field(default_factory=list)


def _latin1(text) -> str:
    # The core PDF fonts are Latin-1; anything else is replaced rather than failing the document.
    return str(text).encode("latin-1", "replace").decode("latin-1")


def render(document: BusinessDocument) -> bytes:
    pdf = FPDF(format="Letter", unit="mm")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, _latin1(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, _latin1(document.number), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 9)
    top = pdf.get_y()
    for line in document.issuer:
        pdf.cell(95, 4.5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    if document.party:
        pdf.set_xy(110, top)
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 4.5, _latin1(document.party_label), new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for line in document.party:
            pdf.set_x(110)
            pdf.cell(0, 4.5, _latin1(line), new_x="LEFT", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + 4.5 * len(document.issuer)) + 4)
    for label, value in document.facts:
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(45, 5, _latin1(label))
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    if document.columns:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 8)
        pdf.set_fill_color(230, 230, 230)
        for heading, width, align in document.columns:
            pdf.cell(width, 6, _latin1(heading), border=1, align=align, fill=True)
        pdf.ln()
        pdf.set_font("Helvetica", "", 8)
        for row in document.rows:
            for (_heading, width, align), value in zip(document.columns, row, strict=False):
                pdf.cell(width, 5.5, _latin1(value)[:60], border=1, align=align)
            pdf.ln()
    if document.totals:
        pdf.ln(2)
        for label, value in document.totals:
            pdf.set_x(120)
            pdf.set_font("Helvetica", "B", 9)
            pdf.cell(45, 5.5, _latin1(label), align="R")
            pdf.set_font("Helvetica", "", 9)
            pdf.cell(0, 5.5, _latin1(value), align="R", new_x="LMARGIN", new_y="NEXT")
    if document.notes:
        pdf.ln(4)
        pdf.set_font("Helvetica", "", 8)
        for note in document.notes:
            pdf.multi_cell(0, 4, _latin1(note), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def money_text(amount, currency: str = "USD") -> str:
    prefix = "$" if currency in ("USD", "CAD") else ""
    suffix = "" if currency == "USD" else f" {currency}"
    return f"{prefix}{amount:,.2f}{suffix}"


# --- Formatters the apps' documents share (apps/<app>/documents.py) ----------------------------------------


def date_text(value) -> str:
    return value.isoformat() if value else "-"


def when_text(value) -> str:
    """An aware datetime in the server's time zone ("2026-12-02 07:30 CST"), or "-"."""
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else "-"


def weight_text(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def address_lines(company, *extra: str) -> list[str]:
    """A supplier's, customer's or carrier's name, `extra` lines (ids), street lines and "City, ST 12345"."""
    lines = [company.name, *[line for line in extra if line]]
    lines += [line for line in (company.address_line1, getattr(company, "address_line2", "")) if line]
    city = ", ".join(part for part in (company.city, f"{company.state} {company.postal_code}".strip()) if part)
    if city:
        lines.append(city)
    return lines


def ship_to_text(ship_to) -> str:
    return f"{ship_to.name}, {ship_to.address_line1}, {ship_to.city} {ship_to.state}"


# Sold lines (sales orders, invoices): item, description, boxes, weight, price per unit, total.
SOLD_LINE_COLUMNS = [
    ("Item", 18, "L"),
    ("Description", 62, "L"),
    ("Boxes", 14, "R"),
    ("Weight (lb)", 24, "R"),
    ("Price", 22, "R"),
    ("Unit", 18, "L"),
    ("Total", 28, "R"),
]


def sold_line_row(line, currency: str) -> list[str]:
    return [
        line.product.code if line.product_id else "",
        line.description,
        "" if line.boxes is None else str(line.boxes),
        weight_text(line.weight_lb),
        f"{line.unit_price:,.4f}",
        line.get_price_unit_display(),
        money_text(line.line_total, currency),
    ]
