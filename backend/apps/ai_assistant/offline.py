"""The offline extractor: label and pattern rules over rows rebuilt from word positions.

No network, no model: it reads what brokers' documents usually print (titles, "PO #:" style labels with the value
beside or below, a line-item table with or without ruling lines, a totals block) and fills the extraction schema
with a confidence per field. Table columns are found from the header row's word positions, so unruled tables
read like ruled ones; when no header is found, rows are parsed by their number pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher

from .schema import F, empty_extraction, empty_line
from .text_layer import Page, TextLayer, Word, rows_of

LB_PER_KG = 1 / 0.45359237  # the international pound is exactly 0.45359237 kg (apps.core.money)

# --- Small parsers ----------------------------------------------------------------------------------------

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)"
)
DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b"), "mdy"),
    (re.compile(rf"\b({MONTH_RE})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{{4}})\b", re.I), "Mdy"),
    (re.compile(rf"\b(\d{{1,2}})[\s-]+({MONTH_RE})\.?[\s,-]+(\d{{4}}|\d{{2}})\b", re.I), "dMy"),
]


def parse_date(text: str) -> str | None:
    text = re.sub(r"\b(\d) (\d),", r"\1\2,", text or "")  # OCR: "Apr 1 0, 2026"
    for pattern, order in DATE_PATTERNS:
        match = pattern.search(text or "")
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if order == "ymd":
                year, month, day = int(a), int(b), int(c)
            elif order == "mdy":
                month, day, year = int(a), int(b), int(c)
            elif order == "Mdy":
                month, day, year = MONTHS[a.lower()[:3] if a.lower()[:3] in MONTHS else a.lower()], int(b), int(c)
            else:
                day, month, year = int(a), MONTHS[b.lower()[:3]], int(c)
            if year < 100:
                year += 2000
            return date(year, month, day).isoformat()
        except (ValueError, KeyError):
            continue
    return None


NUMBER_RE = re.compile(r"-?\$?\s?\d{1,3}(?:\.\d{3})+\.\d{1,2}\b|-?\$?\s?\d[\d,]*(?:\.\d+)?|-?\$?\s?\.\d+")


def parse_number(text: str) -> float | None:
    """'$12,345.60' -> 12345.6; OCR's '2.400.00' (comma read as a dot) -> 2400.0; None when no number."""
    if text is None:
        return None
    text = re.sub(r"\s*(?:[l1I]bs?|kgs?|cs|cases?)\.?\s*$", "", text.strip(), flags=re.I)
    raw = text.replace("O", "0") if re.fullmatch(r"[\d.,O$ ]+", text or "") else text
    match = NUMBER_RE.search(raw.replace(" ", ""))
    if not match:
        return None
    token = match.group(0).replace("$", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+\.\d{1,2}", token):  # 2.400.00
        head, _, tail = token.rpartition(".")
        token = head.replace(".", "") + "." + tail
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        return None


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())


def similar(a: str, b: str) -> float:
    clean = lambda s: re.sub(r"[^a-z0-9 ]", "", (s or "").lower())  # noqa: E731
    return SequenceMatcher(None, clean(a), clean(b)).ratio()


PROTEIN_WORDS = [
    (
        "beef",
        r"\bbeef\b|\bchuck\b|brisket|ribeye|rib\s*eye|striploin|strip\s*loin|tenderloin|sirloin|\bchuck\b|"
        r"short\s*rib|\bflank\b|\bplate\b|\btop\s*round\b|\bround\b|\b8[0-9]/\d{2}\b|\bcow\b|\bsteer\b|\bangus\b",
    ),
    ("pork", r"\bpork\b|\bham\b|\bbutt\b|\bbelly\b|\bbellies\b|spare\s*rib|baby\s*back|\bjowl|\bloin\b.*\bpork|\bhog"),
    ("chicken", r"chicken|\bbroiler|\bwings?\b|\bthighs?\b|\bdrumsticks?\b|\bleg\s*quarters?\b|\bfryer"),
    ("turkey", r"turkey"),
    ("lamb", r"\blamb\b"),
    ("veal", r"\bveal\b"),
    ("goat", r"\bgoat\b"),
    ("bison", r"\bbison\b|\bbuffalo\b"),
    ("seafood", r"salmon|shrimp|\bcod\b|tilapia|\bcrab\b|lobster|pollock|\btuna\b|scallop|catfish"),
]


SPECIES = ["veal", "lamb", "goat", "bison", "turkey", "chicken", "pork", "beef"]


def protein_of(description: str) -> str | None:
    text = (description or "").lower()
    for code in SPECIES:  # a species named outright wins over a cut name ("Veal Top Round")
        if re.search(rf"\b{code}", text):
            return code
    for code, pattern in PROTEIN_WORDS:
        if re.search(pattern, text):
            return code
    return None


# --- Rows and cells --------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 1.0

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Row:
    cells: list[Cell]
    page: int
    top: float
    bottom: float
    height: float
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


