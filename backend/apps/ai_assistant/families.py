"""The layout-family generator behind `make eval-extraction`.

Sixteen families of meat-brokerage documents, each drawn with fpdf2 from random content (companies, products,
quantities, prices) and random presentation (label synonyms, column order, fonts, number and date formats), plus
image versions: flat-bed scans (rasterised, grey, skewed, speckled) and phone photos (perspective, rotation,
shadow, blur, JPEG). Every document carries the values a perfect reader returns, built from the content, never
from any extractor.

THE SPLIT (decided before any rule was changed, see docs/AI_ASSISTANT.md "Held-out discipline"):
`TUNING` families may be looked at document by document while rules are written; `HELD_OUT` families are only
ever scored in aggregate. A held-out family's layout, labels and phrasing are deliberately different from every
tuning family's, so its score says how the extractor does on layouts nobody wrote rules for.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .fixture_docs import _perspective_coeffs, pdf_to_image

OWN_NAME = "Summit Protein Brokers LLC"
OWN_LINES = ["Summit Protein Brokers LLC", "2200 Market Street, Suite 400", "Denver, CO 80205"]
LB_PER_KG = 1 / 0.45359237  # the international pound is exactly 0.45359237 kg (apps.core.money)

SUPPLIERS = [
    ("Greater Omaha Packing Co.", "3001 L Street", "Omaha, NE 68107", "960A"),
    ("Creekstone Farms Premium Beef LLC", "604 Goff Industrial Park Rd", "Arkansas City, KS 67005", "2670"),
    ("Seaboard Foods LLC", "2801 Hurliman Road", "Guymon, OK 73942", "M13597+P13597"),
    ("Indiana Packers Corporation", "6755 W 100 N", "Delphi, IN 46923", "17564"),
    ("Nebraska Beef Ltd.", "4501 S 36th St", "Omaha, NE 68107", "19160"),
    ("Wayne Farms Poultry LLC", "4110 Continental Dr", "Oakwood, GA 30566", "P-7211"),
    ("Clemens Food Group", "2700 Clemens Rd", "Hatfield, PA 19440", "791"),
    ("Harris Ranch Beef Company", "16277 S McCall Ave", "Selma, CA 93662", "268"),
    ("Plains Valley Pork Inc.", "900 Industrial Pkwy", "Sioux Falls, SD 57104", "M2134+P2134"),
]
EXPORT_SUPPLIERS = [
    ("Prairie North Meats Ltd.", "88 Packers Way", "Brandon, MB R7A 5Y3", "38"),
    ("Rocky Ridge Beef Packers Ltd.", "4120 Stockyard Rd", "Lethbridge, AB T1J 4P4", "195"),
    ("Laurentian Pork Exports Inc.", "1550 Rue Industrielle", "Drummondville, QC J2C 5X2", "60"),
]
CUSTOMERS = [
    ("Heartland Foods Distributors", "1200 W Fulton Market", "Chicago, IL 60607"),
    ("Lone Star Restaurant Supply Inc.", "8800 Ambassador Row", "Dallas, TX 75247"),
    ("Bayou Provisions LLC", "4400 Jefferson Hwy", "New Orleans, LA 70121"),
    ("Pacific Coast Grocers Co.", "2500 E 8th St", "Los Angeles, CA 90021"),
    ("Midwest Meat Market Inc.", "455 Stockyards Blvd", "Kansas City, MO 64102"),
    ("Keystone Butcher Supply", "77 Front St", "Harrisburg, PA 17101"),
    ("Great Lakes Culinary Group", "3100 Detroit Ave", "Cleveland, OH 44113"),
]
CARRIERS = [
    "Polar Express Trucking LLC",
    "ColdChain Carriers Inc.",
    "Prime Reefer Logistics",
    "Arctic Line Transport",
    "Frostway Freight Lines",
    "Blue Ice Transport Co.",
]
PEOPLE = ["Dana Whitfield", "Marco Ruiz", "Priya Natarajan", "Tom Becker", "Alicia Grant", "Jens Olsen"]
PRODUCTS = [
    ("1001", "Beef Chuck Roll 116A Choice", "beef", 62),
    ("1002", "Beef Brisket 120 Select", "beef", 70),
    ("1003", "Beef Ribeye Lip-On 112A Choice", "beef", 65),
    ("1004", "Beef Trim 81/19 Fresh", "beef", 60),
    ("1005", "Beef Striploin 180 Choice", "beef", 58),
    ("1006", "Beef Tenderloin PSMO 189A", "beef", 45),
    ("2001", "Pork Loin Bone-In 410", "pork", 58),
    ("2002", "Pork Butt Bone-In 406", "pork", 64),
    ("2003", "Pork Bellies Skin-On", "pork", 60),
    ("2004", "Pork Spare Ribs St Louis", "pork", 55),
    ("3001", "Chicken Breast Boneless Skinless", "chicken", 40),
    ("3002", "Chicken Wings Jumbo Whole", "chicken", 40),
    ("3003", "Chicken Leg Quarters", "chicken", 40),
    ("4001", "Turkey Breast Boneless Skinless", "turkey", 42),
    ("5001", "Lamb Leg Boneless Netted", "lamb", 35),
    ("6001", "Veal Top Round Cap-Off", "veal", 30),
]
PRICE_PER_LB = {"beef": 3.4, "pork": 1.9, "chicken": 2.3, "turkey": 2.8, "lamb": 6.5, "veal": 8.2}

# --- the split ------------------------------------------------------------------------------------------
TUNING = [
    "ruled_po",
    "unruled_confirmation",
    "multipage_invoice",
    "kg_export_invoice",
    "straight_bol",
    "vics_bol",
    "email_po",
    "erp_landscape",
    "broker_invoice",
]
HELD_OUT = [
    "two_row_po",
    "email_thread",
    "manifest_bol",
    "kg_packing_confirmation",
    "price_sheet",
    "boxed_confirmation",
    "multipage_erp_invoice",
]
FAMILIES = TUNING + HELD_OUT


@dataclass
class Item:
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
class GenDoc:
    family: str
    name: str
    kind: str
    number: str
    doc_date: date
    counterparty: str
    counterparty_lines: list[str]
    role: str
    items: list[Item]
    reference: str | None = None
    ship_date: date | None = None
    delivery_date: date | None = None
    due_date: date | None = None
    carrier: str | None = None
    terms: str | None = None
    currency: str | None = "USD"
    establishments: list[str] = field(default_factory=list)
    freight: float = 0.0
    prices: bool = True  # prices and line totals printed
    codes: bool = False  # product codes printed
    boxes_printed: bool = True
    weights_printed: bool = True
    total_printed: bool = True
    total_boxes_printed: bool = False
    total_weight_printed: bool = False
    source: str = "text"  # text | scan | photo
    seed: int = 0
    style: dict = field(default_factory=dict)
    pages: int = 1

    @property
    def merchandise(self) -> float:
        return round(sum(item.total for item in self.items), 2)

    @property
    def total(self) -> float:
        return round(self.merchandise + self.freight, 2)

    @property
    def total_weight(self) -> float:
        return round(sum(item.weight_lb for item in self.items), 2)

    @property
    def total_boxes(self) -> int:
        return sum(item.boxes for item in self.items)

    @property
    def held_out(self) -> bool:
        return self.family in HELD_OUT

    def expected(self) -> dict:
        """What the document says, field by field (None where it prints nothing)."""
        from apps.core.establishment import normalize_or_none

        lines = []
        for item in self.items:
            line = {"description": item.description, "protein": item.protein}
            if self.codes:
                line["product_code"] = item.code
            if self.boxes_printed:
                line["boxes"] = item.boxes
            if self.weights_printed:
                line["weight_lb"] = (
                    round(item.weight_kg * LB_PER_KG, 2) if item.weight_kg is not None else item.weight_lb
                )
            if self.prices:
                line.update(unit_price=item.unit_price, price_unit=item.price_unit)
                if self.family != "price_sheet":
                    line["line_total"] = item.total
            lines.append(line)
        totals = {
            "total_boxes": self.total_boxes if self.total_boxes_printed else None,
            "total_weight_lb": self.printed_total_weight_lb() if self.total_weight_printed else None,
            # strict rule: the subtotal is the merchandise sum whenever lines carry totals, printed or not
            "subtotal": self.merchandise if self.prices and self.family != "price_sheet" else None,
            "total": self.total if self.total_printed else None,
        }
        return {
            "document_type": self.kind,
            "document_number": self.number,
            "reference_number": self.reference,
            "document_date": self.doc_date.isoformat(),
            "ship_date": self.ship_date.isoformat() if self.ship_date else None,
            "delivery_date": self.delivery_date.isoformat() if self.delivery_date else None,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "counterparty.name": self.counterparty,
            "counterparty.role": self.role,
            "carrier": self.carrier,
            "terms": self.terms,
            "currency": self.currency if self.prices else None,
            "establishment_numbers": [normalize_or_none(f"EST {e}") for e in self.establishments],
            "line_items": lines,
            "totals": totals,
        }

    def printed_total_weight_lb(self) -> float:
        if all(item.weight_kg is not None for item in self.items):
            return round(round(sum(item.weight_kg for item in self.items), 1) * LB_PER_KG, 2)
        return self.total_weight


# --- presentation ----------------------------------------------------------------------------------------


class Style:
    """Random presentation choices for one document: font, date and number formats, label punctuation."""

    DATE_STYLES = ["us", "us_short", "iso", "long", "dmy", "mon"]

    def __init__(self, rng: random.Random, *, dates=None, font=None):
        self.rng = rng
        self.font = font or rng.choice(["Helvetica", "Helvetica", "Times", "Courier"])
        self.date_style = rng.choice(dates or self.DATE_STYLES)
        self.thousands = rng.random() < 0.75
        self.dollar = rng.random() < 0.5
        self.colon = rng.random() < 0.8

    def date(self, d: date | None) -> str:
        if d is None:
            return ""
        return {
            "us": d.strftime("%m/%d/%Y"),
            "us_short": f"{d.month}/{d.day}/{d.strftime('%y')}",
            "iso": d.isoformat(),
            "long": f"{d.strftime('%B')} {d.day}, {d.year}",
            "dmy": d.strftime("%d-%b-%Y"),
            "mon": f"{d.strftime('%b')} {d.day}, {d.year}",
        }[self.date_style]

    def num(self, value: float, decimals: int = 2) -> str:
        text = f"{value:,.{decimals}f}"
        return text if self.thousands else text.replace(",", "")

    def money(self, value: float, decimals: int = 2) -> str:
        return ("$" if self.dollar else "") + self.num(value, decimals)

    def label(self, text: str) -> str:
        return f"{text}:" if self.colon else text

    def pick(self, options):
        return self.rng.choice(options)


def price_decimals(item: Item) -> int:
    return 4 if round(item.unit_price, 2) != item.unit_price else 2


class Canvas:
    """fpdf2 with a cp1252 core font (en dashes, @) and a few drawing helpers."""

    def __init__(self, style: Style, landscape: bool = False):
        from fpdf import FPDF

        self.pdf = FPDF(orientation="L" if landscape else "P", unit="pt", format="Letter")
        self.pdf.core_fonts_encoding = "cp1252"
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_auto_page_break(False)
        self.style = style
        self.width = 792 if landscape else 612
        self.height = 612 if landscape else 792

    def page(self):
        self.pdf.add_page()

    def text(self, x, y, text, size=9, bold=False, align="L", italic=False):
        text = str(text)
        self.pdf.set_font(self.style.font, ("B" if bold else "") + ("I" if italic else ""), size)
        w = self.pdf.get_string_width(text)
        if align == "R":
            x -= w
        elif align == "C":
            x -= w / 2
        self.pdf.text(x, y, text)

    def rect(self, x, y, w, h, fill=None):
        if fill:
            self.pdf.set_fill_color(*fill)
            self.pdf.rect(x, y, w, h, "DF")
        else:
            self.pdf.rect(x, y, w, h)

    def line(self, x0, y0, x1, y1):
        self.pdf.line(x0, y0, x1, y1)

    def table(self, x, y, columns, rows, *, size=8.5, ruled=True, header_fill=None, row_h=15, bold_head=True):
        """columns: [(title, width, align)], rows: [[cell text]]; returns the y under the table."""
        if header_fill:
            self.pdf.set_fill_color(*header_fill)
        cx = x
        for title, width, _align in columns:
            if ruled or header_fill:
                self.rect(cx, y, width, row_h, fill=header_fill)
            fit = size
            self.pdf.set_font(self.style.font, "B" if bold_head else "", fit)
            while fit > 5 and self.pdf.get_string_width(title) > width - 6:
                fit -= 0.5
                self.pdf.set_font(self.style.font, "B" if bold_head else "", fit)
            self.text(cx + 3, y + row_h - 4, title, fit, bold_head)
            cx += width
        if not ruled and not header_fill:
            self.line(x, y + row_h, cx, y + row_h)
        y += row_h
        for row in rows:
            cx = x
            for (_title, width, align), value in zip(columns, row, strict=True):
                if ruled:
                    self.rect(cx, y, width, row_h)
                if align == "R":
                    self.text(cx + width - 3, y + row_h - 4, value, size, align="R")
                else:
                    self.text(cx + 3, y + row_h - 4, value, size)
                cx += width
            y += row_h
        return y

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


FIXED_DATE = __import__("datetime").datetime(2026, 3, 1, tzinfo=__import__("datetime").timezone.utc)

# --- content ----------------------------------------------------------------------------------------------


def make_items(rng: random.Random, count: int, unit: str, *, kg=False, proteins=None, weight_decimals=1):
    pool = [p for p in PRODUCTS if proteins is None or p[2] in proteins]
    picks = rng.sample(pool, count) if count <= len(pool) else [rng.choice(pool) for _ in range(count)]
    items = []
    for code, desc, protein, box_weight in picks:
        boxes = rng.randint(6, 90)
        weight = round(boxes * box_weight * rng.uniform(0.95, 1.05), weight_decimals)
        weight_kg = None
        if kg:
            weight_kg = round(weight / LB_PER_KG, 1)
            weight = round(weight_kg * LB_PER_KG, 2)
        per_lb = PRICE_PER_LB[protein] * rng.uniform(0.85, 1.2)
        price = {
            "lb": round(per_lb, 4 if rng.random() < 0.15 else 2),
            "cwt": round(per_lb * 100, 2),
            "kg": round(per_lb * LB_PER_KG, 2),
            "case": round(per_lb * box_weight, 2),
        }[unit]
        items.append(Item(code, desc, protein, boxes, weight, price, unit, weight_kg))
    return items


def _terms(rng):
    return rng.choice(["Net 7", "Net 10", "Net 14", "Net 21", "Net 30"])


def _ref(rng):
    return rng.choice([f"PO-2026-{rng.randint(100, 999):06d}", f"{rng.randint(40, 49)}-{rng.randint(10000, 99999)}"])


def build(family: str, index: int) -> GenDoc:
    """The index-th document of a family (deterministic)."""
    rng = random.Random(f"{family}:{index}")
    base = date(2026, 1, 5) + timedelta(days=rng.randint(0, 120))
    supplier = rng.choice(SUPPLIERS)
    customer = rng.choice(CUSTOMERS)
    carrier = rng.choice(CARRIERS)
    terms = _terms(rng)
    common = {"family": family, "name": f"{family}_{index + 1}", "seed": rng.randint(0, 10**6), "doc_date": base}

    def supplier_doc(kind, number, items, **kw):
        return GenDoc(
            kind=kind,
            number=number,
            counterparty=supplier[0],
            counterparty_lines=list(supplier[1:3]),
            role="supplier",
            items=items,
            **common,
            **kw,
        )

    def customer_doc(kind, number, items, **kw):
        return GenDoc(
            kind=kind,
            number=number,
            counterparty=customer[0],
            counterparty_lines=list(customer[1:3]),
            role="customer",
            items=items,
            **common,
            **kw,
        )

    if family == "ruled_po":
        return customer_doc(
            "purchase_order",
            f"{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
            make_items(rng, rng.randint(2, 6), rng.choice(["lb", "lb", "cwt"])),
            ship_date=base + timedelta(days=3),
            delivery_date=base + timedelta(days=5),
            carrier=carrier,
            terms=terms,
            codes=True,
            total_weight_printed=True,
        )
    if family == "unruled_confirmation":
        return supplier_doc(
            "sales_confirmation",
            f"SC{rng.randint(100000, 999999)}",
            make_items(rng, rng.randint(2, 5), rng.choice(["lb", "cwt"])),
            reference=_ref(rng),
            ship_date=base + timedelta(days=2),
            carrier=carrier,
            terms=terms,
            establishments=[supplier[3]],
            total_boxes_printed=True,
            total_weight_printed=True,
        )
    if family == "multipage_invoice":
        return supplier_doc(
            "invoice",
            f"INV-{rng.randint(200000, 299999)}",
            make_items(rng, rng.randint(26, 40), rng.choice(["cwt", "lb"])),
            reference=_ref(rng),
            ship_date=base - timedelta(days=1),
            due_date=base + timedelta(days=int(terms.split()[1])),
            carrier=carrier,
            terms=terms,
            codes=True,
            freight=round(rng.uniform(150, 900), 2),
            total_weight_printed=True,
        )
    if family == "kg_export_invoice":
        exp = rng.choice(EXPORT_SUPPLIERS)
        return GenDoc(
            kind="invoice",
            number=f"CI-{rng.randint(1000, 9999)}",
            counterparty=exp[0],
            counterparty_lines=list(exp[1:3]),
            role="supplier",
            items=make_items(rng, rng.randint(2, 5), "kg", kg=True, proteins={"beef", "pork"}),
            reference=_ref(rng),
            ship_date=base + timedelta(days=1),
            carrier=carrier,
            terms=terms,
            currency="CAD",
            establishments=[exp[3]],
            total_weight_printed=True,
            total_boxes_printed=True,
            **common,
        )
    if family == "straight_bol":
        return supplier_doc(
            "bill_of_lading",
            f"BOL{rng.randint(7000000, 7999999)}",
            make_items(rng, rng.randint(1, 4), "lb"),
            reference=_ref(rng),
            ship_date=base,  # a bill of lading is dated the day the load ships
            carrier=carrier,
            establishments=[supplier[3]],
            prices=False,
            total_printed=False,
            total_weight_printed=True,
            total_boxes_printed=True,
            currency=None,
        )
    if family == "vics_bol":
        return supplier_doc(
            "bill_of_lading",
            f"{rng.randint(10**9, 10**10 - 1)}",
            make_items(rng, rng.randint(1, 4), "lb"),
            reference=_ref(rng),
            ship_date=base,
            carrier=carrier,
            establishments=[supplier[3]],
            prices=False,
            total_printed=False,
            total_weight_printed=True,
            total_boxes_printed=True,
            currency=None,
        )
    if family == "email_po":
        return customer_doc(
            "purchase_order",
            f"{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
            make_items(rng, rng.randint(1, 4), "lb", weight_decimals=0),
            delivery_date=base + timedelta(days=rng.randint(2, 6)),
            carrier=carrier if rng.random() < 0.7 else None,
            terms=terms if rng.random() < 0.5 else None,
        )
    if family == "erp_landscape":
        doc = supplier_doc(
            "sales_confirmation",
            f"SO{rng.randint(1000000, 9999999)}",
            make_items(rng, rng.randint(3, 9), rng.choice(["lb", "cwt"])),
            reference=_ref(rng),
            ship_date=base + timedelta(days=2),
            delivery_date=base + timedelta(days=4),
            carrier=carrier,
            terms=terms,
            codes=True,
            establishments=[supplier[3]],
            total_weight_printed=True,
            total_boxes_printed=True,
        )
        doc.style["two_row"] = rng.random() < 0.5
        return doc
    if family == "broker_invoice":
        return customer_doc(
            "invoice",
            f"SPB-{rng.randint(10000, 99999)}",
            make_items(rng, rng.randint(2, 6), rng.choice(["lb", "case"])),
            reference=_ref(rng),
            ship_date=base - timedelta(days=2),
            due_date=base + timedelta(days=int(terms.split()[1])),
            terms=terms,
            carrier=carrier if rng.random() < 0.5 else None,
            freight=round(rng.uniform(100, 600), 2) if rng.random() < 0.5 else 0.0,
        )
    # --- held-out families ---
    if family == "two_row_po":
        return customer_doc(
            "purchase_order",
            f"P{rng.randint(100000, 999999)}",
            make_items(rng, rng.randint(2, 6), rng.choice(["lb", "cwt"])),
            ship_date=base + timedelta(days=2),
            delivery_date=base + timedelta(days=4),
            carrier=carrier,
            terms=terms,
            codes=True,
            total_weight_printed=True,
            total_boxes_printed=True,
        )
    if family == "email_thread":
        return supplier_doc(
            "sales_confirmation",
            f"{rng.randint(300000, 399999)}",
            make_items(rng, rng.randint(1, 3), "lb", weight_decimals=0),
            reference=_ref(rng),
            ship_date=base + timedelta(days=rng.randint(1, 4)),
            carrier=carrier if rng.random() < 0.6 else None,
            establishments=[supplier[3]] if rng.random() < 0.5 else [],
            total_printed=rng.random() < 0.7,
        )
    if family == "manifest_bol":
        return supplier_doc(
            "bill_of_lading",
            f"SM{rng.randint(100000, 999999)}",
            make_items(rng, rng.randint(2, 5), "lb"),
            reference=_ref(rng),
            ship_date=base,
            delivery_date=base + timedelta(days=2),
            carrier=carrier,
            establishments=[supplier[3]],
            prices=False,
            total_printed=False,
            total_weight_printed=True,
            total_boxes_printed=True,
            currency=None,
        )
    if family == "kg_packing_confirmation":
        exp = rng.choice(EXPORT_SUPPLIERS)
        return GenDoc(
            kind="sales_confirmation",
            number=f"EX{rng.randint(10000, 99999)}",
            counterparty=exp[0],
            counterparty_lines=list(exp[1:3]),
            role="supplier",
            items=make_items(rng, rng.randint(2, 5), "kg", kg=True, proteins={"beef", "pork"}),
            reference=_ref(rng),
            ship_date=base + timedelta(days=3),
            delivery_date=base + timedelta(days=6),
            terms=terms,
            currency="CAD",
            establishments=[exp[3]],
            total_weight_printed=True,
            total_boxes_printed=True,
            **common,
        )
    if family == "price_sheet":
        return supplier_doc(
            "sales_confirmation",
            f"Q-{rng.randint(1000, 9999)}",
            make_items(rng, rng.randint(4, 8), rng.choice(["lb", "cwt"])),
            terms=terms,
            codes=True,
            boxes_printed=False,
            weights_printed=False,
            total_printed=False,
            establishments=[supplier[3]],
        )
    if family == "boxed_confirmation":
        return supplier_doc(
            "sales_confirmation",
            f"{rng.randint(800000, 899999)}",
            make_items(rng, rng.randint(2, 5), rng.choice(["lb", "cwt", "case"])),
            reference=_ref(rng),
            ship_date=base + timedelta(days=2),
            delivery_date=base + timedelta(days=4),
            carrier=carrier,
            terms=terms,
            establishments=[supplier[3]],
            freight=round(rng.uniform(200, 800), 2),
            total_weight_printed=True,
        )
    if family == "multipage_erp_invoice":
        return supplier_doc(
            "invoice",
            f"{rng.randint(9000000, 9999999)}",
            make_items(rng, rng.randint(30, 44), "lb"),
            reference=_ref(rng),
            ship_date=base,
            due_date=base + timedelta(days=int(terms.split()[1])),
            terms=terms,
            carrier=carrier,
            codes=True,
            total_weight_printed=True,
            total_boxes_printed=True,
        )
    raise ValueError(f"unknown family {family}")


# --- drawing: tuning families ------------------------------------------------------------------------------

BOX_TITLES = ["Cases", "Boxes", "Cs", "Qty", "Ctns", "Cartons", "Qty (cs)"]
WEIGHT_TITLES = ["Weight", "Net Wt", "Net Lbs", "Lbs", "Pounds", "Net Weight", "Weight (lb)"]
PRICE_TITLES = ["Price", "Unit Price", "Rate", "Cost", "Price/Unit"]
TOTAL_TITLES = ["Amount", "Total", "Ext. Price", "Extended", "Line Total", "Ext Amount"]
DESC_TITLES = ["Description", "Product", "Item Description", "Product Description"]
CODE_TITLES = ["Item #", "Code", "SKU", "Product Code", "Item No."]


def unit_suffix(unit: str) -> str:
    return {"lb": "/lb", "cwt": "/cwt", "kg": "/kg", "case": "/cs"}[unit]


def item_columns(doc: GenDoc, s: Style, *, shuffle_numbers=True, with_unit_in_price=None):
    """(key, title, width, align) for a line table, in a random but plausible order."""
    unit = doc.items[0].price_unit
    unit_in_header = with_unit_in_price if with_unit_in_price is not None else s.rng.random() < 0.5
    cols = []
    if doc.codes:
        cols.append(("code", s.pick(CODE_TITLES), 52, "L"))
    cols.append(("desc", s.pick(DESC_TITLES), 190, "L"))
    numbers = [("boxes", s.pick(BOX_TITLES), 48, "R"), ("weight", s.pick(WEIGHT_TITLES), 70, "R")]
    if shuffle_numbers and s.rng.random() < 0.3:
        numbers.reverse()
    cols += numbers
    if doc.prices:
        price_title = s.pick(PRICE_TITLES)
        if unit_in_header:
            price_title = {"lb": "Price/lb", "cwt": "Price/CWT", "kg": "Price/kg", "case": "Price/cs"}[unit]
        cols.append(("price", price_title, 64, "R"))
        cols.append(("total", s.pick(TOTAL_TITLES), 78, "R"))
    return cols, unit_in_header


def item_cells(doc: GenDoc, s: Style, item: Item, cols, unit_in_header: bool) -> list[str]:
    out = []
    for key, _title, _w, _a in cols:
        if key == "code":
            out.append(item.code)
        elif key == "desc":
            out.append(item.description)
        elif key == "boxes":
            out.append(str(item.boxes))
        elif key == "weight":
            w = item.weight_kg if item.weight_kg is not None else item.weight_lb
            out.append(s.num(w, 1 if item.weight_kg is not None or w == round(w, 1) else 2))
        elif key == "price":
            text = s.money(item.unit_price, price_decimals(item))
            out.append(text if unit_in_header else text + unit_suffix(item.price_unit))
        elif key == "total":
            out.append(s.money(item.total))
    return out


def scale_columns(cols, width):
    total = sum(c[2] for c in cols)
    return [(k, t, w * width / total, a) for k, t, w, a in cols]


def draw_ruled_po(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 60, doc.counterparty, 15, True)
    c.text(40, 76, doc.counterparty_lines[0])
    c.text(40, 88, doc.counterparty_lines[1])
    c.text(40, 100, "Phone (312) 555-0142")
    c.text(572, 60, s.pick(["PURCHASE ORDER", "Purchase Order"]), 18, True, "R")
    fields = [
        (s.pick(["PO Number", "PO #", "P.O. No.", "Order No."]), doc.number),
        (s.pick(["Order Date", "Date", "PO Date"]), s.date(doc.doc_date)),
        (s.pick(["Ship Date", "Pickup Date"]), s.date(doc.ship_date)),
        (s.pick(["Delivery Date", "Deliver By", "Delivery"]), s.date(doc.delivery_date)),
        ("Terms", doc.terms),
        (s.pick(["Carrier", "Ship Via"]), doc.carrier),
    ]
    y = 120
    for label, value in fields:
        c.text(370, y, s.label(label), 9, True)
        c.text(460, y, value)
        y += 14
    c.text(40, 130, s.label(s.pick(["Vendor", "Supplier", "To"])), 9, True)
    for i, part in enumerate(OWN_LINES):
        c.text(40, 144 + 12 * i, part)
    cols, uih = item_columns(doc, s)
    cols = scale_columns(cols, 532)
    y = c.table(
        40,
        230,
        [(t, w, a) for _k, t, w, a in cols],
        [item_cells(doc, s, it, cols, uih) for it in doc.items],
        header_fill=(225, 225, 225),
        row_h=18,
    )
    y += 20
    c.text(400, y, s.label("Total Weight"), 9, True)
    c.text(572, y, f"{s.num(doc.total_weight, 1)} lb", align="R")
    c.text(400, y + 14, s.label(s.pick(["Order Total", "Total", "PO Total"])), 9, True)
    c.text(572, y + 14, s.money(doc.total), align="R")
    c.text(40, y + 60, "Please confirm receipt of this order. All product must be USDA inspected.", 8)
    return c.bytes()


def draw_unruled_confirmation(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(306, 56, doc.counterparty.upper(), 14, True, "C")
    c.text(306, 70, f"{doc.counterparty_lines[0]}  |  {doc.counterparty_lines[1]}", 8, align="C")
    c.text(306, 96, s.pick(["SALES CONFIRMATION", "ORDER CONFIRMATION", "Confirmation of Sale"]), 13, True, "C")
    labels = [
        (s.pick(["Confirmation No.", "Conf #", "Sales Order No."]), doc.number),
        (s.pick(["Date", "Conf. Date"]), s.date(doc.doc_date)),
        (s.pick(["Pickup Date", "Ship Date", "Load Date"]), s.date(doc.ship_date)),
        (s.pick(["Your PO #", "Customer PO", "Buyer PO"]), doc.reference),
        ("Terms", doc.terms),
    ]
    x = 40
    for label, value in labels:
        c.text(x, 126, label, 8, True)
        c.text(x, 140, value, 9)
        x += 108
    c.text(40, 172, s.label("Sold To"), 8, True)
    c.text(90, 172, OWN_LINES[0])
    c.text(40, 186, s.label(s.pick(["Carrier", "Trucking"])), 8, True)
    c.text(90, 186, doc.carrier)
    c.text(330, 172, f"Plant: USDA EST. {doc.establishments[0]}", 9)
    cols, uih = item_columns(doc, s, with_unit_in_price=False)
    x = 40
    xs = []
    for key, _t, w, a in scale_columns(cols, 532):
        xs.append((key, x + (w if a == "R" else 0), a))
        x += w
    y = 226
    for (_key, xx, a), (_k, title, _w, _a) in zip(xs, cols, strict=True):
        c.text(xx, y, title, 9, True, a)
    y += 20
    for item in doc.items:
        for (_key, xx, a), value in zip(xs, item_cells(doc, s, item, cols, uih), strict=True):
            c.text(xx, y, value, 9, False, a)
        y += 16
    y += 10
    c.text(40, y, "Totals", 9, True)
    for key, xx, a in xs:
        if key == "boxes":
            c.text(xx, y, str(doc.total_boxes), 9, True, a)
        if key == "weight":
            c.text(xx, y, s.num(doc.total_weight, 1), 9, True, a)
        if key == "total":
            c.text(xx, y, s.money(doc.total), 9, True, a)
    c.text(40, y + 40, "Prices are FOB plant. Product subject to catch weight.", 8)
    return c.bytes()


def draw_multipage_invoice(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    per_page = 22
    chunks = [doc.items[i : i + per_page] for i in range(0, len(doc.items), per_page)]
    cols, uih = item_columns(doc, s, shuffle_numbers=False)
    cols = scale_columns(cols, 532)
    doc.pages = len(chunks)
    for page_no, chunk in enumerate(chunks, start=1):
        c.page()
        c.text(40, 58, doc.counterparty, 13, True)
        c.text(40, 72, s.label("Remit To"), 8, True)
        c.text(84, 72, f"{doc.counterparty_lines[0]}, {doc.counterparty_lines[1]}", 8)
        c.text(572, 58, "INVOICE", 20, True, "R")
        c.text(572, 74, f"Page {page_no} of {len(chunks)}", 8, align="R")
        if page_no == 1:
            rows = [
                (s.pick(["Invoice No", "Invoice #", "Inv. No."]), doc.number),
                (s.pick(["Invoice Date", "Date"]), s.date(doc.doc_date)),
                (s.pick(["Due Date", "Payment Due"]), s.date(doc.due_date)),
                (s.pick(["Customer PO", "Your PO #", "PO Number"]), doc.reference),
                ("Terms", doc.terms),
                (s.pick(["Ship Date", "Date Shipped"]), s.date(doc.ship_date)),
                (s.pick(["Carrier", "Ship Via"]), doc.carrier),
            ]
            for i, (label, value) in enumerate(rows):
                c.text(370, 100 + 13 * i, s.label(label), 8, True)
                c.text(450, 100 + 13 * i, value, 8)
            c.text(40, 100, s.label("Bill To"), 8, True)
            for i, part in enumerate(OWN_LINES):
                c.text(40, 113 + 12 * i, part, 8)
            y = 210
        else:
            c.text(40, 96, f"Invoice {doc.number} (continued)", 8)
            y = 110
        y = c.table(
            40,
            y,
            [(t, w, a) for _k, t, w, a in cols],
            [item_cells(doc, s, it, cols, uih) for it in chunk],
            ruled=False,
            row_h=14,
        )
        if page_no < len(chunks):
            c.text(572, y + 14, "Continued on next page", 8, align="R", italic=True)
    y += 20
    c.text(400, y, s.label(s.pick(["Subtotal", "Merchandise Total", "Product Total"])), 9, True)
    c.text(572, y, s.money(doc.merchandise), 9, align="R")
    c.text(400, y + 14, s.label(s.pick(["Freight", "Freight Charge"])), 9, True)
    c.text(572, y + 14, s.money(doc.freight), 9, align="R")
    c.text(400, y + 28, s.label("Total Weight"), 9, True)
    c.text(572, y + 28, f"{s.num(doc.total_weight, 1)} lbs", 9, align="R")
    c.text(400, y + 42, s.label(s.pick(["Amount Due", "Invoice Total", "Total Due"])), 9, True)
    c.text(572, y + 42, s.money(doc.total), 9, True, "R")
    return c.bytes()


def draw_kg_export_invoice(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 56, doc.counterparty, 15, True)
    c.text(40, 70, ", ".join(doc.counterparty_lines), 8)
    c.text(572, 56, s.pick(["COMMERCIAL INVOICE", "EXPORT INVOICE"]), 14, True, "R")
    info = [
        (s.pick(["Invoice No.", "Invoice Number"]), doc.number),
        (s.pick(["Invoice Date", "Date"]), s.date(doc.doc_date)),
        (s.pick(["Ship Date", "Export Date"]), s.date(doc.ship_date)),
        (s.pick(["Purchase Order", "Buyer PO", "Customer PO"]), doc.reference),
        ("Currency", "CAD"),
        (s.pick(["Payment Terms", "Terms"]), doc.terms),
        (s.pick(["Carrier", "Transport"]), doc.carrier),
    ]
    for i, (label, value) in enumerate(info):
        col, row = divmod(i, 4)
        c.text(40 + 280 * col, 100 + 14 * row, s.label(label), 9, True)
        c.text(140 + 280 * col, 100 + 14 * row, value, 9)
    c.text(40, 170, s.label(s.pick(["Consignee", "Sold To", "Importer"])), 9, True)
    c.text(110, 170, OWN_LINES[0], 9)
    c.text(40, 184, f"Est. {doc.establishments[0]} - Product of Canada", 9)
    heads = [
        ("boxes", s.pick(["Cartons", "Ctns", "No. of Cartons"]), 76, "R"),
        ("desc", s.pick(["Description of Goods", "Description", "Product"]), 184, "L"),
        ("weight", s.pick(["Net Weight (kg)", "Net kg", "Kgs Net"]), 90, "R"),
        ("price", s.pick(["Price/kg", "CAD/kg", "Unit Price (kg)"]), 80, "R"),
        ("total", s.pick(["Amount", "Value CAD", "Total"]), 102, "R"),
    ]
    if s.rng.random() < 0.5:
        heads[0], heads[1] = heads[1], heads[0]
    rows = []
    for it in doc.items:
        values = {
            "boxes": str(it.boxes),
            "desc": it.description,
            "weight": s.num(it.weight_kg, 1),
            "price": s.num(it.unit_price),
            "total": s.num(it.total),
        }
        rows.append([values[k] for k, *_ in heads])
    y = c.table(40, 210, [(t, w, a) for _k, t, w, a in heads], rows, header_fill=(210, 220, 235), row_h=16)
    total_kg = round(sum(it.weight_kg for it in doc.items), 1)
    y += 18
    c.text(330, y, s.label("Total Cartons"), 9, True)
    c.text(568, y, str(doc.total_boxes), 9, align="R")
    c.text(330, y + 14, s.label("Total Net Weight"), 9, True)
    c.text(568, y + 14, f"{s.num(total_kg, 1)} kg", 9, align="R")
    c.text(330, y + 28, s.label("Total (CAD)"), 9, True)
    c.text(568, y + 28, s.num(doc.total), 9, True, "R")
    return c.bytes()


def draw_straight_bol(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(306, 56, s.pick(["STRAIGHT BILL OF LADING - SHORT FORM", "BILL OF LADING"]), 14, True, "C")
    c.text(40, 84, s.label(s.pick(["BOL No.", "B/L Number", "BOL #"])), 9, True)
    c.text(100, 84, doc.number)
    c.text(250, 84, s.label("Date"), 9, True)
    c.text(282, 84, s.date(doc.doc_date))
    c.text(400, 84, s.label(s.pick(["PO #", "Customer PO", "Order Ref"])), 9, True)
    c.text(470, 84, doc.reference)
    c.rect(40, 96, 260, 70)
    c.rect(312, 96, 260, 70)
    c.text(46, 108, "SHIPPER", 8, True)
    c.text(46, 122, doc.counterparty, 9)
    c.text(46, 134, doc.counterparty_lines[0], 9)
    c.text(46, 146, doc.counterparty_lines[1], 9)
    c.text(318, 108, "CONSIGNEE", 8, True)
    c.text(318, 122, "Heartland Foods Distributors", 9)
    c.text(318, 134, "c/o " + OWN_NAME, 9)
    c.text(40, 186, s.label("Carrier"), 9, True)
    c.text(90, 186, doc.carrier)
    c.text(330, 186, s.label("Trailer #"), 9, True)
    c.text(380, 186, f"TR{s.rng.randint(1000, 9999)}")
    c.text(460, 186, s.label("Seal #"), 9, True)
    c.text(500, 186, str(s.rng.randint(100000, 999999)))
    c.text(40, 200, f"USDA Est. {doc.establishments[0]}", 9)
    heads = [
        ("boxes", s.pick(["Pieces", "Cases", "No. Pkgs"]), 60, "R"),
        ("desc", s.pick(["Description of Articles", "Description", "Commodity"]), 300, "L"),
        ("weight", s.pick(["Weight (lbs)", "Gross Weight", "Weight"]), 100, "R"),
    ]
    rows = [[str(it.boxes), it.description, s.num(it.weight_lb, 1)] for it in doc.items]
    y = c.table(40, 220, [(t, w, a) for _k, t, w, a in heads], rows, row_h=16)
    c.table(
        40,
        y,
        [("", 60, "R"), ("", 300, "L"), ("", 100, "R")],
        [[str(doc.total_boxes), "TOTAL", s.num(doc.total_weight, 1)]],
        row_h=16,
        bold_head=False,
    )
    c.text(40, y + 60, "Keep refrigerated at or below 28 F. Shipper's load and count.", 8)
    return c.bytes()


def draw_vics_bol(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s, landscape=False)
    c.page()
    c.text(40, 44, s.label("Date"), 8, True)
    c.text(70, 44, s.date(doc.ship_date), 8)
    c.text(306, 50, "BILL OF LADING", 14, True, "C")
    c.text(572, 44, "Page 1 of 1", 8, align="R")
    c.rect(40, 56, 266, 80)
    c.text(44, 66, "SHIP FROM", 8, True)
    c.text(44, 80, f"Name: {doc.counterparty}", 8)
    c.text(44, 92, f"Address: {doc.counterparty_lines[0]}", 8)
    c.text(44, 104, f"City/State/Zip: {doc.counterparty_lines[1]}", 8)
    c.text(44, 116, f"SID#: {s.rng.randint(10000, 99999)}", 8)
    c.rect(306, 56, 266, 80)
    c.text(310, 66, s.label("Bill of Lading Number"), 8, True)
    c.text(420, 66, doc.number, 9)
    c.text(310, 84, s.label("CARRIER NAME"), 8, True)
    c.text(380, 84, doc.carrier, 8)
    c.text(310, 96, s.label("Trailer number"), 8)
    c.text(380, 96, f"{s.rng.randint(100, 999)}R", 8)
    c.text(310, 108, s.label("Seal number(s)"), 8)
    c.text(380, 108, str(s.rng.randint(1000000, 9999999)), 8)
    c.text(310, 120, s.label("SCAC"), 8)
    c.text(380, 120, "".join(s.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4)), 8)
    c.text(310, 132, s.label("Carrier PRO #"), 8)
    c.text(380, 132, str(s.rng.randint(10**8, 10**9 - 1)), 8)
    c.rect(40, 136, 266, 64)
    c.text(44, 146, "SHIP TO", 8, True)
    customer = s.pick(CUSTOMERS)
    c.text(44, 160, f"Name: {customer[0]}", 8)
    c.text(44, 172, f"Address: {customer[1]}", 8)
    c.text(44, 184, f"City/State/Zip: {customer[2]}", 8)
    c.rect(306, 136, 266, 64)
    c.text(310, 146, "THIRD PARTY FREIGHT CHARGES BILL TO", 8, True)
    c.text(310, 160, f"Name: {OWN_NAME}", 8)
    c.text(310, 172, f"Address: {OWN_LINES[1]}", 8)
    c.text(310, 184, f"City/State/Zip: {OWN_LINES[2]}", 8)
    c.text(44, 214, f"SPECIAL INSTRUCTIONS: Keep frozen. Plant {doc.establishments[0]}.", 8)
    c.text(306, 230, "CUSTOMER ORDER INFORMATION", 9, True, "C")
    y = c.table(
        40,
        236,
        [
            ("CUSTOMER ORDER NUMBER", 180, "L"),
            ("# PKGS", 70, "R"),
            ("WEIGHT", 80, "R"),
            ("ADDITIONAL SHIPPER INFO", 202, "L"),
        ],
        [[doc.reference, str(doc.total_boxes), s.num(doc.total_weight, 0), "Keep at 0 F"]],
        size=7.5,
        row_h=14,
    )
    c.text(306, y + 14, "CARRIER INFORMATION", 9, True, "C")
    cols = [
        ("HANDLING UNIT QTY", 62, "R"),
        ("TYPE", 36, "L"),
        ("PACKAGE QTY", 56, "R"),
        ("TYPE", 36, "L"),
        ("WEIGHT", 64, "R"),
        ("H.M.", 28, "L"),
        ("COMMODITY DESCRIPTION", 170, "L"),
        ("NMFC #", 44, "L"),
        ("CLASS", 36, "L"),
    ]
    rows = []
    for it in doc.items:
        rows.append(
            [
                str(max(1, it.boxes // 40)),
                "PLT",
                str(it.boxes),
                "CS",
                s.num(it.weight_lb, 0 if it.weight_lb == round(it.weight_lb) else 1),
                "",
                it.description,
                "73227",
                "65",
            ]
        )
    rows.append(["", "", str(doc.total_boxes), "", s.num(doc.total_weight, 1), "", "GRAND TOTAL", "", ""])
    c.table(40, y + 20, cols, rows, size=7, row_h=14)
    return c.bytes()


def _email_header(c: Canvas, s: Style, sender: str, sender_mail: str, to: str, when: date, subject: str) -> float:
    day = when.strftime("%A")
    c.text(40, 50, sender, 11, True)
    c.line(40, 56, 572, 56)
    y = 74
    for label, value in [
        ("From", f"{sender} <{sender_mail}>"),
        (s.pick(["Sent", "Date"]), f"{day}, {s.date(when)} {s.rng.randint(7, 11)}:{s.rng.randint(10, 59)} AM"),
        ("To", to),
        ("Subject", subject),
    ]:
        c.text(40, y, f"{label}:", 9, True)
        c.text(100, y, value, 9)
        y += 13
    return y + 16


def draw_email_po(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    person = s.pick(PEOPLE)
    domain = doc.counterparty.split()[0].lower() + ".com"
    subject = s.pick(
        [f"PO {doc.number} - order for {s.date(doc.delivery_date)}", f"New order PO# {doc.number}", f"PO {doc.number}"]
    )
    y = _email_header(
        c, s, person, f"{person.split()[0].lower()}@{domain}", "orders@summitprotein.com", doc.doc_date, subject
    )
    body = [
        s.pick(["Hi team,", "Hello,", "Good morning,"]),
        "",
        f"Please book the following for delivery {doc.delivery_date.strftime('%A')} {s.date(doc.delivery_date)}:",
        "",
    ]
    for it in doc.items:
        body.append(
            f"- {it.boxes} cs {it.description} – approx {s.num(it.weight_lb, 0)} lbs @ "
            f"${it.unit_price:.{price_decimals(it)}f}/lb = ${s.num(it.total)}"
        )
    body.append("")
    if doc.carrier:
        body.append(f"Ship via {doc.carrier}.")
    if doc.terms:
        body.append(f"Terms {doc.terms} as usual.")
    body.append(f"Estimated total ${s.num(doc.total)}")
    body += ["", "Thanks,", person, doc.counterparty, f"{doc.counterparty_lines[0]}, {doc.counterparty_lines[1]}"]
    for line in body:
        c.text(40, y, line, 10)
        y += 14
    return c.bytes()


def draw_erp_landscape(doc: GenDoc, s: Style) -> bytes:
    s.font = "Courier"
    c = Canvas(s, landscape=True)
    c.page()
    c.text(40, 40, f"{doc.counterparty.upper()}  -  ORDER ACKNOWLEDGEMENT", 11, True)
    c.text(40, 54, f"{doc.counterparty_lines[0]}, {doc.counterparty_lines[1]}", 8)
    c.text(752, 40, f"Run {s.date(doc.doc_date)} 06:12", 8, align="R")
    kv = [
        (s.pick(["Sales Order", "Order No", "SO Number"]), doc.number),
        (s.pick(["Order Date", "Entered"]), s.date(doc.doc_date)),
        (s.pick(["Cust PO", "Customer PO #", "Customer Ref"]), doc.reference),
        (s.pick(["Ship Date", "Sched Ship"]), s.date(doc.ship_date)),
        (s.pick(["Deliver Date", "Arrival", "Requested Delivery"]), s.date(doc.delivery_date)),
        (s.pick(["Ship Via", "Carrier"]), doc.carrier),
        (s.pick(["Terms", "Pay Terms"]), doc.terms),
        ("Plant", f"EST {doc.establishments[0]}"),
        (s.pick(["Bill To", "Sold To"]), OWN_NAME),
    ]
    for i, (label, value) in enumerate(kv):
        col, row = divmod(i, 3)
        c.text(40 + 250 * col, 80 + 12 * row, s.label(label), 8, True)
        c.text(130 + 250 * col, 80 + 12 * row, value, 8)
    unit = doc.items[0].price_unit
    cols = [
        ("Ln", 22, "R"),
        ("Item", 46, "L"),
        ("Description", 200, "L"),
        ("Lot", 60, "L"),
        ("Ord Qty", 52, "R"),
        ("UOM", 30, "L"),
        ("Net Wt", 70, "R"),
        ("Price", 60, "R"),
        ("Per", 30, "L"),
        ("Ext Amount", 80, "R"),
    ]
    two_row = doc.style.get("two_row")
    y = 130
    x = 40
    for title, w, a in cols:
        c.text(x + (w - 4 if a == "R" else 4), y, title, 8, True, a)
        x += w
    c.line(40, y + 4, 752, y + 4)
    y += 16
    for n, it in enumerate(doc.items, start=1):
        values = [
            str(n),
            it.code,
            "" if two_row else it.description,
            f"L{s.rng.randint(10000, 99999)}",
            str(it.boxes),
            "CS",
            s.num(it.weight_lb, 1),
            s.num(it.unit_price, price_decimals(it)),
            {"lb": "LB", "cwt": "CWT"}[unit],
            s.num(it.total),
        ]
        x = 40
        for (_title, w, a), v in zip(cols, values, strict=True):
            c.text(x + (w - 4 if a == "R" else 4), y, v, 8, False, a)
            x += w
        y += 11
        if two_row:
            c.text(112, y, it.description, 8)
            y += 13
    c.line(40, y, 752, y)
    y += 14
    c.text(40, y, s.label("Total Cases"), 8, True)
    c.text(160, y, str(doc.total_boxes), 8)
    c.text(240, y, s.label("Total Net Wt"), 8, True)
    c.text(360, y, s.num(doc.total_weight, 1), 8)
    c.text(560, y, s.label("Order Total"), 8, True)
    c.text(752, y, s.num(doc.total), 8, True, "R")
    return c.bytes()


def draw_broker_invoice(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 58, OWN_LINES[0], 16, True)
    c.text(40, 72, f"{OWN_LINES[1]}, {OWN_LINES[2]}", 8)
    c.text(40, 84, "Phone (303) 555-0199  ar@summitprotein.com", 8)
    c.text(572, 58, "INVOICE", 20, True, "R")
    c.text(40, 116, s.label(s.pick(["Bill To", "Sold To", "Customer"])), 9, True)
    c.text(40, 130, doc.counterparty, 10)
    c.text(40, 142, doc.counterparty_lines[0], 9)
    c.text(40, 154, doc.counterparty_lines[1], 9)
    info = [
        (s.pick(["Invoice #", "Invoice No.", "Invoice Number"]), doc.number),
        (s.pick(["Invoice Date", "Date"]), s.date(doc.doc_date)),
        (s.pick(["Your PO", "Customer PO", "P.O. Number"]), doc.reference),
        (s.pick(["Ship Date", "Shipped"]), s.date(doc.ship_date)),
        ("Terms", doc.terms),
        (s.pick(["Due Date", "Payment Due"]), s.date(doc.due_date)),
    ]
    if doc.carrier:
        info.append((s.pick(["Carrier", "Ship Via"]), doc.carrier))
    for i, (label, value) in enumerate(info):
        c.text(370, 116 + 13 * i, s.label(label), 9, True)
        c.text(460, 116 + 13 * i, value, 9)
    cols, uih = item_columns(doc, s)
    cols = scale_columns(cols, 532)
    y = c.table(
        40,
        230,
        [(t, w, a) for _k, t, w, a in cols],
        [item_cells(doc, s, it, cols, uih) for it in doc.items],
        ruled=s.rng.random() < 0.5,
        row_h=16,
    )
    y += 20
    c.text(400, y, s.label("Subtotal"), 9, True)
    c.text(572, y, s.money(doc.merchandise), 9, align="R")
    if doc.freight:
        y += 14
        c.text(400, y, s.label("Freight"), 9, True)
        c.text(572, y, s.money(doc.freight), 9, align="R")
    c.text(400, y + 14, s.label(s.pick(["Total Due", "Invoice Total", "Amount Due"])), 9, True)
    c.text(572, y + 14, s.money(doc.total), 9, True, "R")
    c.text(40, y + 60, "Please remit to Summit Protein Brokers LLC. Thank you for your business.", 8)
    return c.bytes()


# --- drawing: held-out families ----------------------------------------------------------------------------


def draw_two_row_po(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 52, doc.counterparty, 14, True)
    c.text(40, 65, f"{doc.counterparty_lines[0]} - {doc.counterparty_lines[1]}", 8)
    c.text(572, 52, "PURCHASE ORDER", 13, True, "R")
    grid = [
        (s.pick(["Purchase Order No.", "PO Number"]), doc.number),
        (s.pick(["Issue Date", "Order Date"]), s.date(doc.doc_date)),
        (s.pick(["Requested Ship", "Ship Date"]), s.date(doc.ship_date)),
        (s.pick(["Arrival Date", "ETA", "Delivery Date"]), s.date(doc.delivery_date)),
        (s.pick(["Ship Via", "Freight Carrier"]), doc.carrier),
        (s.pick(["Payment Terms", "Terms"]), doc.terms),
    ]
    for i, (label, value) in enumerate(grid):
        col, row = divmod(i, 2)
        x, y = 40 + 177 * col, 84 + 34 * row
        c.rect(x, y, 177, 34)
        c.text(x + 4, y + 11, label, 7, True)
        c.text(x + 4, y + 26, value, 9)
    c.text(40, 170, s.label("Vendor"), 8, True)
    c.text(80, 170, OWN_NAME, 9)
    y = 196
    c.line(40, y, 572, y)
    c.text(44, y + 12, s.pick(["Item / Description", "Product"]), 8, True)
    heads = [(300, s.pick(["Cases", "Qty"])), (380, s.pick(["Est. Weight", "Pounds"])), (460, "Price"), (568, "Amount")]
    for x, t in heads:
        c.text(x, y + 12, t, 8, True, "R")
    c.line(40, y + 17, 572, y + 17)
    y += 30
    for it in doc.items:
        c.text(44, y, f"{it.code}  {it.description}", 9, True)
        y += 12
        c.text(300, y, str(it.boxes), 8, align="R")
        c.text(380, y, s.num(it.weight_lb, 1), 8, align="R")
        c.text(460, y, f"{s.money(it.unit_price, price_decimals(it))}{unit_suffix(it.price_unit)}", 8, align="R")
        c.text(568, y, s.money(it.total), 8, align="R")
        y += 17
    c.line(40, y - 6, 572, y - 6)
    c.text(44, y + 8, s.label("Total cases"), 8, True)
    c.text(300, y + 8, str(doc.total_boxes), 8, align="R")
    c.text(380, y + 8, s.num(doc.total_weight, 1), 8, align="R")
    c.text(460, y + 22, s.label(s.pick(["PO Total", "Estimated Total"])), 8, True, "R")
    c.text(568, y + 22, s.money(doc.total), 8, True, "R")
    return c.bytes()


def draw_email_thread(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    person = s.pick(PEOPLE)
    domain = doc.counterparty.split()[0].lower() + "foods.com"
    subject = f"RE: Confirming your PO# {doc.reference}"
    y = _email_header(c, s, person, f"sales@{domain}", "Purchasing <buy@summitprotein.com>", doc.doc_date, subject)
    body = [
        s.pick(["Hi Summit team,", "Hello all,", "Hi John,"]),
        "",
        f"We can do it. Confirmation {doc.number} for your PO# {doc.reference}, loading {s.date(doc.ship_date)}:",
        "",
    ]
    for it in doc.items:
        body.append(
            f"{it.boxes} boxes {it.description}, about {s.num(it.weight_lb, 0)} lb at "
            f"{it.unit_price:.{price_decimals(it)}f} per lb (${s.num(it.total)})"
        )
    body.append("")
    if doc.total_printed:
        body.append(f"Confirmed total: ${s.num(doc.total)}")
    if doc.carrier:
        body.append(f"Your truck: {doc.carrier}.")
    if doc.establishments:
        body.append(f"Product from plant {doc.establishments[0]}.")
    body += ["", "Best regards,", person, doc.counterparty, doc.counterparty_lines[1], ""]
    quoted_date = s.date(doc.doc_date - timedelta(days=1))
    body.append(f"On {quoted_date}, Purchasing <buy@summitprotein.com> wrote:")
    body.append("> Hi, can you quote us 20 cs Pork Loin Bone-In 410 approx 1,200 lbs @ $1.85/lb = $2,220.00")
    body.append("> and 10 cs Chicken Wings Jumbo Whole. Thanks, Summit Protein Brokers LLC")
    for line in body:
        c.text(40, y, line, 10)
        y += 14
    return c.bytes()


def draw_manifest_bol(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 50, doc.counterparty, 13, True)
    c.text(40, 63, f"{doc.counterparty_lines[0]}, {doc.counterparty_lines[1]}", 8)
    c.text(572, 50, s.pick(["SHIPPING MANIFEST / BILL OF LADING", "BILL OF LADING & LOAD MANIFEST"]), 11, True, "R")
    left = [
        (s.pick(["Manifest / BOL No.", "B/L No."]), doc.number),
        (s.pick(["Ship Date", "Loaded"]), s.date(doc.ship_date)),
        (s.pick(["Due In", "ETA", "Appointment"]), s.date(doc.delivery_date)),
        (s.pick(["Cust. Order", "Customer PO No."]), doc.reference),
    ]
    right = [
        (s.pick(["Carrier PRO #", "PRO No."]), str(s.rng.randint(10**7, 10**8 - 1))),
        (s.pick(["Ship Via", "Transport Co."]), doc.carrier),
        ("Trailer", f"RF{s.rng.randint(100, 999)}"),
        ("Temp", "-10 F"),
    ]
    for i, (label, value) in enumerate(left):
        c.text(40, 90 + 13 * i, s.label(label), 8, True)
        c.text(135, 90 + 13 * i, value, 8)
    for i, (label, value) in enumerate(right):
        c.text(330, 90 + 13 * i, s.label(label), 8, True)
        c.text(420, 90 + 13 * i, value, 8)
    c.text(40, 150, s.label("Deliver To"), 8, True)
    cust = s.pick(CUSTOMERS)
    c.text(100, 150, f"{cust[0]}, {cust[1]}, {cust[2]}", 8)
    c.text(40, 163, s.label("Freight Bill To"), 8, True)
    c.text(110, 163, OWN_NAME, 8)
    c.text(40, 176, f"Inspected establishment {doc.establishments[0]}", 8)
    cols = [
        ("Pallets", 44, "R"),
        ("Cases", 46, "R"),
        ("Product", 200, "L"),
        ("Lot / Pack Date", 90, "L"),
        ("Net Wt", 70, "R"),
        ("Gross Wt", 70, "R"),
    ]
    rows = []
    for it in doc.items:
        rows.append(
            [
                str(max(1, round(it.boxes / 45))),
                str(it.boxes),
                it.description,
                f"{s.rng.randint(100, 999)} {s.date(doc.ship_date - timedelta(days=3))}",
                s.num(it.weight_lb, 1),
                s.num(it.weight_lb + it.boxes * 2.5, 1),
            ]
        )
    y = c.table(40, 196, cols, rows, header_fill=(230, 230, 230), row_h=15)
    c.text(44, y + 14, "Totals", 8, True)
    c.text(130, y + 14, str(doc.total_boxes), 8, True, "R")
    c.text(450, y + 14, s.num(doc.total_weight, 1), 8, True, "R")
    c.text(40, y + 50, "Received in good order. Consignee signature: ______________", 8)
    return c.bytes()


def draw_kg_packing_confirmation(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(306, 50, doc.counterparty, 14, True, "C")
    c.text(306, 63, " · ".join(doc.counterparty_lines), 8, align="C")
    c.text(306, 88, s.pick(["EXPORT SALES CONFIRMATION", "SALES CONTRACT"]), 12, True, "C")
    pairs = [
        (s.pick(["Contract No.", "Confirmation #"]), doc.number),
        (s.pick(["Date", "Contract Date"]), s.date(doc.doc_date)),
        (s.pick(["Buyer Ref.", "Your Order"]), doc.reference),
        (s.pick(["Shipment", "Departure"]), s.date(doc.ship_date)),
        (s.pick(["ETA", "Arrival"]), s.date(doc.delivery_date)),
        (s.pick(["Payment", "Terms of Payment"]), doc.terms),
        ("Currency", "CAD"),
        ("Establishment", doc.establishments[0]),
    ]
    for i, (label, value) in enumerate(pairs):
        col, row = divmod(i, 4)
        c.text(40 + 270 * col, 116 + 14 * row, s.label(label), 8, True)
        c.text(140 + 270 * col, 116 + 14 * row, value, 8)
    c.text(40, 184, s.label("Buyer"), 8, True)
    c.text(80, 184, OWN_NAME, 8)
    cols = [
        ("Ctns", 40, "R"),
        ("Product", 190, "L"),
        ("Gross kg", 66, "R"),
        ("Net kg", 66, "R"),
        ("CAD/kg", 60, "R"),
        ("Value", 80, "R"),
    ]
    rows = [
        [
            str(it.boxes),
            it.description,
            s.num(it.weight_kg * 1.04, 1),
            s.num(it.weight_kg, 1),
            s.num(it.unit_price),
            s.num(it.total),
        ]
        for it in doc.items
    ]
    y = c.table(40, 206, cols, rows, ruled=False, row_h=15)
    total_kg = round(sum(it.weight_kg for it in doc.items), 1)
    y += 16
    c.text(40, y, f"{doc.total_boxes} cartons", 8, True)
    c.text(300, y, s.label("Net weight"), 8, True)
    c.text(400, y, f"{s.num(total_kg, 1)} kg", 8)
    c.text(300, y + 14, s.label("Contract value CAD"), 8, True)
    c.text(502, y + 14, s.num(doc.total), 8, True, "R")
    return c.bytes()


def draw_price_sheet(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.text(40, 52, doc.counterparty, 14, True)
    c.text(40, 65, ", ".join(doc.counterparty_lines), 8)
    c.text(572, 52, s.pick(["PRICE CONFIRMATION", "WEEKLY PRICE SHEET - CONFIRMED"]), 11, True, "R")
    c.text(40, 92, s.label(s.pick(["Quote No.", "Sheet #"])), 8, True)
    c.text(110, 92, doc.number, 8)
    c.text(220, 92, s.label(s.pick(["Effective", "Date"])), 8, True)
    c.text(280, 92, s.date(doc.doc_date), 8)
    c.text(400, 92, s.label("Terms"), 8, True)
    c.text(440, 92, doc.terms, 8)
    c.text(40, 106, f"Prepared for {OWN_NAME}. Plant #{doc.establishments[0]}. FOB plant, subject to availability.", 8)
    unit = doc.items[0].price_unit
    cols = [
        ("Item", 50, "L"),
        ("Description", 240, "L"),
        ("Pack", 90, "L"),
        (f"Price ({'$/lb' if unit == 'lb' else '$/cwt'})", 90, "R"),
    ]
    rows = [
        [
            it.code,
            it.description,
            s.pick(["4/10 lb", "2 pc/cs", "~60 lb cs", "bulk"]),
            s.num(it.unit_price, price_decimals(it)),
        ]
        for it in doc.items
    ]
    c.table(40, 130, cols, rows, header_fill=(240, 235, 220), row_h=15)
    return c.bytes()


def draw_boxed_confirmation(doc: GenDoc, s: Style) -> bytes:
    c = Canvas(s)
    c.page()
    c.rect(40, 36, 532, 50, fill=(40, 40, 40))
    c.pdf.set_text_color(255, 255, 255)
    c.text(50, 58, doc.counterparty, 14, True)
    c.text(50, 74, f"{doc.counterparty_lines[0]}, {doc.counterparty_lines[1]}", 8)
    c.text(562, 66, "ORDER CONFIRMATION", 12, True, "R")
    c.pdf.set_text_color(0, 0, 0)
    boxes = [
        (s.pick(["Our Order #", "Confirmation"]), doc.number),
        (s.pick(["Confirmed On", "Date"]), s.date(doc.doc_date)),
        (s.pick(["Your P.O.", "Customer Order"]), doc.reference),
        (s.pick(["Pick-up", "Ship"]), s.date(doc.ship_date)),
        (s.pick(["Arrival", "ETA"]), s.date(doc.delivery_date)),
        (s.pick(["Ship Via", "Routing"]), doc.carrier),
        (s.pick(["Terms", "Payment Terms"]), doc.terms),
        (s.pick(["Plant No.", "Packer Plant"]), doc.establishments[0]),
    ]
    for i, (label, value) in enumerate(boxes):
        col, row = i % 4, i // 4
        x, y = 40 + 133 * col, 96 + 36 * row
        c.rect(x, y, 133, 36)
        c.text(x + 4, y + 11, label.upper(), 6.5, True)
        c.text(x + 4, y + 27, value, 8.5)
    c.text(40, 188, f"Customer: {OWN_NAME}", 8)
    cols, uih = item_columns(doc, s)
    cols = scale_columns(cols, 532)
    y = c.table(
        40,
        204,
        [(t.upper(), w, a) for _k, t, w, a in cols],
        [item_cells(doc, s, it, cols, uih) for it in doc.items],
        header_fill=(200, 200, 200),
        row_h=16,
    )
    y += 18
    c.text(420, y, s.pick(["Merchandise", "Product Subtotal", "Merchandise Subtotal"]), 8, True)
    c.text(572, y, s.money(doc.merchandise), 8, align="R")
    c.text(420, y + 13, s.pick(["Freight", "Delivered Freight"]), 8, True)
    c.text(572, y + 13, s.money(doc.freight), 8, align="R")
    c.text(420, y + 26, "Net Weight", 8, True)
    c.text(572, y + 26, f"{s.num(doc.total_weight, 1)} lb", 8, align="R")
    c.text(420, y + 39, s.pick(["Confirmed Total", "Total Confirmed"]), 8, True)
    c.text(572, y + 39, s.money(doc.total), 8, True, "R")
    return c.bytes()


def draw_multipage_erp_invoice(doc: GenDoc, s: Style) -> bytes:
    s.font = s.pick(["Courier", "Helvetica"])
    c = Canvas(s, landscape=True)
    per_page = 24
    chunks = [doc.items[i : i + per_page] for i in range(0, len(doc.items), per_page)]
    doc.pages = len(chunks)
    cols = [
        ("Product", 60, "L"),
        ("Description", 230, "L"),
        ("Boxes", 50, "R"),
        ("Pack Date", 70, "L"),
        ("Net Lbs", 70, "R"),
        ("$/Lb", 60, "R"),
        ("Extension", 90, "R"),
    ]
    for page_no, chunk in enumerate(chunks, start=1):
        c.page()
        c.text(40, 40, doc.counterparty, 12, True)
        c.text(40, 52, f"{doc.counterparty_lines[0]} {doc.counterparty_lines[1]}", 7)
        c.text(752, 40, f"INVOICE {doc.number}", 11, True, "R")
        c.text(752, 52, f"Sheet {page_no}/{len(chunks)}", 7, align="R")
        kv = [
            ("Inv Date", s.date(doc.doc_date)),
            ("Ship Date", s.date(doc.ship_date)),
            ("Due", s.date(doc.due_date)),
            ("Cust PO", doc.reference),
            ("Terms", doc.terms),
            ("Carrier", doc.carrier),
        ]
        for i, (label, value) in enumerate(kv):
            c.text(40 + 120 * i, 74, label, 7, True)
            c.text(40 + 120 * i, 84, value, 7.5)
        c.text(40, 100, f"Sold to: {OWN_NAME}", 7)
        y = c.table(
            40,
            110,
            cols,
            [
                [
                    it.code,
                    it.description,
                    str(it.boxes),
                    s.date(doc.ship_date - timedelta(days=2)),
                    s.num(it.weight_lb, 1),
                    s.num(it.unit_price, price_decimals(it)),
                    s.num(it.total),
                ]
                for it in chunk
            ],
            ruled=False,
            size=7.5,
            row_h=13,
        )
        page_total = round(sum(it.total for it in chunk), 2)
        c.text(520, y + 12, "Page total", 7, True)
        c.text(670, y + 12, s.num(page_total), 7, align="R")
    y += 32
    c.text(440, y, "Total boxes", 8, True)
    c.text(670, y, str(doc.total_boxes), 8, align="R")
    c.text(440, y + 12, "Total net lbs", 8, True)
    c.text(670, y + 12, s.num(doc.total_weight, 1), 8, align="R")
    c.text(440, y + 24, "INVOICE TOTAL", 8, True)
    c.text(670, y + 24, s.money(doc.total), 8, True, "R")
    return c.bytes()


DRAW = {name: globals()[f"draw_{name}"] for name in FAMILIES}


# --- images -----------------------------------------------------------------------------------------------


def scan_image(data: bytes, seed: int):
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    image = pdf_to_image(data, 150)
    angle = float(rng.uniform(-1.5, 1.5))
    gray = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.asarray(gray, dtype=np.float32)
    arr = arr * rng.uniform(0.85, 0.95) + rng.uniform(5, 20) + rng.normal(0, 6, arr.shape)
    arr[rng.random(arr.shape) < 0.002] = 40
    return Image.fromarray(np.clip(arr, 0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(0.6))


def photo_image(data: bytes, seed: int):
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    image = pdf_to_image(data, 140)
    w, h = image.size
    m = rng.uniform(0.02, 0.05)
    coeffs = _perspective_coeffs(
        [(0, 0), (w, 0), (w, h), (0, h)],
        [
            (w * m, h * m * rng.uniform(0.2, 0.8)),
            (w * (1 - m * rng.uniform(0.2, 0.6)), 0),
            (w, h),
            (w * m * rng.uniform(0.3, 0.9), h * (1 - m * 0.3)),
        ],
    )
    bg = tuple(int(v) for v in rng.integers(50, 110, 3))
    warped = image.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=bg)
    warped = warped.rotate(float(rng.uniform(-3, 3)), resample=Image.BICUBIC, fillcolor=bg)
    arr = np.asarray(warped, dtype=np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.2, 0.8), rng.uniform(0.1, 0.5)
    light = 0.75 + 0.25 * (1 - ((xx / w - cx) ** 2 + (yy / h - cy) ** 2))
    # a soft shadow across one side (a hand or the phone)
    edge = rng.uniform(0.6, 0.9)
    shadow = 1 - 0.3 / (1 + np.exp(-(xx / w - edge) * 25))
    arr = arr * (light * shadow)[..., None] * np.array([1.0, 0.97, 0.9]) + rng.normal(0, 7, arr.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype("uint8"))
    return out.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.4, 0.9))))


def render(doc: GenDoc) -> tuple[bytes, str]:
    """(file bytes, extension). Image sources draw the first page only."""
    style = Style(random.Random(doc.seed))
    data = DRAW[doc.family](doc, style)
    if doc.source == "text":
        return data, ".pdf"
    if doc.source == "scan":
        buffer = io.BytesIO()
        scan_image(data, doc.seed).save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), ".png"
    buffer = io.BytesIO()
    photo_image(data, doc.seed).save(buffer, format="JPEG", quality=75)
    return buffer.getvalue(), ".jpg"


SINGLE_PAGE_MAX_ITEMS = 8


def documents(*, per_family: int = 3, images: bool = True, families=None) -> list[GenDoc]:
    """The evaluation set: `per_family` text PDFs per family, plus one scan and one photo per family (drawn from
    a fresh document cut to a single page)."""
    out = []
    for family in families or FAMILIES:
        for index in range(per_family):
            out.append(build(family, index))
        if images:
            for offset, source in enumerate(("scan", "photo")):
                doc = build(family, 100 + offset)
                doc.items = doc.items[:SINGLE_PAGE_MAX_ITEMS]
                doc.source = source
                doc.name = f"{family}_{source}"
                out.append(doc)
    return out
