"""E-mail and spreadsheet intake: an .eml / .msg message (uploaded, or POSTed as raw MIME to the tenant's inbound
address) becomes documents of one intake — the body (as text, with its From/Sent/To/Subject header so the reader
knows it is an e-mail) and every attachment the assistant reads (PDF, images, XLSX and CSV order sheets).

Spreadsheets and text have no page geometry, so their text layer places each cell / character on a grid: the
same row and column reader that reads PDFs then reads them.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .text_layer import Page, TextLayer, TextLayerError, Word

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_LINE = re.compile(
    rb"^(?:from|to|cc|subject|date|mime-version|received|return-path|message-id|reply-to):", re.I | re.M
)
CHAR_W = 5.4  # points per character on the grid (a 9 pt monospace font)
LINE_H = 12.0


def is_message(data: bytes) -> str | None:
    """'msg' (Outlook), 'eml' (RFC 822) or None."""
    if data[:8] == OLE_MAGIC:
        return "msg"
    head = data[:4096]
    if b"\n\n" in head.replace(b"\r\n", b"\n") and len(HEADER_LINE.findall(head)) >= 2:
        return "eml"
    return None


@dataclass
class Message:
    sender: str = ""
    to: str = ""
    subject: str = ""
    date: str = ""
    body: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)

    def body_document(self) -> bytes:
        """The body as a text document that starts like a printed e-mail."""
        head = [f"From: {self.sender}", f"Sent: {self.date}", f"To: {self.to}", f"Subject: {self.subject}", ""]
        return ("\n".join(head) + "\n" + self.body.strip() + "\n").encode("utf-8")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "p", "div", "tr", "li"):
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts))


def parse_message(data: bytes) -> Message:
    kind = is_message(data)
    if kind == "msg":
        return _parse_msg(data)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - the email package raises assorted errors on broken input
        raise TextLayerError(f"The e-mail could not be read ({type(exc).__name__}).") from exc
    out = Message(
        sender=str(msg.get("From", "")),
        to=str(msg.get("To", "")),
        subject=str(msg.get("Subject", "")),
        date=str(msg.get("Date", "")),
    )
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        out.body = html_to_text(content) if body.get_content_subtype() == "html" else content
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        if payload:
            out.attachments.append((part.get_filename() or "attachment", payload))
    return out


def _parse_msg(data: bytes) -> Message:
    import extract_msg

    try:
        msg = extract_msg.openMsg(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - extract-msg raises many kinds on damaged files
        raise TextLayerError(f"The Outlook message could not be read ({type(exc).__name__}).") from exc
    try:
        body = msg.body or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            html = msg.htmlBody
            body = html_to_text(html.decode("utf-8", "replace") if isinstance(html, bytes) else html)
        out = Message(
            sender=msg.sender or "", to=msg.to or "", subject=msg.subject or "", date=str(msg.date or ""), body=body
        )
        for attachment in msg.attachments:
            payload = getattr(attachment, "data", None)
            if isinstance(payload, bytes) and payload:
                name = attachment.longFilename or attachment.shortFilename or "attachment"
                out.attachments.append((name, payload))
        return out
    finally:
        msg.close()


# --- grid text layers ------------------------------------------------------------------------------------


def _grid_page(rows: list[list[str]]) -> Page:
    """Cells on a grid: column starts from the widest cell of each column, two characters apart."""
    widths: list[int] = []
    for row in rows:
        for index, cell in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            widths[index] = max(widths[index], len(cell))
    starts, x = [], 20.0
    for width in widths:
        starts.append(x)
        x += (width + 3) * CHAR_W
    words = []
    for r, row in enumerate(rows):
        top = 20 + r * LINE_H
        for c, cell in enumerate(row):
            for m in re.finditer(r"\S+", cell):
                x0 = starts[c] + m.start() * CHAR_W
                words.append(Word(m.group(0), x0, x0 + len(m.group(0)) * CHAR_W, top, top + 9))
    return Page(max(x, 612.0), max(40 + len(rows) * LINE_H, 792.0), words)


def text_text_layer(data: bytes) -> TextLayer:
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\t", "    ")
    words = []
    for r, line in enumerate(text.split("\n")):
        top = 20 + r * LINE_H
        for m in re.finditer(r"\S+", line):
            x0 = 20 + m.start() * CHAR_W
            words.append(Word(m.group(0), x0, x0 + len(m.group(0)) * CHAR_W, top, top + 9))
    return TextLayer([Page(612.0, max(40 + text.count("\n") * LINE_H, 792.0), words)])


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:.0f}"
    return str(value).strip()


def csv_text_layer(data: bytes) -> TextLayer:
    text = data.decode("utf-8-sig", "replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return TextLayer([_grid_page([r for r in rows if any(r)])])


def xlsx_text_layer(data: bytes) -> TextLayer:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - damaged or encrypted workbooks
        raise TextLayerError(f"The spreadsheet could not be read ({type(exc).__name__}).") from exc
    pages = []
    try:
        for sheet in book.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True, max_row=2000, max_col=60):
                row = [_cell_text(v) for v in values]
                if any(row):
                    rows.append(row)
            if rows:
                pages.append(_grid_page(rows))
    finally:
        book.close()
    return TextLayer(pages or [Page(612.0, 792.0, [])])


def xlsx_sheets(data: bytes) -> int:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return max(1, sum(1 for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)))
    except zipfile.BadZipFile:
        return 0
