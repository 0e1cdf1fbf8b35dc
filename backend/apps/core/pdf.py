"""Server-rendered business documents (purchase order, rate confirmation, invoice, statement) with fpdf2,
a pure-Python renderer: one layout, filled by each app with its own content."""

import io
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.fonts import FontFace


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
    footer: str = ""  # the brokerage's footer line (tenant setting document_footer), on every page
    logo: bytes | None = None  # the brokerage's logo (PNG/JPEG, apps.tenants.logo), top right of page 1


# The logo's box in the header (mm): it is scaled to fit, keeping its proportions; the title stays left of it.
LOGO_MAX_WIDTH = 50
LOGO_MAX_HEIGHT = 20


class _Pdf(FPDF):
    """Letter pages with the document's footer line and page numbers at the bottom of every page."""

    footer_text = ""

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 7)
        self.set_text_color(90, 90, 90)
        text = f"{self.footer_text}    " if self.footer_text else ""
        self.cell(0, 4, _latin1(f"{text}Page {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)


def _latin1(text) -> str:
    # The core PDF fonts are Latin-1; anything else is replaced rather than failing the document.
    return str(text).encode("latin-1", "replace").decode("latin-1")


def render(document: BusinessDocument) -> bytes:
    pdf = _Pdf(format="Letter", unit="mm")
    pdf.footer_text = document.footer
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    logo_bottom = _place_logo(pdf, document.logo)
    title_width = pdf.epw - LOGO_MAX_WIDTH - 5 if logo_bottom else 0
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(title_width, 9, _latin1(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(title_width, 6, _latin1(document.number), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), logo_bottom) + 2)
    pdf.set_font("Helvetica", "", 9)
    top = pdf.get_y()
    # Long lines wrap inside their box (never run into the next column, never cut off).
    for line in document.issuer:
        pdf.multi_cell(95, 4.5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    issuer_bottom = pdf.get_y()
    if document.party:
        pdf.set_xy(110, top)
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 4.5, _latin1(document.party_label), new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for line in document.party:
            pdf.set_x(110)
            pdf.multi_cell(0, 4.5, _latin1(line), new_x="LEFT", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), issuer_bottom) + 4)
    for label, value in document.facts:
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(45, 5, _latin1(label))
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    if document.columns:
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 8)
        widths = [width for _heading, width, _align in document.columns]
        aligns = [align for _heading, _width, align in document.columns]
        with pdf.table(
            width=min(sum(widths), pdf.epw),
            col_widths=widths,
            align="LEFT",
            text_align=aligns,
            line_height=4,
            padding=1,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        ) as table:
            heading_row = table.row()
            for heading, _width, _align in document.columns:
                heading_row.cell(_latin1(heading))
            for values in document.rows:
                row = table.row()
                for index in range(len(document.columns)):
                    row.cell(_latin1(values[index]) if index < len(values) else "")
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


def _place_logo(pdf: FPDF, data: bytes | None) -> float:
    """Draws the logo at the top right of the page; the y (mm) below it, or 0 without a (readable) logo."""
    if not data:
        return 0
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width_px, height_px = image.size
    except (UnidentifiedImageError, OSError):
        return 0  # a damaged stored file: the document still goes out, without it
    scale = min(LOGO_MAX_WIDTH / width_px, LOGO_MAX_HEIGHT / height_px)
    width, height = width_px * scale, height_px * scale
    top = pdf.t_margin
    pdf.image(io.BytesIO(data), x=pdf.w - pdf.r_margin - width, y=top, w=width, h=height)
    return top + height


def issuer_lines(tenant) -> list[str]:
    """The brokerage as its documents present it: name, then the address and phone from its settings
    (company_address, company_phone)."""
    settings = getattr(tenant, "settings", None) or {}
    lines = [tenant.name]
    lines += [line.strip() for line in str(settings.get("company_address") or "").splitlines() if line.strip()]
    if settings.get("company_phone"):
        lines.append(f"Phone {settings['company_phone']}")
    return lines


def remit_to_note(tenant) -> list[str]:
    """'Remit to: …' from the remit_to setting (invoices and statements), or nothing."""
    remit = " ".join(line.strip() for line in str((tenant.settings or {}).get("remit_to") or "").splitlines())
    return [f"Remit to: {remit.strip()}"] if remit.strip() else []


def logo_of(tenant) -> bytes | None:
    """The brokerage's stored logo for its documents (apps.tenants.logo), or None."""
    from apps.tenants.logo import logo_bytes

    return logo_bytes(tenant)


def footer_text(tenant) -> str:
    return str((getattr(tenant, "settings", None) or {}).get("document_footer") or "").strip()


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