def cells_of(row: list[Word]) -> list[Cell]:
    """Join words separated by ordinary spaces; a wider gap starts a new cell (a column or a second label)."""
    cells: list[Cell] = []
    height = sorted(w.height for w in row)[len(row) // 2]
    for word in row:
        if cells and word.x0 - cells[-1].x1 < 0.75 * height:
            cell = cells[-1]
            cell.text = f"{cell.text} {word.text}"
            cell.x1 = max(cell.x1, word.x1)
            cell.confidence = min(cell.confidence, word.confidence)
        else:
            cells.append(Cell(word.text, word.x0, word.x1, word.top, word.bottom, word.confidence))
    return cells


def build_rows(layer: TextLayer) -> list[Row]:
    rows = []
    for index, page in enumerate(layer.pages):
        for words in rows_of(page.words):
            height = sorted(w.height for w in words)[len(words) // 2]
            rows.append(
                Row(cells_of(words), index, min(w.top for w in words), max(w.bottom for w in words), height, words)
            )
    return rows


# --- Labels ----------------------------------------------------------------------------------------------

ID_RE = re.compile(r"[A-Z0-9][A-Z0-9\-/.]*\d[A-Z0-9\-/]*", re.I)
ANY_LABEL = re.compile(
    r"(?:\b(?:date|dated|terms|carrier|ship|pickup|pick\s*up|delivery|deliver|due|invoice|inv|po|p\.o\.|order|"
    r"confirmation|conf|bol|b/l|reference|ref|customer|buyer|seller|supplier|vendor|shipper|consignee|remit|"
    r"bill|sold|page|currency|trailer|seal|truck|fob|freight)\b[^:]{0,25}:)",
    re.I,
)


LABEL_ONLY = re.compile(
    r"^(?:(?:order|po|p\.o\.|invoice|inv\.?|ship(?:ping)?|pick\s*-?\s*up|delivery|due|payment|confirmation|conf\.?|"
    r"document|issue|bol|b/l|your|customer|cust\.?)\s*)?(?:date|dated|no\.?|number|#|terms|carrier|deliver\s*by|"
    r"reference|ref\.?|po\s*#|p\.o\.\s*no\.?|currency|buyer|seller|supplier|vendor|shipper|consignee|sold\s*to|"
    r"bill\s*to|ship\s*to|remit\s*to|transported\s*by|payment\s*due|payment\s*terms|product\s*code|line|qty)"
    r"\s*[:#]?$",
    re.I,
)


def is_label(text: str) -> bool:
    text = (text or "").strip()
    return (
        bool(ANY_LABEL.match(text) and text.endswith(":"))
        or bool(LABEL_ONLY.match(text))
        or (bool(ANY_LABEL.match(text)) and len(text) < 30 and text.rstrip().endswith(":"))
    )


@dataclass
class Hit:
    value: str
    confidence: float
    row: int
    cell: int


def find_label(rows: list[Row], label: str, *, below: bool = True, exclude: str | None = None) -> list[Hit]:
    """Values printed after (or under) a label matching `label` (a regex, anchored at the cell start)."""
    pattern = re.compile(rf"^(?:{label})\s*(?:[:#]|no\.?|number)?\s*[:#]?\s*(.*)$", re.I)
    bad = re.compile(exclude, re.I) if exclude else None
    hits = []
    for r_index, row in enumerate(rows):
        for c_index, cell in enumerate(row.cells):
            text = cell.text
            # a cell can hold "Carrier: X  Terms: Net 21" when the gap was narrow: look at each label in it
            starts = [0] + [m.start() for m in ANY_LABEL.finditer(text) if m.start() > 0]
            for start in starts:
                piece = text[start:]
                match = pattern.match(piece)
                if not match or (bad and bad.match(piece)):
                    continue
                rest = match.group(1).strip()
                nxt = ANY_LABEL.search(rest)
                if nxt and nxt.start() > 0:
                    rest = rest[: nxt.start()].strip()
                elif nxt and nxt.start() == 0:
                    rest = ""
                if rest:
                    hits.append(Hit(rest, 0.9 * cell.confidence, r_index, c_index))
                    if re.search(r"\d", rest) or len(rest) > 12:
                        continue  # else "Total Due (USD)" + the amount in the next cell: look there too
                if c_index + 1 < len(row.cells):
                    neighbour = row.cells[c_index + 1]
                    if not is_label(neighbour.text) and neighbour.x0 - cell.x1 < 30 * row.height:
                        hits.append(Hit(neighbour.text, 0.85 * neighbour.confidence, r_index, c_index + 1))
                if below:
                    under = cell_below(rows, r_index, cell)
                    if under is not None:
                        ur, uc = under
                        hits.append(Hit(rows[ur].cells[uc].text, 0.75 * rows[ur].cells[uc].confidence, ur, uc))
    return hits


def cell_below(rows: list[Row], r_index: int, cell: Cell) -> tuple[int, int] | None:
    row = rows[r_index]
    for next_index in range(r_index + 1, min(r_index + 3, len(rows))):
        nxt = rows[next_index]
        if nxt.page != row.page or nxt.top - row.bottom > 3 * row.height:
            return None
        for c_index, other in enumerate(nxt.cells):
            overlap = min(other.x1, cell.x1 + 2 * row.height) - max(other.x0, cell.x0 - row.height)
            if overlap > 0 and abs(other.x0 - cell.x0) < 6 * row.height:
                if is_label(other.text):
                    return None
                return next_index, c_index
    return None


def first_value(hits: list[Hit], parser) -> tuple[object, float, Hit | None]:
    for hit in hits:
        parsed = parser(hit.value)
        if parsed not in (None, ""):
            return parsed, hit.confidence, hit
    return None, 0.0, None


def parse_id(text: str) -> str | None:
    for token in re.split(r"\s+", text.strip()):
        token = token.strip(".,;:")
        if ID_RE.fullmatch(token) and not parse_date(token):
            return token
    return None


# --- Field rules -----------------------------------------------------------------------------------------

TITLE_RULES = [
    ("bill_of_lading", r"bill\s*of\s*lading|\bB\s*/\s*L\b|\bBOL\b|straight\s*bill"),
    (
        "sales_confirmation",
        r"(?:sales|order|purchase)\s*confirmation|confirmation\s*of\s*(?:sale|order)|sales\s*contract|"
        r"\bconfirmation\b|acknowledge?ment|order\s*ack\b|price\s*sheet",
    ),
    ("invoice", r"\binvoice\b"),
    ("purchase_order", r"purchase\s*order|\bP\.?\s?O\.?\b"),
]

NUMBER_LABELS = {
    "purchase_order": r"purchase\s*order\s*(?:no\.?|number|#)|p\.?\s?o\.?\s*(?:no\.?|number|num|#)|p\.?\s?o\.?(?=\s*:)|"
    r"order\s*(?:no\.?|number|#)",
    "sales_confirmation": r"(?:sales\s*)?confirmation\s*(?:no\.?|number|#)|conf\.?\s*(?:no\.?|number|#)|"
    r"(?:sales\s*)?order\s*(?:no\.?|number|#)|contract\s*(?:no\.?|number|#)|s\.?o\.?\s*(?:no\.?|#|number)|"
    r"sales\s*order(?!\s*date)|our\s*order\s*(?:no\.?|#|number)?|confirmation(?!\s*date)|"
    r"(?:quote|quotation|sheet|price\s*list)\s*(?:no\.?|#|number)|acknowledge?ment\s*(?:no\.?|#)",
    "invoice": r"invoice\s*(?:no\.?|number|#)?(?!\s*(?:date|total))|inv\.?\s*(?:no\.?|number|#)",
    "bill_of_lading": r"(?:bill\s*of\s*lading|b\s*/\s*l|bol)\s*(?:no\.?|number|#)?|"
    r"(?:manifest|shipment|shipping)\s*(?:/\s*(?:bol|b/l)\s*)?(?:no\.?|number|#)",
}
REFERENCE_LABEL = (
    r"(?:customer|cust\.?|your|buyer'?s?|broker)\s*(?:p\.?\s?o\.?|order|ref(?:erence)?)\s*(?:no\.?|number|#)?|"
    r"customer\s*order\s*(?:number|no\.?|#)|purchase\s*order(?!\s*date)|buyer\s*ref\.?|order\s*ref(?:erence)?|"
    r"p\.?\s?o\.?\s*(?:no\.?|number|#)|ref(?:erence)?\s*(?:no\.?|number|#)?|purchase\s*order\s*(?:no\.?|#)"
)
DATE_LABELS = {
    "ship_date": r"ship(?:ping|ment)?\s*date|pick\s*-?\s*up(?:\s*date)?|pickup|ship\s*on|load(?:ing)?\s*date|"
    r"date\s*shipped|shipped(?:\s*on)?|loaded(?:\s*on)?|sched(?:uled)?\.?\s*ship|requested\s*ship|"
    r"export\s*date|departure(?:\s*date)?|shipment|ship(?=\s*:)|etd",
    "delivery_date": r"deliver(?:y)?\s*date|deliver\s*(?:by|on)|delivery|arrival(?:\s*date)?|requested\s*delivery|"
    r"eta|due\s*in|appointment(?:\s*date)?|expected\s*(?:delivery|arrival)|in\s*store\s*date",
    "due_date": r"(?:payment\s*)?due\s*date|due\s*on|payment\s*due|due",
    "document_date": r"(?:order|po|p\.o\.|invoice|inv\.?|confirmation|conf\.?|issue|bol|b/l|document|contract)?"
    r"\s*date|dated",
}
COUNTERPARTY_LABELS = {
    "purchase_order": r"buyer|customer|purchaser|ordered\s*by|issued\s*by",
    "sales_confirmation": r"seller|supplier|packer|vendor|sold\s*by|from",
    "invoice": r"remit\s*(?:payment\s*)?to|seller|supplier|vendor|exporter|from",
    "bill_of_lading": r"shipper|ship\s*from|consignor",
}
# when the broker itself is the letterhead (an outgoing document), the other party is the customer block
OUTGOING_COUNTERPARTY_LABELS = r"bill\s*to|sold\s*to|customer|ship\s*to|deliver\s*to|buyer|consignee"
GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good\s*(?:morning|afternoon|evening)|thanks|thank\s*you|regards|best|cheers)\b", re.I
)
FALLBACK_COUNTERPARTY_LABELS = {"purchase_order": r"bill\s*to", "bill_of_lading": r"from"}
CARRIER_LABEL = (
    r"carrier(?:\s*name)?(?!\s*(?:pro|mc|dot|scac|#|no\b|number))|trucking(?:\s*co(?:mpany)?\.?)?|freight\s*carrier|"
    r"transport(?:ed\s*by|\s*co\.?|\s*company)?|hauler|trucker|ship\s*via|routing|shipped\s*via|via"
)
TERMS_LABEL = r"(?:payment\s*)?terms(?:\s*of\s*payment)?"
COMPANY_WORDS = re.compile(
    r"\b(?:inc|llc|l\.l\.c|co|corp|corporation|company|ltd|foods?|packing|packers?|meats?|provisions?|beef|pork|"
    r"poultry|farms?|processing|group|brands|trading|distributors?|supply|wholesale|market|logistics|freight|"
    r"transport|lines|trucking|express|carriers?)\b\.?",
    re.I,
)
ADDRESS_RE = re.compile(
    r"\b\d{5}(?:-\d{4})?\b|\b(?:st|street|ave|avenue|rd|road|blvd|hwy|drive|dr|suite|ste|box)\b\.?", re.I
)
PHONE_RE = re.compile(r"\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|phone|tel\b|fax\b|@|www\.", re.I)

