"""The files of an export batch, made from its entries (so a batch downloads the same file every time).

- CSV: one row per journal line — date, entry number, source kind, source number, event, partner, account code,
  account name, debit, credit, currency, memo. Cells a spreadsheet would run as formulas are escaped the way every
  CSV export of the product escapes them (apps.core.csv_io.to_cell).
- IIF (QuickBooks Desktop, File > Utilities > Import > IIF Files): tab-separated, the `!TRNS` / `!SPL` / `!ENDTRNS`
  header, then per entry one `TRNS` line (its first line), one `SPL` line per further line and `ENDTRNS`; TRNSTYPE
  `GENERAL JOURNAL`, DATE MM/DD/YYYY, ACCNT the account's name (QuickBooks matches accounts by name), NAME the
  partner, AMOUNT positive for a debit and negative for a credit (each entry sums to 0), DOCNUM the entry number in
  QuickBooks' 11 characters (JE-2026-000123 -> JE26000123), MEMO the line's memo or the entry's description.
  IIF has no currency column: a file holds one currency."""

import csv
import io

from apps.core.csv_io import to_cell

from .services import batch_lines, grouped

CSV_COLUMNS = [
    "date",
    "entry_number",
    "source_kind",
    "source_number",
    "event",
    "partner",
    "account_code",
    "account_name",
    "debit",
    "credit",
    "currency",
    "memo",
]
IIF_COLUMNS = ["TRNSID", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO"]


def _amount(value) -> str:
    return f"{value:.2f}" if value else ""


def batch_csv(batch, *, currency: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in batch_lines(batch, currency=currency):
        entry = line.entry
        row = [
            entry.entry_date.isoformat(),
            entry.number,
            entry.source_kind,
            entry.source_number,
            entry.event,
            entry.partner_name,
            line.account_code,
            line.account_name,
            _amount(line.debit),
            _amount(line.credit),
            entry.currency,
            line.memo or entry.description,
        ]
        writer.writerow([to_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def iif_text(value) -> str:
    """A field as IIF carries it: no tabs or line breaks (they end fields and records), no double quotes."""
    text = str(value or "")
    for char in "\t\r\n":
        text = text.replace(char, " ")
    return text.replace('"', "'").strip()


def docnum(number: str) -> str:
    """JE-2026-000123 -> JE26000123 (QuickBooks keeps 11 characters of a reference number)."""
    parts = number.split("-")
    if len(parts) == 3 and len(parts[1]) == 4:
        return f"{parts[0]}{parts[1][2:]}{parts[2]}"
    return number[:11]


def batch_iif(batch, *, currency: str) -> bytes:
    rows = [
        ["!TRNS", *IIF_COLUMNS],
        ["!SPL", "SPLID", *IIF_COLUMNS[1:]],
        ["!ENDTRNS"],
    ]
    for entry, lines in grouped(batch_lines(batch, currency=currency)).items():
        for index, line in enumerate(lines):
            amount = line.debit if line.debit else -line.credit
            rows.append(
                [
                    "TRNS" if index == 0 else "SPL",
                    "",
                    "GENERAL JOURNAL",
                    entry.entry_date.strftime("%m/%d/%Y"),
                    iif_text(line.account_name),
                    iif_text(entry.partner_name),
                    f"{amount:.2f}",
                    docnum(entry.number),
                    iif_text(line.memo or entry.description),
                ]
            )
        rows.append(["ENDTRNS"])
    return "".join("\t".join(row) + "\r\n" for row in rows).encode("utf-8")
