"""Realistic meat-brokerage documents for the extraction fixtures and tests, drawn with fpdf2.

Seven layouts (ruled and unruled tables, label-beside and label-above headers, multi-page, kg and cwt pricing,
a bill of lading without prices), plus image versions: a flat-bed "scan" and a phone photo (rotation,
perspective, uneven light, noise, JPEG). Every document comes with the values a perfect extractor returns.
Layouts F and G were written after the rules and are the held-out layouts.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

OWN_NAME = "Summit Protein Brokers LLC"
OWN_ADDRESS = ["Summit Protein Brokers LLC", "2200 Market Street, Suite 400", "Denver, CO 80205"]
SUPPLIERS = [
    ("Greater Omaha Packing Co.", "3001 L Street", "Omaha, NE 68107", "960A"),
    ("Creekstone Farms Premium Beef LLC", "604 Goff Industrial Park Rd", "Arkansas City, KS 67005", "2670"),
    ("Seaboard Foods LLC", "2801 Hurliman Road", "Guymon, OK 73942", "M13597+P13597"),
    ("Indiana Packers Corporation", "6755 W 100 N", "Delphi, IN 46923", "17564"),
    ("Nebraska Beef Ltd.", "4501 S 36th St", "Omaha, NE 68107", "19160"),
    ("Wayne Farms Poultry LLC", "4110 Continental Dr", "Oakwood, GA 30566", "P-7211"),
]
CUSTOMERS = [
    ("Heartland Foods Distributors", "1200 W Fulton Market", "Chicago, IL 60607"),
    ("Lone Star Restaurant Supply Inc.", "8800 Ambassador Row", "Dallas, TX 75247"),
    ("Bayou Provisions LLC", "4400 Jefferson Hwy", "New Orleans, LA 70121"),
    ("Pacific Coast Grocers Co.", "2500 E 8th St", "Los Angeles, CA 90021"),
    ("Midwest Meat Market Inc.", "455 Stockyards Blvd", "Kansas City, MO 64102"),
]
CARRIERS = ["Polar Express Trucking LLC", "ColdChain Carriers Inc.", "Prime Reefer Logistics", "Arctic Line Transport"]
PRODUCTS = [
    ("1001", "Beef Chuck Roll 116A Choice", "beef", 62),
    ("1002", "Beef Brisket 120 Select", "beef", 70),
    ("1003", "Beef Ribeye Lip-On 112A Choice", "beef", 65),
    ("1004", "Beef Trim 81/19 Fresh", "beef", 60),
    ("2001", "Pork Loin Bone-In 410", "pork", 58),
    ("2002", "Pork Butt Bone-In 406", "pork", 64),
    ("2003", "Pork Bellies Skin-On", "pork", 60),
    ("3001", "Chicken Breast Boneless Skinless", "chicken", 40),
    ("3002", "Chicken Wings Jumbo Whole", "chicken", 40),
    ("4001", "Turkey Breast Boneless Skinless", "turkey", 42),
    ("5001", "Lamb Leg Boneless Netted", "lamb", 35),
    ("6001", "Veal Top Round Cap-Off", "veal", 30),
]
LB_PER_KG = 1 / 0.45359237  # the international pound is exactly 0.45359237 kg (apps.core.money)
FIXED_DATE = __import__("datetime").datetime(2026, 3, 1, tzinfo=__import__("datetime").timezone.utc)


@dataclass
class Line:
    code: str
    description: str
    protein: str
    boxes: int
    weight_lb: float
    unit_price: float
    price_unit: str
    weight_kg: float | None = None

    @property
    def total(self) -> float:
        quantity = {
            "lb": self.weight_lb,
            "cwt": self.weight_lb / 100,
            "kg": self.weight_kg if self.weight_kg is not None else self.weight_lb / LB_PER_KG,
            "case": self.boxes,
        }[self.price_unit]
        return round(quantity * self.unit_price + 1e-9, 2)


@dataclass
class Doc:
    name: str
    layout: str
    kind: str
    number: str
    doc_date: date
    counterparty: str
    counterparty_address: list[str]
    lines: list[Line]
    carrier: str | None = None
    terms: str | None = None
    currency: str = "USD"
    ship_date: date | None = None
    delivery_date: date | None = None
    due_date: date | None = None
    reference: str | None = None
    establishments: list[str] = field(default_factory=list)
    image: str | None = None  # None, "scan", "scan_pdf", "photo"
    show_prices: bool = True

    @property
    def total(self) -> float:
        return round(sum(line.total for line in self.lines), 2)

    @property
    def total_weight(self) -> float:
        return round(sum(line.weight_lb for line in self.lines), 2)

    @property
    def total_boxes(self) -> int:
        return sum(line.boxes for line in self.lines)

    def expected(self) -> dict:
        from apps.core.establishment import normalize_or_none

        lines = []
        for line in self.lines:
            item = {
                "description": line.description,
                "protein": line.protein,
                "boxes": line.boxes,
                "weight_lb": round(line.weight_kg * LB_PER_KG, 2) if line.weight_kg is not None else line.weight_lb,
            }
            if self.layout in {"A", "F", "G", "H"}:
                item["product_code"] = line.code
            if self.show_prices:
                item.update(unit_price=line.unit_price, price_unit=line.price_unit, line_total=line.total)
            lines.append(item)
        totals = {"total_weight_lb": self.printed_total_weight_lb()}
        if self.show_prices:
            totals["total"] = self.total
        if self.layout in {"B", "E", "G"}:
            totals["total_boxes"] = self.total_boxes
        if self.layout == "C":
            totals["subtotal"] = self.total
        out = {
            "document_type": self.kind,
            "document_number": self.number,
            "reference_number": self.reference,
            "document_date": self.doc_date.isoformat(),
            "ship_date": self.ship_date.isoformat() if self.ship_date else None,
            "delivery_date": self.delivery_date.isoformat() if self.delivery_date else None,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "counterparty.name": self.counterparty,
            "carrier": self.carrier,
            "terms": self.terms,
            "currency": self.currency if (self.layout in {"A", "C", "D", "F", "G", "H"}) else None,
            "establishment_numbers": [normalize_or_none(f"EST {e}") for e in self.establishments],
            "line_items": lines,
            "totals": totals,
        }
        return out

    def printed_total_weight_lb(self) -> float:
        if self.layout == "D":
            return round(round(sum(line.weight_kg for line in self.lines), 2) * LB_PER_KG, 2)
        return self.total_weight


# --- Content ----------------------------------------------------------------------------------------------


def _lines(rng: random.Random, count: int, unit: str, *, kg: bool = False, proteins=None) -> list[Line]:
    pool = [p for p in PRODUCTS if proteins is None or p[2] in proteins]
    picks = rng.sample(pool, min(count, len(pool))) if count <= len(pool) else [rng.choice(pool) for _ in range(count)]
    lines = []
    for code, desc, protein, box_weight in picks:
        boxes = rng.randint(8, 80)
        weight = round(boxes * box_weight * rng.uniform(0.96, 1.04), 2 if kg else 1)
        weight_kg = None
        if kg:
            weight_kg = round(weight / LB_PER_KG, 1)
            weight = round(weight_kg * LB_PER_KG, 2)
        price_lb = {"beef": 3.4, "pork": 1.9, "chicken": 2.3, "turkey": 2.8, "lamb": 6.5, "veal": 8.2}[protein]
        price_lb *= rng.uniform(0.85, 1.2)
        price = {
            "lb": round(price_lb, 4 if rng.random() < 0.2 else 2),
            "cwt": round(price_lb * 100, 2),
            "kg": round(price_lb * LB_PER_KG, 2),
            "case": round(price_lb * box_weight, 2),
        }[unit]
        lines.append(Line(code, desc, protein, boxes, weight, price, unit, weight_kg))
    return lines


def build_docs() -> list[Doc]:
    docs: list[Doc] = []
    base = date(2026, 3, 2)
    layout_plan = [
        ("A", "purchase_order", 4),
        ("B", "sales_confirmation", 4),
        ("C", "invoice", 3),
        ("D", "sales_confirmation", 3),
        ("E", "bill_of_lading", 3),
        ("F", "invoice", 3),
        ("G", "purchase_order", 3),
        ("H", "invoice", 2),  # written after every rule and measured once: the truly held-out layout
    ]
    n = 0
    for layout, kind, count in layout_plan:
        for i in range(count):
            n += 1
            rng = random.Random(1000 + n)
            day = base + timedelta(days=rng.randint(0, 60))
            supplier = SUPPLIERS[(n + i) % len(SUPPLIERS)]
            customer = CUSTOMERS[(n + 2 * i) % len(CUSTOMERS)]
            carrier = CARRIERS[n % len(CARRIERS)]
            net = rng.choice([7, 10, 14, 21, 30])
            if layout == "A":
                doc = Doc(
                    f"A{i + 1}_customer_po",
                    layout,
                    kind,
                    f"{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
                    day,
                    customer[0],
                    list(customer[1:]),
                    _lines(rng, rng.randint(2, 6), "lb"),
                    carrier=carrier,
                    terms=f"Net {net}",
                    ship_date=day + timedelta(days=3),
                    delivery_date=day + timedelta(days=5),
                )
            elif layout == "B":
                unit = "cwt" if i % 2 else "lb"
                doc = Doc(
                    f"B{i + 1}_supplier_confirmation",
                    layout,
                    kind,
                    f"SC{rng.randint(100000, 999999)}",
                    day,
                    supplier[0],
                    list(supplier[1:3]),
                    _lines(rng, rng.randint(2, 5), unit),
                    carrier=carrier,
                    terms=f"Net {net}",
                    ship_date=day + timedelta(days=2),
                    establishments=[supplier[3]],
                    reference=f"PO-2026-{rng.randint(100, 999):06d}",
                )
            elif layout == "C":
                doc = Doc(
                    f"C{i + 1}_supplier_invoice_multipage",
                    layout,
                    kind,
                    f"INV-{rng.randint(200000, 299999)}",
                    day,
                    supplier[0],
                    list(supplier[1:3]),
                    _lines(rng, rng.randint(28, 36), "cwt"),
                    terms=f"Net {net}",
                    due_date=day + timedelta(days=net),
                    ship_date=day - timedelta(days=1),
                    reference=f"PO-2026-{rng.randint(100, 999):06d}",
                    carrier=carrier,
                )
            elif layout == "D":
                doc = Doc(
                    f"D{i + 1}_kg_export_confirmation",
                    layout,
                    kind,
                    f"ORD-{rng.randint(40000, 49999)}",
                    day,
                    "Prairie North Meats Ltd.",
                    ["88 Packers Way", "Brandon, MB R7A 5Y3"],
                    _lines(rng, rng.randint(2, 5), "kg", kg=True, proteins={"beef", "pork"}),
                    carrier=carrier,
                    terms=f"Net {net}",
                    currency="CAD",
                    ship_date=day + timedelta(days=4),
                    establishments=[rng.choice(["38", "60", "195"])],
                )
            elif layout == "E":
                doc = Doc(
                    f"E{i + 1}_bill_of_lading",
                    layout,
                    kind,
                    f"BOL{rng.randint(7000000, 7999999)}",
                    day,
                    supplier[0],
                    list(supplier[1:3]),
                    _lines(rng, rng.randint(1, 4), "lb"),
                    carrier=carrier,
                    establishments=[supplier[3]],
                    show_prices=False,
                    reference=f"PO-2026-{rng.randint(100, 999):06d}",
                )
            elif layout == "F":
                doc = Doc(
                    f"F{i + 1}_case_price_invoice",
                    layout,
                    kind,
                    f"{rng.randint(500000, 599999)}",
                    day,
                    supplier[0],
                    list(supplier[1:3]),
                    _lines(rng, rng.randint(2, 6), "case"),
                    terms=f"Net {net}",
                    due_date=day + timedelta(days=net),
                    carrier=carrier,
                )
            elif layout == "H":
                doc = Doc(
                    f"H{i + 1}_boxed_invoice_heldout",
                    layout,
                    kind,
                    f"{rng.randint(10, 99)}{rng.randint(1000, 9999)}",
                    day,
                    supplier[0],
                    list(supplier[1:3]),
                    _lines(rng, rng.randint(3, 6), "lb"),
                    terms=f"Net {net}",
                    due_date=day + timedelta(days=net),
                    ship_date=day,
                    reference=f"PO-2026-{rng.randint(100, 999):06d}",
                    establishments=[supplier[3]],
                )
            else:
                doc = Doc(
                    f"G{i + 1}_grid_po",
                    layout,
                    kind,
                    f"P{rng.randint(1000000, 9999999)}",
                    day,
                    customer[0],
                    list(customer[1:]),
                    _lines(rng, rng.randint(2, 5), rng.choice(["lb", "cwt"])),
                    carrier=carrier,
                    terms=f"Net {net}",
                    delivery_date=day + timedelta(days=6),
                )
            docs.append(doc)
    # image versions (the same content drawn, then scanned or photographed)
    # The first five were used while writing the OCR rules; the last four were added afterwards (held out).
    images = [
        ("A", "scan", 0),
        ("B", "scan_pdf", 0),
        ("E", "photo", 0),
        ("G", "photo", 0),
        ("F", "scan", 0),
        ("D", "photo", 1),
        ("B", "photo", 2),
        ("E", "scan", 1),
        ("A", "photo", 2),
    ]
    for layout, mode, index in images:
        source = [d for d in docs if d.layout == layout and not d.image][index]
        rng = random.Random(sum(map(ord, layout + mode)))
        copy_lines = source.lines[:4]
        doc = Doc(**{**source.__dict__, "lines": copy_lines})
        doc.name = f"{layout}_{mode}" if index == 0 else f"{layout}{index + 1}_{mode}_heldout"
        doc.image = mode
        doc.number = source.number[:-1] + str(rng.randint(0, 9))
        docs.append(doc)
    return docs


# --- Drawing --------------------------------------------------------------------------------------------


def fmt_date(d: date, style: str) -> str:
    if style == "us":
        return d.strftime("%m/%d/%Y")
    if style == "iso":
        return d.isoformat()
    if style == "long":
        return d.strftime("%B %d, %Y").replace(" 0", " ")
    if style == "dmy":
        return d.strftime("%d-%b-%Y")
    return d.strftime("%b %d, %Y")


def money(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


def price_text(line: Line) -> str:
    decimals = 4 if round(line.unit_price, 2) != line.unit_price else 2
    return money(line.unit_price, decimals)


def render_pdf(doc: Doc) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="pt", format="Letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(40, 40, 40)
    layouts = {"A": _layout_a, "B": _layout_b, "C": _layout_c, "D": _layout_d, "E": _layout_e, "F": _layout_f}
    layouts.update(G=_layout_g, H=_layout_h)
    layouts[doc.layout](pdf, doc)
    return bytes(pdf.output())


def _text(pdf, x, y, text, size=9, style="", align="L", w=0):
    pdf.set_font("Helvetica", style, size)
    if align == "R":
        pdf.text(x - pdf.get_string_width(text), y, text)
    elif align == "C":
        pdf.text(x - pdf.get_string_width(text) / 2, y, text)
    else:
        pdf.text(x, y, text)


def _layout_a(pdf, doc: Doc):
    """Customer purchase order: letterhead left, title right, labels beside values, ruled table."""
    pdf.add_page()
    _text(pdf, 40, 60, doc.counterparty, 15, "B")
    _text(pdf, 40, 76, doc.counterparty_address[0])
    _text(pdf, 40, 88, doc.counterparty_address[1])
    _text(pdf, 40, 100, "Phone (312) 555-0142")
    _text(pdf, 572, 60, "PURCHASE ORDER", 18, "B", "R")
    y = 120
    for label, value in [
        ("PO Number:", doc.number),
        ("Order Date:", fmt_date(doc.doc_date, "us")),
        ("Ship Date:", fmt_date(doc.ship_date, "us")),
        ("Delivery Date:", fmt_date(doc.delivery_date, "us")),
        ("Terms:", doc.terms),
        ("Carrier:", doc.carrier),
    ]:
        _text(pdf, 380, y, label, 9, "B")
        _text(pdf, 470, y, value)
        y += 14
    _text(pdf, 40, 130, "Vendor:", 9, "B")
    for i, part in enumerate(OWN_ADDRESS):
        _text(pdf, 40, 144 + 12 * i, part)
    _text(pdf, 200, 130, "Ship To:", 9, "B")
    _text(pdf, 200, 144, f"{doc.counterparty.split()[0]} DC #4")
    _text(pdf, 200, 156, doc.counterparty_address[1])
    cols = [("Item #", 50), ("Description", 200), ("Cases", 50), ("Weight (lb)", 80), ("Price/lb", 70), ("Amount", 82)]
    y = 230
    pdf.set_draw_color(0)
    x = 40
    pdf.set_fill_color(225, 225, 225)
    for title, width in cols:
        pdf.rect(x, y, width, 18, "DF")
        _text(pdf, x + 4, y + 12, title, 9, "B")
        x += width
    y += 18
    for line in doc.lines:
        x = 40
        values = [
            line.code,
            line.description,
            str(line.boxes),
            money(line.weight_lb, 1),
            "$" + price_text(line),
            "$" + money(line.total),
        ]
        for (title, width), value in zip(cols, values, strict=True):
            pdf.rect(x, y, width, 18)
            if title in ("Item #", "Description"):
                _text(pdf, x + 4, y + 12, value)
            else:
                _text(pdf, x + width - 4, y + 12, value, align="R")
            x += width
        y += 18
    y += 20
    _text(pdf, 400, y, "Total Weight:", 9, "B")
    _text(pdf, 572, y, f"{money(doc.total_weight, 1)} lb", align="R")
    _text(pdf, 400, y + 14, "Order Total:", 9, "B")
    _text(pdf, 572, y + 14, "$" + money(doc.total), align="R")
    _text(pdf, 40, y + 60, "Please confirm receipt of this order. All product must be USDA inspected.", 8)


def _layout_b(pdf, doc: Doc):
    """Supplier sales confirmation: labels above values in a band, unruled table, per-lb or per-cwt prices."""
    pdf.add_page()
    _text(pdf, 306, 56, doc.counterparty.upper(), 14, "B", "C")
    _text(pdf, 306, 70, f"{doc.counterparty_address[0]}  |  {doc.counterparty_address[1]}", 8, "", "C")
    _text(pdf, 306, 96, "SALES CONFIRMATION", 13, "B", "C")
    labels = [
        ("Confirmation No.", doc.number),
        ("Date", fmt_date(doc.doc_date, "long")),
        ("Pickup Date", fmt_date(doc.ship_date, "long")),
        ("Your PO #", doc.reference),
        ("Terms", doc.terms),
    ]
    x = 40
    for label, value in labels:
        _text(pdf, x, 126, label, 8, "B")
        _text(pdf, x, 140, value, 9)
        x += 108
    _text(pdf, 40, 172, "Sold To:", 8, "B")
    _text(pdf, 90, 172, OWN_ADDRESS[0])
    _text(pdf, 40, 186, "Carrier:", 8, "B")
    _text(pdf, 90, 186, doc.carrier)
    _text(pdf, 330, 172, f"Plant: USDA EST. {doc.establishments[0]}", 9)
    unit = doc.lines[0].price_unit
    y = 226
    heads = [
        (40, "Product", "L"),
        (330, "Boxes", "R"),
        (410, "Net Lbs", "R"),
        (490, "Price", "R"),
        (572, "Ext. Price", "R"),
    ]
    for x, title, align in heads:
        _text(pdf, x, y, title, 9, "B", align)
    y += 20
    for line in doc.lines:
        _text(pdf, 40, y, line.description)
        _text(pdf, 330, y, str(line.boxes), align="R")
        _text(pdf, 410, y, money(line.weight_lb, 1), align="R")
        _text(pdf, 490, y, f"{price_text(line)}/{unit}", align="R")
        _text(pdf, 572, y, money(line.total), align="R")
        y += 16
    y += 10
    _text(pdf, 40, y, "Totals", 9, "B")
    _text(pdf, 330, y, str(doc.total_boxes), 9, "B", "R")
    _text(pdf, 410, y, money(doc.total_weight, 1), 9, "B", "R")
    _text(pdf, 572, y, money(doc.total), 9, "B", "R")
    _text(pdf, 40, y + 40, "Prices are FOB plant. Product subject to catch weight.", 8)


def _layout_c(pdf, doc: Doc):
    """Supplier invoice over several pages: repeated header, cwt prices, subtotal and total on the last page."""
    per_page = 22
    chunks = [doc.lines[i : i + per_page] for i in range(0, len(doc.lines), per_page)]
    for page_no, chunk in enumerate(chunks, start=1):
        pdf.add_page()
        _text(pdf, 40, 58, doc.counterparty, 13, "B")
        _text(pdf, 40, 72, "Remit To:", 8, "B")
        _text(pdf, 84, 72, f"{doc.counterparty_address[0]}, {doc.counterparty_address[1]}", 8)
        _text(pdf, 572, 58, "INVOICE", 20, "B", "R")
        _text(pdf, 572, 74, f"Page {page_no} of {len(chunks)}", 8, "", "R")
        if page_no == 1:
            rows = [
                ("Invoice No:", doc.number),
                ("Invoice Date:", fmt_date(doc.doc_date, "us")),
                ("Due Date:", fmt_date(doc.due_date, "us")),
                ("Customer PO:", doc.reference),
                ("Terms:", doc.terms),
                ("Ship Date:", fmt_date(doc.ship_date, "us")),
                ("Carrier:", doc.carrier),
            ]
            for i, (label, value) in enumerate(rows):
                _text(pdf, 370, 100 + 13 * i, label, 8, "B")
                _text(pdf, 450, 100 + 13 * i, value, 8)
            _text(pdf, 40, 100, "Bill To:", 8, "B")
            for i, part in enumerate(OWN_ADDRESS):
                _text(pdf, 40, 113 + 12 * i, part, 8)
            y = 210
        else:
            y = 110
        pdf.line(40, y - 12, 572, y - 12)
        for x, title, align in [
            (40, "Item", "L"),
            (90, "Description", "L"),
            (330, "Cases", "R"),
            (400, "Pounds", "R"),
            (480, "Price/CWT", "R"),
            (572, "Amount", "R"),
        ]:
            _text(pdf, x, y, title, 8, "B", align)
        pdf.line(40, y + 5, 572, y + 5)
        y += 18
        for line in chunk:
            _text(pdf, 40, y, line.code, 8)
            _text(pdf, 90, y, line.description, 8)
            _text(pdf, 330, y, str(line.boxes), 8, "", "R")
            _text(pdf, 400, y, money(line.weight_lb, 1), 8, "", "R")
            _text(pdf, 480, y, money(line.unit_price), 8, "", "R")
            _text(pdf, 572, y, money(line.total), 8, "", "R")
            y += 14
        if page_no < len(chunks):
            _text(pdf, 572, y + 10, "Continued on next page", 8, "I", "R")
    y += 16
    pdf.line(330, y - 10, 572, y - 10)
    _text(pdf, 400, y, "Subtotal:", 9, "B")
    _text(pdf, 572, y, money(doc.total), 9, "", "R")
    _text(pdf, 400, y + 14, "Total Weight:", 9, "B")
    _text(pdf, 572, y + 14, f"{money(doc.total_weight, 1)} lbs", 9, "", "R")
    _text(pdf, 400, y + 28, "Amount Due:", 9, "B")
    _text(pdf, 572, y + 28, "$" + money(doc.total), 9, "B", "R")
    _text(pdf, 40, y + 28, "Thank you for your business.", 8)


def _layout_d(pdf, doc: Doc):
    """Canadian export confirmation: ISO dates, kg weights and per-kg prices, CAD."""
    pdf.add_page()
    _text(pdf, 40, 60, doc.counterparty, 16, "B")
    _text(pdf, 40, 74, ", ".join(doc.counterparty_address), 8)
    _text(pdf, 40, 104, "ORDER CONFIRMATION", 12, "B")
    info = [
        ("Order No.:", doc.number),
        ("Order Date:", fmt_date(doc.doc_date, "iso")),
        ("Ship Date:", fmt_date(doc.ship_date, "iso")),
        ("Currency:", "CAD"),
        ("Payment Terms:", doc.terms),
        ("Carrier:", doc.carrier),
    ]
    for i, (label, value) in enumerate(info):
        col, row = divmod(i, 3)
        _text(pdf, 40 + 270 * col, 130 + 14 * row, label, 9, "B")
        _text(pdf, 140 + 270 * col, 130 + 14 * row, value, 9)
    _text(pdf, 40, 186, "Buyer:", 9, "B")
    _text(pdf, 80, 186, OWN_ADDRESS[0], 9)
    _text(pdf, 40, 200, f"CFIA / Est. {doc.establishments[0]}", 9)
    y = 236
    pdf.set_fill_color(30, 60, 110)
    pdf.rect(40, y - 12, 532, 17, "F")
    pdf.set_text_color(255, 255, 255)
    for x, title, align in [
        (44, "Description", "L"),
        (330, "Cartons", "R"),
        (410, "Net Weight (kg)", "R"),
        (490, "Price/kg", "R"),
        (568, "Amount", "R"),
    ]:
        _text(pdf, x, y, title, 9, "B", align)
    pdf.set_text_color(0, 0, 0)
    y += 20
    for line in doc.lines:
        _text(pdf, 44, y, line.description)
        _text(pdf, 330, y, str(line.boxes), align="R")
        _text(pdf, 410, y, money(line.weight_kg, 1), align="R")
        _text(pdf, 490, y, money(line.unit_price), align="R")
        _text(pdf, 568, y, money(line.total), align="R")
        y += 16
    y += 16
    total_kg = round(sum(line.weight_kg for line in doc.lines), 2)
    _text(pdf, 330, y, "Total Net Weight:", 9, "B")
    _text(pdf, 568, y, f"{money(total_kg, 1)} kg", 9, "", "R")
    _text(pdf, 330, y + 14, "Total (CAD):", 9, "B")
    _text(pdf, 568, y + 14, money(doc.total), 9, "B", "R")


def _layout_e(pdf, doc: Doc):
    """Straight bill of lading: boxed shipper / consignee / carrier, pieces and weights, no prices."""
    pdf.add_page()
    _text(pdf, 306, 56, "STRAIGHT BILL OF LADING - SHORT FORM", 14, "B", "C")
    _text(pdf, 40, 84, "BOL No.:", 9, "B")
    _text(pdf, 90, 84, doc.number)
    _text(pdf, 250, 84, "Date:", 9, "B")
    _text(pdf, 282, 84, fmt_date(doc.doc_date, "us"))
    _text(pdf, 400, 84, "PO #:", 9, "B")
    _text(pdf, 432, 84, doc.reference)
    pdf.rect(40, 96, 260, 70)
    pdf.rect(312, 96, 260, 70)
    _text(pdf, 46, 108, "SHIPPER", 8, "B")
    _text(pdf, 46, 122, doc.counterparty, 9)
    _text(pdf, 46, 134, doc.counterparty_address[0], 9)
    _text(pdf, 46, 146, doc.counterparty_address[1], 9)
    _text(pdf, 46, 158, f"USDA Est. {doc.establishments[0]}", 9)
    _text(pdf, 318, 108, "CONSIGNEE", 8, "B")
    consignee = CUSTOMERS[len(doc.number) % len(CUSTOMERS)]
    for i, part in enumerate(consignee):
        _text(pdf, 318, 122 + 12 * i, part, 9)
    pdf.rect(40, 172, 532, 34)
    _text(pdf, 46, 186, "Carrier:", 9, "B")
    _text(pdf, 90, 186, doc.carrier)
    _text(pdf, 330, 186, f"Trailer #: RF{len(doc.number) * 137}", 9)
    _text(pdf, 46, 199, "Seal #: 0048213", 9)
    _text(pdf, 330, 199, "Temp: 28 F", 9)
    y = 230
    cols = [(40, 60, "Pieces"), (100, 300, "Description of Articles"), (400, 90, "Weight (lbs)"), (490, 82, "Class")]
    for x, width, title in cols:
        pdf.rect(x, y, width, 18)
        _text(pdf, x + 4, y + 12, title, 9, "B")
    y += 18
    for line in doc.lines:
        values = [str(line.boxes), line.description, money(line.weight_lb, 1), "Perishable"]
        for (x, width, _title), value in zip(cols, values, strict=True):
            pdf.rect(x, y, width, 18)
            _text(pdf, x + 4, y + 12, value, 9)
        y += 18
    y += 24
    _text(pdf, 40, y, f"Total Boxes: {doc.total_boxes}", 9, "B")
    _text(pdf, 300, y, f"Total Weight: {money(doc.total_weight, 1)} lbs", 9, "B")
    _text(
        pdf,
        40,
        y + 30,
        "Keep frozen at 0 F or below. Received subject to the classifications and tariffs in effect.",
        7,
    )
    _text(pdf, 40, y + 60, "Shipper signature ____________________      Carrier signature ____________________", 8)


def _layout_f(pdf, doc: Doc):
    """Held-out: small-packer invoice with price per case, 'Inv. No.', day-month-year dates, qty first."""
    pdf.add_page()
    _text(pdf, 572, 54, "Invoice", 22, "B", "R")
    _text(pdf, 40, 54, doc.counterparty, 12, "B")
    _text(pdf, 40, 67, doc.counterparty_address[0], 8)
    _text(pdf, 40, 78, doc.counterparty_address[1], 8)
    _text(pdf, 40, 89, "Tel 402-555-0199  |  ar@packer.example", 8)
    grid = [
        ("Inv. No.", doc.number),
        ("Dated", fmt_date(doc.doc_date, "dmy")),
        ("Payment Terms", doc.terms),
        ("Payment Due", fmt_date(doc.due_date, "dmy")),
        ("Transported by", doc.carrier),
    ]
    for i, (label, value) in enumerate(grid):
        _text(pdf, 380, 80 + 13 * i, label + ":", 8)
        _text(pdf, 460, 80 + 13 * i, value, 8, "B")
    _text(pdf, 40, 120, "Sold To", 8, "B")
    for i, part in enumerate(OWN_ADDRESS):
        _text(pdf, 40, 132 + 11 * i, part, 8)
    y = 200
    pdf.set_draw_color(120)
    pdf.line(40, y + 5, 572, y + 5)
    for x, title, align in [
        (40, "Qty", "L"),
        (80, "Item Code", "L"),
        (140, "Product", "L"),
        (380, "Net Wt", "R"),
        (460, "Unit Price", "R"),
        (572, "Amount", "R"),
    ]:
        _text(pdf, x, y, title, 8, "B", align)
    y += 18
    for line in doc.lines:
        _text(pdf, 40, y, f"{line.boxes} cs", 8)
        _text(pdf, 80, y, line.code, 8)
        _text(pdf, 140, y, line.description, 8)
        _text(pdf, 380, y, money(line.weight_lb, 1), 8, "", "R")
        _text(pdf, 460, y, f"${money(line.unit_price)}/cs", 8, "", "R")
        _text(pdf, 572, y, "$" + money(line.total), 8, "", "R")
        y += 14
    pdf.line(40, y, 572, y)
    y += 16
    _text(pdf, 380, y, "Net Weight:", 8)
    _text(pdf, 572, y, f"{money(doc.total_weight, 1)} lb", 8, "", "R")
    _text(pdf, 380, y + 13, "Balance Due:", 9, "B")
    _text(pdf, 572, y + 13, "$" + money(doc.total), 9, "B", "R")


def _layout_g(pdf, doc: Doc):
    """Held-out: customer PO with a boxed header grid (label above value) and a fully ruled table."""
    pdf.add_page()
    _text(pdf, 40, 58, doc.counterparty, 14, "B")
    _text(pdf, 40, 71, f"{doc.counterparty_address[0]}, {doc.counterparty_address[1]}", 8)
    _text(pdf, 572, 58, "Purchase Order", 16, "B", "R")
    cells = [
        ("P.O. No.", doc.number),
        ("Order Date", fmt_date(doc.doc_date, "short")),
        ("Deliver By", fmt_date(doc.delivery_date, "short")),
        ("Terms", doc.terms),
        ("Carrier", doc.carrier),
    ]
    widths = [90, 95, 95, 70, 182]
    x = 40
    for (label, value), width in zip(cells, widths, strict=True):
        pdf.rect(x, 90, width, 34)
        _text(pdf, x + 4, 101, label, 7, "B")
        _text(pdf, x + 4, 117, value, 9)
        x += width
    _text(pdf, 40, 146, "Supplier:", 8, "B")
    _text(pdf, 84, 146, f"{OWN_ADDRESS[0]}, {OWN_ADDRESS[2]}", 8)
    unit = doc.lines[0].price_unit
    cols = [
        ("Line", 30),
        ("Product Code", 70),
        ("Description", 190),
        ("Cases", 45),
        ("Lbs", 65),
        (f"$/{unit.upper()}", 55),
        ("Ext.", 77),
    ]
    y = 168
    x = 40
    for title, width in cols:
        pdf.rect(x, y, width, 16)
        _text(pdf, x + 3, y + 11, title, 8, "B")
        x += width
    y += 16
    for number, line in enumerate(doc.lines, start=1):
        values = [
            str(number),
            line.code,
            line.description,
            str(line.boxes),
            money(line.weight_lb, 1),
            price_text(line),
            money(line.total),
        ]
        x = 40
        for (title, width), value in zip(cols, values, strict=True):
            pdf.rect(x, y, width, 16)
            if title in ("Line", "Product Code", "Description"):
                _text(pdf, x + 3, y + 11, value, 8)
            else:
                _text(pdf, x + width - 3, y + 11, value, 8, "", "R")
            x += width
        y += 16
    x = 40
    for (title, width), value in zip(
        cols, ["", "", "TOTAL", str(doc.total_boxes), money(doc.total_weight, 1), "", money(doc.total)], strict=True
    ):
        pdf.rect(x, y, width, 16)
        _text(
            pdf,
            x + (3 if title in ("Line", "Product Code", "Description") else width - 3),
            y + 11,
            value,
            8,
            "B",
            "L" if title in ("Line", "Product Code", "Description") else "R",
        )
        x += width


def _layout_h(pdf, doc: Doc):
    """Held-out: invoice with the title and number in a shaded box, dates in words, 'Qty (cs)' and 'Rate'
    columns, a USDA line in the footer and the total in a box."""
    pdf.add_page()
    pdf.set_fill_color(235, 235, 235)
    pdf.rect(372, 36, 200, 58, "F")
    _text(pdf, 380, 56, "INVOICE", 16, "B")
    _text(pdf, 380, 72, f"Invoice Number: {doc.number}", 9)
    _text(pdf, 380, 86, f"Invoice Date: {fmt_date(doc.doc_date, 'long')}", 9)
    _text(pdf, 40, 52, doc.counterparty, 13, "B")
    _text(pdf, 40, 66, doc.counterparty_address[0], 8)
    _text(pdf, 40, 77, doc.counterparty_address[1], 8)
    _text(pdf, 40, 112, "Bill To", 8, "B")
    _text(pdf, 40, 124, OWN_ADDRESS[0], 9)
    _text(pdf, 40, 135, f"{OWN_ADDRESS[1]}, {OWN_ADDRESS[2]}", 8)
    rows = [
        ("Your Order #", doc.reference),
        ("Shipped", fmt_date(doc.ship_date, "long")),
        ("Terms", doc.terms),
        ("Due Date", fmt_date(doc.due_date, "long")),
    ]
    for i, (label, value) in enumerate(rows):
        _text(pdf, 380, 116 + 13 * i, f"{label}:", 8, "B")
        _text(pdf, 456, 116 + 13 * i, value, 8)
    y = 190
    pdf.set_draw_color(0)
    pdf.line(40, y - 12, 572, y - 12)
    heads = [
        (40, "Code", "L"),
        (90, "Product Description", "L"),
        (340, "Qty (cs)", "R"),
        (420, "Net Weight", "R"),
        (490, "Rate", "R"),
        (572, "Extended", "R"),
    ]
    for x, title, align in heads:
        _text(pdf, x, y, title, 8, "B", align)
    pdf.line(40, y + 5, 572, y + 5)
    y += 18
    for line in doc.lines:
        _text(pdf, 40, y, line.code, 8)
        _text(pdf, 90, y, line.description, 8)
        _text(pdf, 340, y, str(line.boxes), 8, "", "R")
        _text(pdf, 420, y, f"{money(line.weight_lb, 1)} lb", 8, "", "R")
        _text(pdf, 490, y, f"${price_text(line)}/lb", 8, "", "R")
        _text(pdf, 572, y, money(line.total), 8, "", "R")
        y += 13
    pdf.line(40, y, 572, y)
    y += 22
    pdf.rect(400, y - 12, 172, 34)
    _text(pdf, 406, y, "Total Net Weight", 8)
    _text(pdf, 566, y, f"{money(doc.total_weight, 1)} lb", 8, "", "R")
    _text(pdf, 406, y + 14, "Total Due (USD)", 9, "B")
    _text(pdf, 566, y + 14, "$" + money(doc.total), 9, "B", "R")
    _text(pdf, 40, y + 60, f"Product of USA - inspected and passed by USDA, Est. {doc.establishments[0]}", 7)


# --- Images ---------------------------------------------------------------------------------------------


def pdf_to_image(data: bytes, dpi: int = 150, page: int = 0):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return pdf[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def scan_effect(image, seed: int):
    """A flat-bed scan: grey, slightly rotated, speckles, a little blur."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    gray = image.convert("L").rotate(0.8, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.asarray(gray, dtype=np.float32)
    arr = arr * 0.93 + 8 + rng.normal(0, 5, arr.shape)
    speckles = rng.random(arr.shape) < 0.0015
    arr[speckles] = 40
    out = Image.fromarray(np.clip(arr, 0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(0.5))
    return out


def photo_effect(image, seed: int):
    """A phone photo: perspective, 2-3 degree rotation, warm uneven light, sensor noise, JPEG later."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    w, h = image.size
    margin = 0.03
    coeffs = _perspective_coeffs(
        [(0, 0), (w, 0), (w, h), (0, h)],
        [
            (w * margin, h * margin * 0.5),
            (w * (1 - margin * 0.4), 0),
            (w, h),
            (w * margin * 0.6, h * (1 - margin * 0.3)),
        ],
    )
    warped = image.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(90, 80, 70))
    warped = warped.rotate(-2.2, resample=Image.BICUBIC, expand=False, fillcolor=(90, 80, 70))
    arr = np.asarray(warped, dtype=np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.78 + 0.22 * (1 - ((xx / w - 0.3) ** 2 + (yy / h - 0.2) ** 2))
    arr = arr * light[..., None] * np.array([1.0, 0.97, 0.9]) + rng.normal(0, 6, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype("uint8"))


def _perspective_coeffs(target, source):
    import numpy as np

    matrix = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(matrix, dtype=float)
    b = np.array([c for pair in source for c in pair], dtype=float)
    return np.linalg.solve(a, b).tolist()


def render(doc: Doc) -> tuple[bytes, str]:
    """(file bytes, extension) for a fixture document."""
    from fpdf import FPDF

    data = render_pdf(doc)
    if doc.image is None:
        return data, ".pdf"
    seed = sum(map(ord, doc.name))
    if doc.image in ("scan", "scan_pdf"):
        image = scan_effect(pdf_to_image(data, 150), seed)
        if doc.image == "scan_pdf":
            pdf = FPDF(unit="pt", format="Letter")
            pdf.set_creation_date(FIXED_DATE)
            pdf.add_page()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            buffer.seek(0)
            pdf.image(buffer, x=0, y=0, w=612, h=792)
            return bytes(pdf.output()), ".pdf"
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), ".png"
    image = photo_effect(pdf_to_image(data, 130), seed)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=72)
    return buffer.getvalue(), ".jpg"