EST_RE = re.compile(
    r"\b(?:USDA\s*)?EST(?:ABLISHMENT)?\.?\s*(?:NO\.?|NUMBER|#)?\s*[:#]?\s*"
    r"((?:[MPVIG]\s*-?\s*)?\d{1,6}[A-Z]{0,2}(?:\s*\+\s*(?:[MPVIG]\s*-?\s*)?\d{1,6}[A-Z]{0,2})*)\b",
    re.I,
)
PLANT_RE = re.compile(
    r"\b(?:packer\s*)?(?:plant|establishment|estab\.?)\s*(?:no\.?|number|#)?\s*[:#]?\s*"
    r"((?:[MPVIG]\s*-?\s*)?\d{1,6}[A-Z]{0,2}(?:\s*\+\s*(?:[MPVIG]\s*-?\s*)?\d{1,6}[A-Z]{0,2})*)\b",
    re.I,
)
EST_BARE_RE = re.compile(r"\b([MP]-?\d{2,5}[A-Z]?(?:\s*\+\s*[MP]-?\d{2,5}[A-Z]?)+|P-\d{2,5}[A-Z]?)\b")


def normalise_terms(text: str) -> str | None:
    text = norm(text)
    if not text:
        return None
    match = re.search(r"\bnet\s*-?\s*(\d{1,3})\b", text, re.I)
    if match:
        return f"Net {int(match.group(1))}"
    for pattern, label in [
        (r"\bC\.?O\.?D\b|cash\s*on\s*delivery", "COD"),
        (r"prepa(?:id|y)|cash\s*in\s*advance|\bCIA\b|wire\s*before", "Prepaid"),
        (r"due\s*on\s*receipt|upon\s*receipt", "Due on receipt"),
    ]:
        if re.search(pattern, text, re.I):
            return label
    if len(text) > 40 or not re.search(r"[a-z]", text, re.I):
        return None
    return text


def clean_name(text: str) -> str | None:
    text = norm(re.sub(r"^(?:name|company)\s*:\s*", "", text or "", flags=re.I))
    text = text.strip(" :,-")
    if not text or len(text) < 3 or not re.search(r"[A-Za-z]{2}", text) or parse_date(text) or text[0].isdigit():
        return None
    if re.search(r"\b(?:number|no\.?|#|date|name)\s*:?$", text, re.I) and not COMPANY_WORDS.search(text):
        return None  # a label ("Bill of Lading Number"), not a name
    if GREETING.match(text) or text.endswith(",") or re.search(r"@|https?:|www\.", text):
        return None  # "Hi team," is never a company
    return text


