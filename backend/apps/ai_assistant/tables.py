"""Layout-independent line tables: words with positions -> header -> column roles -> rows -> line items.

1. A header is a row whose cells name at least three roles (description plus two of code, boxes, weight,
   price, total) in the header lexicon below; every other heading becomes a `skip` column, so handling units,
   NMFC codes, lots or gross weights keep their place without being read as boxes or weights.
2. Columns start at their heading's left edge. Each WORD of a data row (not each gap-separated cell, so a case
   count printed tight against the description is still its own value) goes to the column it starts in (text)
   or ends in (numbers, which are right-aligned under any heading). A word of letters that lands in a number
   column stays with the text column before it.
3. Column roles are checked against the content: a "boxes" column holding decimals, or a "total" column whose
   values are prices, is swapped with the column whose content fits.
4. Rows are assembled: an item whose values sit on the row under it (two-row items), a description under its
   values, tables continued on the next page (with or without a repeated header), running headers skipped.
5. A totals row ("Total", "Totals", "Grand total"; not "Page total") ends the table and gives the printed sums.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMERIC_ROLES = ("boxes", "weight", "price", "total")

# header lexicon: role -> pattern, tried in this order (the first match wins)
HEADER_ROLES: list[tuple[str, str]] = [
    (
        "skip",
        r"handling\s*units?|^h\.?\s*u\.?\b|^types?$|^h\.?\s*m\.?$|nmfc|^class$|^lot\b|pack\s*date|^uom$|^u\s*/\s*m$|"
        r"^ln$|^line(?:\s*(?:no\.?|#))?$|^#$|^seq|temp|pallets?|^plts?$|^pack$|^origin|^brand|^grade|"
        r"^prod(?:uction)?\s*date|^kill\s*date|^country|^hs\s*code|^tariff|^h\.?\s*s\.?\b|^dims?$|^cube",
    ),
    ("unit", r"^per$|^unit$|^price\s*unit|^pricing\s*unit|^uom\s*price"),
    ("total", r"amount|^total|line\s*total|extension|extended|^ext\b|^ext\.|value|^net\s*amount"),
    (
        "price",
        r"price|rate|cost|^\$\s*/|^[a-z]{3}\s*/\s*(?:kg|lb|cwt)|^\$\s*per|^per\s*(?:lb|kg|cwt)|^unit\s*(?:price|cost)",
    ),
    ("gross", r"gross"),
    ("weight", r"weight|\bwt\b|\blbs?\b|pounds|\bkgs?\b|kilos|^net\b|^net\s*(?:lbs?|kgs?)"),
    (
        "boxes",
        r"^(?:no\.?\s*(?:of\s*)?)?(?:boxes|box|bx|cases?|cs|ctns?|cartons?|pcs|pieces|pkgs?|packages?|units?)\b|"
        r"qty|quantity|^count$|^#\s*(?:pkgs?|cs|cases|boxes)",
    ),
    ("description", r"descr|commodity|articles|goods|^products?\b|^items?\s*/|^cut\b|^specification"),
    ("code", r"^(?:item|product|prod|article)\s*(?:#|no\.?|code|number|id)$|^code$|^sku$|^namp|^item$|^plu$"),
]
MONEYISH = re.compile(r"^\$?\d{1,3}(?:,\d{3})*(?:\.\d{2,4})?$|^\$?\d+(?:\.\d{2,4})?$")


def header_role(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text.strip().lower())
    if not text or len(text) > 40:
        return None
    for role, pattern in HEADER_ROLES:
        if re.search(pattern, text):
            return role
    return None


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    title: str


@dataclass
class Table:
    columns: list[Column]
    weight_unit: str  # lb or kg, from the headings
    price_unit: str | None  # from the price heading ("Price/cwt")
    page: int
    header_top: float


@dataclass
class RawLine:
    values: dict = field(default_factory=dict)  # role -> text
    confidence: dict = field(default_factory=dict)  # role -> min word confidence
    page: int = 0
    top: float = 0.0
    bottom: float = 0.0
    weight_unit: str = "lb"
    price_unit: str | None = None

    def has_numbers(self) -> bool:
        return any(self.values.get(r) for r in NUMERIC_ROLES)

    def has_text(self) -> bool:
        return bool(re.search(r"[A-Za-z]{3}", self.values.get("description", "")))


def is_number_word(text: str) -> bool:
    t = text.strip().rstrip(",;")
    return bool(re.fullmatch(r"[$(]?-?\$?\d[\d,.]*%?\)?(?:/(?:lb|cwt|kg|cs|case|ea))?|[\d,.]+(?:lbs?|kgs?|#)", t, re.I))


def header_table(row, unit_of) -> Table | None:
    """The table whose header is `row` (a visual row with cells and words), or None."""
    columns = []
    for cell in row.cells:
        role = header_role(cell.text)
        if role is None:
            # a heading cell glued to its neighbour by a narrow gap ("Cases Net Lbs"): try its words
            words = [w for w in row.words if w.x0 >= cell.x0 - 0.5 and w.x1 <= cell.x1 + 0.5]
            roles = [(header_role(w.text), w) for w in words]
            if len(words) > 1 and sum(r is not None and r != "skip" for r, _w in roles) >= 2:
                for r, w in roles:
                    columns.append(Column(r or "skip", w.x0, w.x1, w.text))
                continue
            role = "skip"
        columns.append(Column(role, cell.x0, cell.x1, cell.text))
    roles = [c.role for c in columns]
    descs = [c for c in columns if c.role == "description"]
    # "Product" next to "Description": the product column is the code
    if len(descs) > 1:
        keep = next((c for c in descs if re.search(r"descr", c.title, re.I)), descs[-1])
        for c in descs:
            if c is not keep:
                c.role = "code"
    if "description" not in roles:
        codes = [c for c in columns if c.role == "code" and re.search(r"item|product", c.title, re.I)]
        if codes and len(codes) == 1:
            codes[0].role = "description"
    for role in ("boxes", "weight", "price", "total", "code", "unit"):
        same = [c for c in columns if c.role == role]
        for extra in same[1:]:
            extra.role = "skip"
    if not any(c.role == "weight" for c in columns):
        gross = [c for c in columns if c.role == "gross"]
        if gross:
            gross[0].role = "weight"
    for c in columns:
        if c.role == "gross":
            c.role = "skip"
    known = {c.role for c in columns} - {"skip", "unit"}
    if "description" not in known or len(known) < 3 or not known & set(NUMERIC_ROLES):
        return None
    text = row.text.lower()
    weight_col = next((c for c in columns if c.role == "weight"), None)
    kg = bool(weight_col and re.search(r"\bkgs?\b|kilo", weight_col.title, re.I)) or (
        weight_col is None and re.search(r"\bkgs?\b", text)
    )
    price_col = next((c for c in columns if c.role == "price"), None)
    return Table(
        sorted(columns, key=lambda c: c.x0),
        "kg" if kg else "lb",
        unit_of(price_col.title) if price_col else None,
        row.page,
        row.top,
    )


def assign_words(row, table: Table) -> RawLine:
    """Each word of the row to a column: text by its left edge, numbers by their right edge."""
    line = RawLine(
        page=row.page, top=row.top, bottom=row.bottom, weight_unit=table.weight_unit, price_unit=table.price_unit
    )
    cols = table.columns
    tol = 0.3 * row.height
    starts = [c.x0 - tol for c in cols]
    placed: list[tuple[int, object]] = []
    for word in sorted(row.words, key=lambda w: w.x0):
        numeric = is_number_word(word.text)
        anchor = word.x1 - 0.5 if numeric else word.x0 + 0.5
        if anchor < starts[0]:
            index = 0
        else:
            index = max(i for i, start in enumerate(starts) if anchor >= start)
        role = cols[index].role
        if not numeric and role in NUMERIC_ROLES and re.search(r"[A-Za-z]{2}", word.text):
            # letters in a number column: the description ran long (or a unit like "lb" / "/cs")
            if re.fullmatch(r"(?:lbs?|kgs?|cs|/\s*\w+|per|each|ea)\.?", word.text, re.I):
                pass
            else:
                back = [i for i, _w in placed if cols[i].role in ("description", "code")]
                if back:
                    index = back[-1]
                    role = cols[index].role
        placed.append((index, word))
    for index, word in placed:
        role = cols[index].role
        if role == "skip":
            continue
        line.values[role] = (line.values.get(role, "") + " " + word.text).strip()
        line.confidence[role] = min(line.confidence.get(role, 1.0), word.confidence)
    return line


TOTALS_ROW = re.compile(
    r"^\s*(?:\d[\d,.]*\s+)*(?:grand\s*)?totals?\b|^\s*(?:sub\s*-?\s*total|total\s*(?:due|weight|boxes|cases))", re.I
)
END_ROW = re.compile(
    r"^\s*(?:sub\s*-?\s*total|merchandise|product\s*(?:sub)?total|freight|invoice\s*total|amount\s*due|"
    r"total\s*(?:due|weight|net|cases|cartons|boxes|cs)|balance|thank\s*you|remarks|notes?:|comments?:|"
    r"special\s*instructions|signature|received)",
    re.I,
)
PAGE_TOTAL = re.compile(r"\bpage\s*(?:sub)?\s*total\b|\bcarried\s*forward\b|\bcontinued\b", re.I)


def read_tables(rows, unit_of) -> tuple[list[RawLine], tuple | None]:
    """(raw lines, (totals row, table) or None) from every table on every page."""
    lines: list[RawLine] = []
    table: Table | None = None
    totals = None
    last_bottom = None
    for row in rows:
        found = header_table(row, unit_of)
        if found:
            table = found
            last_bottom = row.bottom
            continue
        if table is None:
            continue
        text = row.text
        if PAGE_TOTAL.search(text):
            continue
        if row.page != table.page:
            # a continuation page without a repeated header: its running header (letterhead, page number)
            # is skipped until a row reads as a full line of the table
            probe = assign_words(row, table)
            if not (probe.has_text() and sum(bool(probe.values.get(r)) for r in NUMERIC_ROLES) >= 2):
                continue
            table.page = row.page
            last_bottom = None
        desc_text = assign_words(row, table).values.get("description", "")
        if TOTALS_ROW.match(text) or re.fullmatch(r"(?:grand\s*)?totals?:?", desc_text.strip(), re.I):
            totals = (row, table)
            table = None
            continue
        if END_ROW.match(text):
            table = None
            continue
        raw = assign_words(row, table)
        gap = row.top - last_bottom if last_bottom is not None and row.page == table.page else 0
        if not raw.has_numbers() and not raw.has_text():
            continue
        if not raw.has_numbers() and lines and gap > 2.5 * row.height and row.page == lines[-1].page:
            table = None  # the table ended (prose under it)
            continue
        last_bottom = row.bottom
        lines.append(raw)
    return merge_rows(lines), totals


def merge_rows(raw: list[RawLine]) -> list[RawLine]:
    """Two-row items: a description row and the value row under it (either order) become one line."""
    out: list[RawLine] = []
    for line in raw:
        prev = out[-1] if out else None
        close = prev is not None and prev.page == line.page and line.top - prev.bottom < 1.6 * (prev.bottom - prev.top)
        if prev is not None and close:
            if prev.has_text() and not prev.has_numbers() and line.has_numbers() and not line.has_text():
                for key, val in line.values.items():
                    prev.values[key] = (prev.values.get(key, "") + " " + val).strip()
                    prev.confidence[key] = min(prev.confidence.get(key, 1.0), line.confidence.get(key, 1.0))
                prev.bottom = line.bottom
                continue
            if prev.has_numbers() and not prev.has_text() and line.has_text() and not line.has_numbers():
                for key, val in line.values.items():
                    prev.values[key] = (prev.values.get(key, "") + " " + val).strip()
                    prev.confidence[key] = min(prev.confidence.get(key, 1.0), line.confidence.get(key, 1.0))
                prev.bottom = line.bottom
                continue
        out.append(line)
    return [line for line in out if line.has_text() and line.has_numbers()]


# --- free-text lines (e-mails, notes) ---------------------------------------------------------------------

SENTENCE_LINE = re.compile(
    r"(?P<boxes>\d{1,5})\s*(?:x\s*)?(?:cs|cases?|boxes|box|bxs?|ctns?|cartons?|pcs|pieces)\.?\s+(?:of\s+)?"
    r"(?P<desc>[A-Za-z][^@$]*?)\s*(?:[-–—,:;(]\s*)*(?:approx(?:imately)?\.?|about|around|est(?:imated)?\.?|~|ca\.?)?\s*"
    r"(?P<weight>\d[\d,]*(?:\.\d+)?)\s*(?P<wunit>lbs?|pounds|#|kgs?|kilos?)\.?\s*(?:net\s*)?(?:[,;]\s*)?"
    r"(?:(?:@|at|x)\s*\$?\s*(?P<price>\d[\d,]*(?:\.\d+)?)\s*(?:/\s*|per\s+)?(?P<punit>lb|cwt|kg|cs|case|pound)?s?\.?)?"
    r"\s*(?:[=,;:(]|for|total|ext(?:ended)?)?\s*(?:=\s*)?\$?\s*(?P<total>\d[\d,]*\.\d{2})?\)?",
    re.I,
)