class OfflineExtractor:
    """extract(layer, own_names) -> a schema-valid extraction dict."""

    def __init__(self, own_names: list[str] | None = None):
        self.own_names = [n for n in (own_names or []) if n]

    def is_own(self, name: str | None) -> bool:
        return bool(name) and any(similar(name, own) > 0.8 or own.lower() in name.lower() for own in self.own_names)

    def extract(self, layer: TextLayer) -> dict:
        rows = build_rows(layer)
        text = "\n".join(row.text for row in rows)
        ocr_factor = 0.85 if layer.ocr else 1.0
        out = empty_extraction()
        email = self.email_parts(rows)
        doc_type, type_conf = self.email_type(email) if email else self.document_type(rows, layer)
        out["document_type"] = F(doc_type, type_conf * ocr_factor)
        kind = doc_type or "purchase_order"

        number, conf, _ = first_value(find_label(rows, NUMBER_LABELS[kind]), parse_id)
        out["document_number"] = F(number, conf * ocr_factor)
        ref, conf, _ = first_value(
            [h for h in find_label(rows, REFERENCE_LABEL) if parse_id(h.value) != number], parse_id
        )
        out["reference_number"] = F(ref, conf * ocr_factor)

        for key in ("ship_date", "delivery_date", "due_date"):
            value, conf, _ = first_value(find_label(rows, DATE_LABELS[key]), parse_date)
            out[key] = F(value, conf * ocr_factor)
        doc_date, conf, _ = first_value(
            find_label(rows, DATE_LABELS["document_date"], exclude=r"ship|pick|deliver|due|load|arriv|request"),
            parse_date,
        )
        if doc_date is None:  # the first date printed near the top
            for row in rows[:15]:
                doc_date = parse_date(row.text)
                if doc_date and doc_date not in {out[k]["value"] for k in ("ship_date", "delivery_date", "due_date")}:
                    conf = 0.5
                    break
                doc_date = None
        out["document_date"] = F(doc_date, conf * ocr_factor)
        if kind == "bill_of_lading" and out["ship_date"]["value"] is None and doc_date:
            out["ship_date"] = F(doc_date, 0.7 * conf * ocr_factor)  # a bill of lading is dated the day it ships

        outgoing = self.is_outgoing(rows, layer)
        if outgoing:
            name, address, conf = self.labelled_party(rows, OUTGOING_COUNTERPARTY_LABELS)
            role = "supplier" if kind == "purchase_order" else "customer"
        else:
            name, address, conf = self.counterparty(rows, kind)
            role = "customer" if kind == "purchase_order" else "supplier"
        out["counterparty"] = {
            "name": F(name, conf * ocr_factor),
            "role": F(role, type_conf if name else 0),
            "address": F(address, 0.6 * ocr_factor),
        }
        carrier, conf, _ = first_value(
            find_label(rows, CARRIER_LABEL, exclude=r"carrier\s*(?:mc|dot|scac|#|no|pro)|.*\bpro\s*(?:#|no)"),
            clean_name,
        )
        if carrier and (self.is_own(carrier) or re.fullmatch(r"(?:mc|dot|scac)\b.*", carrier, re.I)):
            carrier = None
        out["carrier"] = F(carrier, conf * ocr_factor)
        terms, conf, _ = first_value(find_label(rows, TERMS_LABEL, exclude=r"freight"), normalise_terms)
        if terms is None:
            match = re.search(r"\bnet\s*(\d{1,3})\s*days?\b", text, re.I)
            if match:
                terms, conf = f"Net {int(match.group(1))}", 0.6
        out["terms"] = F(terms, conf * ocr_factor)
        out["currency"] = F(*self.currency(rows, text))
        ests = self.establishments(rows)
        out["establishment_numbers"] = {"value": ests, "confidence": round(0.9 * ocr_factor, 2) if ests else 0.0}

        lines, totals_row = self.line_items(rows, ocr_factor)
        out["line_items"] = lines
        out["totals"] = self.totals(rows, totals_row, ocr_factor)
        if email:
            self.apply_email(out, email, kind, ocr_factor)
        line_totals = [(ln.get("line_total") or {}).get("value") for ln in lines]
        if out["totals"]["subtotal"]["value"] is None and lines and all(t is not None for t in line_totals):
            # the merchandise subtotal is the sum of the lines (a derived value: lower confidence)
            out["totals"]["subtotal"] = F(round(sum(line_totals), 2), 0.7 * ocr_factor)
        if out["currency"]["value"] is None and any((ln.get("unit_price") or {}).get("value") for ln in lines):
            out["currency"] = F("USD", 0.5 * ocr_factor)  # prices without any currency mark: a US document
        return out

    # --- direction and e-mails ---

    def is_outgoing(self, rows: list[Row], layer: TextLayer) -> bool:
        """The broker's own name as the letterhead (the biggest text in the top band of page 1)."""
        height = layer.pages[0].height if layer.pages else 792
        top = [r for r in rows if r.page == 0 and r.top < 0.2 * height]
        if not top:
            return False
        biggest = max(top, key=lambda r: r.height)
        return any(self.is_own(c.text) for c in biggest.cells if r_is_big(biggest, top))

    def labelled_party(self, rows: list[Row], label: str) -> tuple[str | None, str | None, float]:
        for hit in find_label(rows, label):
            name = clean_name(hit.value)
            if name and not self.is_own(name) and not ADDRESS_RE.search(name[:6]):
                return name, self.address_below(rows, hit), 0.85 * hit.confidence / 0.9
        return None, None, 0.0

    EMAIL_HEAD = re.compile(r"^(from|sent|date|to|cc|subject)\s*:\s*(.*)$", re.I)

    def email_parts(self, rows: list[Row]) -> dict | None:
        head: dict[str, str] = {}
        body: list[str] = []
        for row in rows:
            text = row.text.strip()
            m = self.EMAIL_HEAD.match(text)
            if m and not body and len(head) < 8:
                head.setdefault(m.group(1).lower(), m.group(2).strip())
                continue
            if head:
                if text.startswith(">") or re.match(
                    r"^(?:on\s.{6,90}wrote:|-{2,}\s*original message|from:\s)", text, re.I
                ):
                    break  # the quoted older message
                body.append(text)
        if "from" not in head or "subject" not in head:
            return None
        return {"head": head, "body": body}

    def email_type(self, email: dict) -> tuple[str | None, float]:
        text = " ".join([email["head"].get("subject", ""), *email["body"]]).lower()
        for code, pattern in (
            ("invoice", r"\binvoice\b"),
            ("bill_of_lading", r"bill\s*of\s*lading|\bbol\b"),
            ("sales_confirmation", r"\bconfirm(?:ing|ed|ation)?\b|we\s+can\s+do"),
            ("purchase_order", r"\bp\.?o\.?\b|\border\b|\bbook\b|please\s+ship"),
        ):
            if re.search(pattern, text):
                return code, 0.75
        return None, 0.0

    def apply_email(self, out: dict, email: dict, kind: str, ocr_factor: float) -> None:
        head, body = email["head"], email["body"]
        subject = head.get("subject", "")
        prose = " ".join(body)
        conf = 0.75 * ocr_factor
        po = None
        for text in (subject, prose):
            m = re.search(
                r"\bP\.?\s?O\.?\s*(?:#|no\.?|number)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)", text, re.I
            )
            if m:
                po = m.group(1)
                break
        if kind == "purchase_order":
            if po and not out["document_number"]["value"]:
                out["document_number"] = F(po, conf)
        else:
            m = re.search(
                r"\b(?:confirmation|conf\.?|order|invoice|contract|bol)\s*(?:#|no\.?|number)?\s*[:#]?\s*"
                r"([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)",
                prose + " " + subject,
                re.I,
            )
            if m and m.group(1) != po:
                out["document_number"] = F(m.group(1), conf)
            if po:
                out["reference_number"] = F(po, conf)
        sent = parse_date(head.get("sent", "") or head.get("date", ""))
        if sent:
            out["document_date"] = F(sent, 0.85 * ocr_factor)
        for key, pattern in (
            ("delivery_date", r"\b(?:deliver(?:y|ed)?|arriv(?:al|e|ing)|eta|in\s+store)\b"),
            ("ship_date", r"\b(?:ship(?:ping|s)?|load(?:ing|s)?|pick\s*-?\s*up|pickup|depart(?:ing|ure)?)\b(?!\s*via)"),
        ):
            if out[key]["value"]:
                continue
            for m in re.finditer(pattern, prose, re.I):
                found = parse_date(prose[m.end() : m.end() + 40])
                if found:
                    out[key] = F(found, conf)
                    break
        if not out["carrier"]["value"]:
            m = re.search(
                r"\b(?:ship(?:ped|ping)?\s+via|carrier|trucking(?:\s+with)?)\s*:?\s+([A-Z][^.,;\n]{2,60})", prose
            )
            if m and not self.is_own(m.group(1)):
                out["carrier"] = F(clean_name(m.group(1)), conf)
        name = self.signature_company(body)
        if name:
            out["counterparty"]["name"] = F(name, 0.8 * ocr_factor)
            out["counterparty"]["role"] = F("customer" if kind == "purchase_order" else "supplier", 0.75)
        else:  # an e-mail has no letterhead: the first big line is a person or a greeting, never the company
            out["counterparty"] = {"name": F(), "role": F(), "address": F()}
        for m in re.finditer(
            r"\b(?:estimated|confirmed|order|grand|po)?\s*total\s*(?:is|of|:)?\s*\$?\s*(\d[\d,]*\.\d{2})", prose, re.I
        ):
            out["totals"]["total"] = F(parse_number(m.group(1)), conf)

    def signature_company(self, body: list[str]) -> str | None:
        """The company in the sign-off block ("Thanks, / Dana Whitfield / Heartland Foods Distributors")."""
        for index, text in enumerate(body):
            if re.match(
                r"^(?:thanks|thank\s*you|regards|best(?:\s*regards)?|sincerely|cheers|kind\s*regards)\b", text, re.I
            ):
                for cand in body[index + 1 : index + 5]:
                    name = clean_name(cand)
                    if name and COMPANY_WORDS.search(name) and not self.is_own(name) and not ADDRESS_RE.search(name):
                        return name
        return None

    # --- document type and parties ---

    def document_type(self, rows: list[Row], layer: TextLayer) -> tuple[str | None, float]:
        first_page = [r for r in rows if r.page == 0]
        if not first_page:
            return None, 0.0
        page_height = layer.pages[0].height or 1
        candidates = []
        for row in first_page:
            for cell in row.cells:
                for code, pattern in TITLE_RULES:
                    if re.search(pattern, cell.text, re.I) and len(cell.text) < 60 and ":" not in cell.text:
                        top_bonus = 1.0 if row.top < 0.35 * page_height else 0.3
                        candidates.append((row.height * top_bonus, -row.top, code))
                        break
        if candidates:
            candidates.sort(reverse=True)
            return candidates[0][2], 0.95
        text = " ".join(r.text for r in first_page)
        for code, pattern in TITLE_RULES:
            if re.search(pattern, text, re.I):
                return code, 0.6
        return None, 0.0

    def counterparty(self, rows: list[Row], kind: str) -> tuple[str | None, str | None, float]:
        for label, conf in ((COUNTERPARTY_LABELS[kind], 0.9), (FALLBACK_COUNTERPARTY_LABELS.get(kind), 0.5)):
            if not label:
                continue
            for hit in find_label(rows, label):
                if rows[hit.row].page != 0:
                    continue  # a running header on a later page
                name = clean_name(hit.value)
                if name and not self.is_own(name) and not ADDRESS_RE.search(name[:6]):
                    return name, self.address_below(rows, hit), conf * hit.confidence / 0.9
            if conf == 0.9:
                name = self.letterhead(rows)
                if name:
                    return name, None, 0.7
        return None, None, 0.0

    def address_below(self, rows: list[Row], hit: Hit) -> str | None:
        cell = rows[hit.row].cells[hit.cell]
        parts = []
        r_index = hit.row
        for _ in range(2):
            below = cell_below(rows, r_index, cell)
            if below is None:
                break
            r_index, c_index = below
            cell = rows[r_index].cells[c_index]
            if not ADDRESS_RE.search(cell.text) and not re.search(r"\d", cell.text):
                break
            parts.append(cell.text)
        return ", ".join(parts) or None

    def letterhead(self, rows: list[Row]) -> str | None:
        first = [r for r in rows[:12] if r.page == 0]
        candidates = []
        for order, row in enumerate(first):
            for c_index, cell in enumerate(row.cells):
                text = norm(cell.text)
                if c_index and is_label(row.cells[c_index - 1].text):
                    continue  # the value of a label ("Carrier: X"), not a letterhead
                if (
                    len(text) < 4
                    or ":" in text
                    or any(re.search(p, text, re.I) for _c, p in TITLE_RULES)
                    or PHONE_RE.search(text)
                    or ADDRESS_RE.search(text)
                    or parse_date(text)
                    or self.is_own(text)
                    or sum(ch.isdigit() for ch in text) > 3
                ):
                    continue
                bonus = 1.3 if COMPANY_WORDS.search(text) else 1.0
                candidates.append(((cell.bottom - cell.top) * bonus, -order, text))
        if not candidates:
            return None
        candidates.sort(reverse=True)
        return candidates[0][2]

    def currency(self, rows: list[Row], text: str) -> tuple[str | None, float]:
        hits = find_label(rows, r"currency")
        for hit in hits:
            match = re.search(r"\b(USD|CAD|MXN)\b", hit.value, re.I)
            if match:
                return match.group(1).upper(), 0.95
        for code, pattern in (
            ("CAD", r"\bCAD\b|\bC\$|canadian\s*dollars?"),
            ("MXN", r"\bMXN\b|pesos"),
            ("USD", r"\bUSD\b|\bUS\$|u\.s\.\s*dollars?"),
        ):
            if re.search(pattern, text, re.I):
                return code, 0.85
        if "$" in text:
            return "USD", 0.6
        return None, 0.0

    def establishments(self, rows: list[Row]) -> list[str]:
        from apps.core.establishment import normalize_or_none

        found: list[str] = []
        for row in rows:
            text = row.text
            candidates = [m.group(1) for m in EST_RE.finditer(text)]
            candidates += [m.group(1) for m in PLANT_RE.finditer(text)]
            if re.search(r"usda|inspect|establishment|\best\b", text, re.I):
                candidates += [m.group(1) for m in EST_BARE_RE.finditer(text)]
            for raw in candidates:
                value = normalize_or_none(f"EST {raw}")
                if value and value not in found:
                    found.append(value)
        return found

    # --- tables ---

    HEADER_KEYS = [
        ("code", r"^(?:item\s*(?:#|no\.?|code)|code|sku|product\s*(?:#|code|no\.?)|namp(?:\s*#)?|prod\s*#)$"),
        ("description", r"description|^product$|^item$|commodity|^cut$|^products?\b|^items?\b"),
        ("boxes", r"^(?:boxes|box|cases?|cs|ctns?|cartons|qty|[oa0]ty|quantity|pcs|pieces|units)\b"),
        ("weight", r"weight|wt\b|^lbs?\b|pounds|^kgs?\b|kilos|^net"),
        ("price", r"price|rate|^[$s5]\s*/\s*(?:lb|cwt|kg|cs|case)|^\$\s*/|cost|^unit\b"),
        ("total", r"amount|total|extension|extended|^ext\b|value"),
    ]

    def header_columns(self, row: Row) -> dict[str, Cell] | None:
        """Column key -> header cell when `row` is a line-item table header; unknown headings become
        `_skip<n>` columns so their values are not glued to a neighbour."""
        columns: dict[str, Cell] = {}
        has_description = any(re.search(r"description|^desc\b", c.text, re.I) for c in row.cells)
        for index, cell in enumerate(row.cells):
            text = cell.text.strip().lower()
            if has_description and re.fullmatch(r"(?:item|product)s?", text) and "code" not in columns:
                columns["code"] = cell
                continue
            for key, pattern in self.HEADER_KEYS:
                if key not in columns and re.search(pattern, text, re.I):
                    columns[key] = cell
                    break
            else:
                columns[f"_skip{index}"] = cell
        known = [k for k in columns if not k.startswith("_")]
        if (
            len(known) >= 3
            and ("description" in columns or "code" in columns)
            and ("weight" in columns or "total" in columns or "price" in columns)
        ):
            return columns
        return None

    def line_items(self, rows: list[Row], ocr_factor: float) -> tuple[list[dict], tuple | None]:
        from .tables import SENTENCE_LINE, read_tables

        raw, totals = read_tables(rows, self.unit_in)
        lines = [ln for r in raw if (ln := self.line_from_raw(r, ocr_factor))]
        if not lines:
            for row in rows:
                text = row.text.strip()
                if text.startswith(">") or re.match(r"^(?:on .{6,80} wrote:|-+\s*original message)", text, re.I):
                    if lines:
                        break  # the quoted part of an e-mail reply: an older message, not this order
                    continue
                match = SENTENCE_LINE.search(text)
                if match:
                    line = self.line_from_sentence(match, ocr_factor)
                    if line:
                        lines.append(line)
        if not lines:
            lines = [ln for row in rows if (ln := self.parse_row_by_pattern(row, ocr_factor))]
        return lines, totals

    def line_from_sentence(self, match, ocr_factor: float) -> dict | None:
        desc = norm(match.group("desc")).strip(" -–,;:")
        if not re.search(r"[A-Za-z]{3}", desc):
            return None
        conf = 0.75 * ocr_factor
        line = empty_line()
        line["description"] = F(desc, conf)
        line["protein"] = F(protein_of(desc), conf)
        line["boxes"] = F(int(match.group("boxes")), conf)
        weight = parse_number(match.group("weight"))
        if match.group("wunit").lower().startswith("k"):
            weight = round(weight * LB_PER_KG, 2)
        line["weight_lb"] = F(weight, conf)
        price = parse_number(match.group("price")) if match.group("price") else None
        total = parse_number(match.group("total")) if match.group("total") else None
        if price is not None:
            line["unit_price"] = F(price, conf)
        if total is not None:
            line["line_total"] = F(total, conf)
        if price is not None:
            punit = (match.group("punit") or "").lower()
            punit = {"pound": "lb", "cs": "case"}.get(punit, punit) or None
            unit, unit_conf = self.infer_unit(punit, price, total, weight, int(match.group("boxes")))
            line["price_unit"] = F(unit, unit_conf * ocr_factor)
        return line

    def line_from_raw(self, raw, ocr_factor: float) -> dict | None:
        """A table row (role -> text) to a line item, with the arithmetic check that chooses between readings."""
        values = raw.values
        conf = lambda key: raw.confidence.get(key, 1.0) * ocr_factor  # noqa: E731
        description = norm(values.get("description", ""))
        code = norm(values.get("code", ""))
        if re.match(r"^(?:total|sub\s*total|page|continued|grand)", description, re.I):
            return None
        # a code printed in the description column ("1004 Beef Trim 81/19")
        if not code:
            m = re.match(r"^([A-Z]{0,3}\d{3,8}[A-Z]?)\s+(?=[A-Za-z]{3})", description)
            if m and "code" in values:
                code, description = m.group(1), description[m.end() :]
        boxes_text, weight_text = values.get("boxes", ""), values.get("weight", "")
        price_text, total_text = values.get("price", ""), values.get("total", "")
        boxes = parse_number(boxes_text) if boxes_text else None
        weight = parse_number(weight_text) if weight_text else None
        price = parse_number(price_text) if price_text else None
        total = parse_number(total_text) if total_text else None
        if weight is None and total is None and price is None and boxes is None:
            return None
        unit = self.unit_in(price_text) or self.unit_in(values.get("unit", "")) or raw_unit_hint(raw)
        kg = bool(re.search(r"kg", weight_text, re.I)) or getattr(raw, "weight_unit", "lb") == "kg"
        weight_lb = (weight * LB_PER_KG if kg else weight) if weight is not None else None
        warnings = []
        # OCR may glue a case count to the weight ("594956"): split only when the arithmetic confirms it
        if boxes is not None and weight is None and boxes >= 1000 and float(boxes).is_integer() and price and total:
            digits = str(int(boxes))
            for k in range(1, len(digits)):
                b, w = int(digits[:k]), float(digits[k:])
                w_lb = w * LB_PER_KG if kg else w
                if any(abs(q - total) <= max(0.005 * total, 0.5) for q in (price * w_lb, price * w_lb / 100)):
                    boxes, weight, weight_lb = b, w, w_lb
                    break
            else:
                warnings.append("merged")
        line = empty_line()
        line["description"] = F(description or None, 0.9 * conf("description"))
        if code:
            line["product_code"] = F(code, 0.9 * conf("code"))
        line["protein"] = F(protein_of(description), 0.8 * ocr_factor)
        if boxes is not None and float(boxes).is_integer() and "merged" not in warnings:
            line["boxes"] = F(int(boxes), 0.9 * conf("boxes"))
        if weight_lb is not None:
            line["weight_lb"] = F(round(weight_lb, 2), 0.9 * conf("weight"))
        if price is not None:
            line["unit_price"] = F(price, 0.9 * conf("price"))
        if total is not None:
            line["line_total"] = F(total, 0.9 * conf("total"))
        if price is not None:
            unit, unit_conf = self.infer_unit(unit, price, total, weight_lb, boxes)
            line["price_unit"] = F(unit, unit_conf * ocr_factor)
        return line

    @staticmethod
    def row_has_numbers(row: Row) -> bool:
        return bool(re.search(r"\d", row.text))

    @staticmethod
    def unit_in(text: str) -> str | None:
        text = (text or "").lower()
        for unit, pattern in (
            ("cwt", r"cwt|/\s*100\s*lb|hundredweight"),
            ("kg", r"/\s*kg|per\s*kg|\bkg\b|kilo"),
            ("case", r"/\s*(?:cs|case|ctn|box)|per\s*(?:case|box|carton)"),
            ("lb", r"/\s*lbs?|per\s*(?:lb|pound)|\blbs?\b|#"),
            ("each", r"/\s*(?:ea|each|pc)|\beach\b"),
        ):
            if re.search(pattern, text):
                return unit
        return None

    def assign(self, row: Row, columns: dict[str, Cell]) -> dict[str, list[Cell]]:
        """Cells to columns. A column runs from its heading's left edge to the next heading's; numbers are
        placed by their right edge (they are right-aligned under any heading), text by its left edge."""
        assigned: dict[str, list[Cell]] = {key: [] for key in columns}
        ordered = sorted(columns.items(), key=lambda kv: kv[1].x0)
        tol = 0.3 * row.height
        starts = [head.x0 - tol for _key, head in ordered]
        for cell in row.cells:
            numeric = bool(re.search(r"\d", cell.text)) and not re.search(r"[A-Za-z]{4,}", cell.text)
            anchor = cell.x1 - 0.5 if numeric else cell.x0 + 0.5
            if anchor < starts[0]:
                # text starting left of the first heading (a description written wider than its column)
                if not numeric and ordered[0][0] == "description":
                    assigned["description"].append(cell)
                continue
            index = max(i for i, start in enumerate(starts) if anchor >= start)
            assigned[ordered[index][0]].append(cell)
        return self.realign_numbers(row, assigned, ordered)

    NUMERIC_COLUMNS = ("boxes", "weight", "price", "total")

    def realign_numbers(self, row: Row, assigned: dict, ordered: list) -> dict:
        """Scans and photos shift values by a few pixels across a column edge. When a row has exactly one
        number per numeric column, the numbers go to those columns in left-to-right order."""
        numeric_keys = [key for key, _head in ordered if key in self.NUMERIC_COLUMNS]
        if len(numeric_keys) < 2:
            return assigned
        first_start = min(head.x0 for key, head in ordered if key in numeric_keys)
        cells = [
            c
            for c in row.cells
            if c.x1 > first_start - 2 * row.height
            and re.search(r"\d", c.text)
            and not re.search(r"[A-Za-z]{4,}", c.text)
        ]
        anchors = getattr(self, "_anchors", None)
        if anchors is None:
            anchors = self._anchors = {}
        if len(cells) != len(numeric_keys):
            known = {key: sorted(anchors[key])[len(anchors[key]) // 2] for key in numeric_keys if anchors.get(key)}
            if len(known) < len(numeric_keys) or len(cells) > len(numeric_keys):
                return assigned
            # fewer numbers than columns (a totals row, a blank price): nearest right edge seen in full rows
            for key in numeric_keys:
                assigned[key] = [c for c in assigned[key] if c not in cells]
            free = set(numeric_keys)
            for cell in sorted(cells, key=lambda c: c.x0):
                key = min(free, key=lambda k: abs(known[k] - cell.x1))
                free.discard(key)
                assigned[key] = [cell]
            for key in assigned:
                if key not in numeric_keys:
                    assigned[key] = [c for c in assigned[key] if c not in cells]
            return assigned
        for key, cell in zip(numeric_keys, sorted(cells, key=lambda c: c.x0), strict=True):
            anchors.setdefault(key, []).append(cell.x1)
        for key in numeric_keys:
            assigned[key] = []
        for key in assigned:
            assigned[key] = [c for c in assigned[key] if c not in cells]
        for key, cell in zip(numeric_keys, sorted(cells, key=lambda c: c.x0), strict=True):
            assigned[key] = [cell]
        return assigned

    def parse_row(self, row, columns, weight_unit_hint, price_unit_hint, ocr_factor) -> dict | None:
        parts = self.assign(row, columns)
        join = lambda key: norm(" ".join(c.text for c in parts.get(key, [])))  # noqa: E731
        conf = lambda key: min([c.confidence for c in parts.get(key, [])] or [1.0]) * ocr_factor  # noqa: E731
        description = join("description")
        code = join("code")
        if "description" not in columns and code:
            description, code = code, ""
        # numbers glued into the description column (narrow layouts) are moved out
        boxes = parse_number(join("boxes")) if join("boxes") else None
        weight_text, price_text, total_text = join("weight"), join("price"), join("total")
        weight = parse_number(weight_text) if weight_text else None
        price = parse_number(price_text) if price_text else None
        total = parse_number(total_text) if total_text else None
        if not description or not re.search(r"[A-Za-z]{3}", description):
            return None
        if weight is None and total is None and price is None:
            return None
        if re.match(r"^(?:total|sub\s*total|page|continued)", description, re.I):
            return None
        line = empty_line()
        line["description"] = F(description, 0.9 * conf("description"))
        if code:
            line["product_code"] = F(code, 0.9 * conf("code"))
        line["protein"] = F(protein_of(description), 0.8 * ocr_factor)
        if boxes is not None and float(boxes).is_integer():
            line["boxes"] = F(int(boxes), 0.9 * conf("boxes"))
        unit_w = "kg" if re.search(r"kg", weight_text, re.I) else weight_unit_hint
        if weight is not None:
            line["weight_lb"] = F(round(weight * LB_PER_KG, 2) if unit_w == "kg" else weight, 0.9 * conf("weight"))
        if price is not None:
            line["unit_price"] = F(price, 0.9 * conf("price"))
        if total is not None:
            line["line_total"] = F(total, 0.9 * conf("total"))
        unit = self.unit_in(price_text) or price_unit_hint
        unit, unit_conf = self.infer_unit(
            unit, price, total, weight if unit_w != "kg" else weight * LB_PER_KG if weight else None, boxes
        )
        if price is not None:
            line["price_unit"] = F(unit, unit_conf * ocr_factor)
        return line

    @staticmethod
    def infer_unit(unit, price, total, weight_lb, boxes) -> tuple[str | None, float]:
        """The price unit whose arithmetic gives the printed line total; the printed unit when nothing fits."""
        if price and total:
            options = []
            if weight_lb:
                options += [
                    ("lb", price * weight_lb),
                    ("cwt", price * weight_lb / 100),
                    ("kg", price * weight_lb / LB_PER_KG),
                ]
            if boxes:
                options += [("case", price * boxes)]
            fits = [u for u, value in options if abs(value - total) <= max(0.011 * total, 1.0)]
            if unit in fits:
                return unit, 0.95
            if fits:
                return fits[0], 0.85
        return (unit or ("lb" if price else None)), (0.8 if unit else 0.5)

    PATTERN_ROW = re.compile(
        r"^(?P<desc>[A-Za-z][^$\d]*?(?:\d{2,3}[A-Z]?\b[^$\d]*?)?)\s+"
        r"(?:(?P<boxes>\d{1,4})\s*(?:cs|cases|bx|boxes|ctns)?\s+)?"
        r"(?P<weight>\d[\d,]*(?:\.\d+)?)\s*(?P<wunit>lbs?|kgs?|#)?\s+"
        r"\$?\s?(?P<price>\d+(?:\.\d+)?)\s*(?P<punit>/\s*(?:lb|cwt|kg|cs|case)|per\s*\w+|cwt)?\s+"
        r"\$?\s?(?P<total>\d[\d,]*\.\d{2})\s*$",
        re.I,
    )

    def parse_row_by_pattern(self, row: Row, ocr_factor: float) -> dict | None:
        match = self.PATTERN_ROW.match(row.text.strip())
        if not match:
            return None
        desc = norm(match.group("desc"))
        if re.match(r"^(?:total|sub\s*total)", desc, re.I):
            return None
        conf = 0.7 * ocr_factor
        line = empty_line()
        line["description"] = F(desc, conf)
        line["protein"] = F(protein_of(desc), conf)
        boxes = match.group("boxes")
        if boxes:
            line["boxes"] = F(int(boxes), conf)
        weight = parse_number(match.group("weight"))
        if match.group("wunit") and match.group("wunit").lower().startswith("kg"):
            weight = round(weight * LB_PER_KG, 2)
        price = parse_number(match.group("price"))
        total = parse_number(match.group("total"))
        line["weight_lb"] = F(weight, conf)
        line["unit_price"] = F(price, conf)
        line["line_total"] = F(total, conf)
        unit, unit_conf = self.infer_unit(
            self.unit_in(match.group("punit") or ""), price, total, weight, int(boxes) if boxes else None
        )
        line["price_unit"] = F(unit, unit_conf * ocr_factor)
        return line

    def totals(self, rows: list[Row], totals_row, ocr_factor: float) -> dict:
        totals = {"total_boxes": F(), "total_weight_lb": F(), "subtotal": F(), "total": F()}
        if totals_row is not None:
            from .tables import assign_words

            row, table = totals_row
            parts = assign_words(row, table).values
            get = lambda key: parse_number(parts[key]) if parts.get(key) else None  # noqa: E731
            boxes, weight, total = get("boxes"), get("weight"), get("total")
            if boxes is None:  # "81 TOTAL 5,111.4": the count printed before the word
                m = re.match(r"^\s*(\d[\d,]*)\s+(?:grand\s*)?totals?\b", row.text, re.I)
                boxes = parse_number(m.group(1)) if m else None
            if boxes is not None and float(boxes).is_integer():
                totals["total_boxes"] = F(int(boxes), 0.8 * ocr_factor)
            if weight is not None:
                totals["total_weight_lb"] = F(
                    round(weight * LB_PER_KG, 2) if table.weight_unit == "kg" else weight, 0.8 * ocr_factor
                )
            if total is not None and not re.match(r"^\s*sub", row.text, re.I):
                totals["total"] = F(total, 0.8 * ocr_factor)
        money = lambda text: parse_number(text) if re.search(r"\d\.\d{2}\b|\$\s?\d", text or "") else None  # noqa: E731
        total, conf, _ = first_value(
            find_label(
                rows,
                r"grand\s*total|invoice\s*total|total\s*due|amount\s*due|balance\s*due|total\s*amount|order\s*total|"
                r"(?:estimated|confirmed|est\.?)\s*total|total\s*(?:confirmed|estimated)|po\s*total|contract\s*value|"
                r"total\s*value|net\s*amount\s*due|"
                r"total\s*(?:usd|cad|mxn)|total\s*\((?:usd|cad|mxn)\)|total(?!\s*(?:weight|wt|lbs|boxes|cases|cs|kg|net|pounds|ctns|cartons|pieces|gross))",
                below=False,
            )[::-1],
            money,
        )
        if total is not None:
            totals["total"] = F(total, conf * ocr_factor)
        sub, conf, _ = first_value(
            find_label(
                rows,
                r"sub\s*-?\s*total|merchandise(?:\s*(?:sub\s*-?\s*)?total)?|product\s*(?:sub\s*-?\s*)?total|"
                r"goods\s*total|total\s*merchandise",
                below=False,
            ),
            money,
        )
        if sub is not None:
            totals["subtotal"] = F(sub, conf * ocr_factor)
        for hit in find_label(
            rows,
            r"total\s*(?:net\s*)?(?:weight|wt|lbs|pounds|kgs?)(?:\s*\((?:lbs?|kgs?)\))?|net\s*weight|gross\s*weight",
            below=False,
        ):
            weight = parse_number(hit.value)
            if weight is not None:
                label_text = rows[hit.row].text
                is_kg = bool(re.search(r"kg", hit.value + label_text[:40], re.I)) and not re.search(
                    r"\blbs?\b", hit.value, re.I
                )
                totals["total_weight_lb"] = F(
                    round(weight * LB_PER_KG, 2) if is_kg else weight, hit.confidence * ocr_factor
                )
                break
        boxes, conf, _ = first_value(
            find_label(
                rows, r"total\s*(?:boxes|cases|cs|ctns|cartons|pieces|pcs)|(?:boxes|cases)\s*total", below=False
            ),
            lambda t: int(n) if (n := parse_number(t)) is not None and float(n).is_integer() else None,
        )
        if boxes is not None:
            totals["total_boxes"] = F(boxes, conf * ocr_factor)
        return totals


def r_is_big(row, rows) -> bool:
    return row.height >= max(r.height for r in rows) - 0.5


def raw_unit_hint(raw) -> str | None:
    return getattr(raw, "price_unit", None)


def extract_offline(layer: TextLayer, own_names: list[str] | None = None) -> dict:
    return OfflineExtractor(own_names).extract(layer)


def today_iso() -> str:
    return datetime.now().date().isoformat()


__all__ = ["OfflineExtractor", "Page", "extract_offline", "parse_date", "parse_number", "protein_of"]
