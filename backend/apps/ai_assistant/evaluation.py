"""Strict field-by-field scoring of an extractor against expected values (precision, recall, F1).

The rules are meant to match an outside measurement, so they are strict and independent of the extractor:
- a right value is a true positive; a wrong one a false positive AND a false negative; a missing one a false
  negative; a value where the document prints none a false positive;
- numbers are right within 0.01 (absolute), whatever their size;
- names and descriptions are compared after normalisation only (case, punctuation, spacing), otherwise exactly;
- the subtotal is always the merchandise sum (the sum of the expected line totals) whenever lines carry totals,
  printed on the document or not;
- lines are compared by position; a line row is "fully correct" when every scored field of it is right;
- establishment numbers are compared as a set.
Nothing here imports the extractor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .schema import LINE_FIELDS, SCALAR_FIELDS, TOTAL_FIELDS, value

NAME_FIELDS = {"description", "counterparty.name", "carrier", "product_code", "terms"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lines: int = 0  # expected line rows
    lines_ok: int = 0  # of which every scored field is right

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.lines += other.lines
        self.lines_ok += other.lines_ok

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def rows_ok(self) -> float:
        return self.lines_ok / self.lines if self.lines else 1.0


@dataclass
class Report:
    by_field: dict = field(default_factory=lambda: defaultdict(Score))
    by_doc: dict = field(default_factory=dict)
    mistakes: dict = field(default_factory=lambda: defaultdict(list))

    def overall(self, docs: list[str] | None = None) -> Score:
        total = Score()
        for name, score in self.by_doc.items():
            if docs is None or name in docs:
                total.add(score)
        return total


def normalise_name(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/+-]", " ", str(text).lower())).strip()


def same(field_name: str, got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if isinstance(want, bool) or isinstance(got, bool):
        return got == want
    if isinstance(want, int | float):
        try:
            return abs(float(got) - float(want)) <= 0.01 + 1e-9
        except (TypeError, ValueError):
            return False
    return normalise_name(got) == normalise_name(want)


def expected_subtotal(expected: dict):
    lines = expected.get("line_items") or []
    totals = [line.get("line_total") for line in lines]
    if lines and all(isinstance(t, int | float) for t in totals):
        return round(sum(totals), 2)
    return (expected.get("totals") or {}).get("subtotal")


def score_document(extraction: dict, expected: dict, name: str, report: Report) -> Score:
    doc = Score()
    mistakes = report.mistakes[name]

    def count(field_name: str, got, want, bucket: str) -> bool:
        s = Score()
        ok = True
        if want is None:
            s.fp += got is not None
            if got is not None:
                ok = False
                mistakes.append(f"{field_name}: got {got!r}, the document prints none")
        elif got is None:
            s.fn += 1
            ok = False
            mistakes.append(f"{field_name}: missing, expected {want!r}")
        elif same(bucket.split(".")[-1] if bucket.startswith("line.") else bucket, got, want):
            s.tp += 1
        else:
            s.fp += 1
            s.fn += 1
            ok = False
            mistakes.append(f"{field_name}: got {got!r}, expected {want!r}")
        report.by_field[bucket].add(s)
        doc.add(s)
        return ok

    for key in [*SCALAR_FIELDS, "counterparty.name"]:
        count(key, value(extraction, key), expected.get(key), key)
    if "counterparty.role" in expected:
        count(
            "counterparty.role",
            value(extraction, "counterparty.role"),
            expected["counterparty.role"],
            "counterparty.role",
        )
    got_est = set(extraction.get("establishment_numbers", {}).get("value") or [])
    want_est = set(expected.get("establishment_numbers") or [])
    s = Score(tp=len(got_est & want_est), fp=len(got_est - want_est), fn=len(want_est - got_est))
    if got_est != want_est:
        mistakes.append(f"establishment_numbers: got {sorted(got_est)}, expected {sorted(want_est)}")
    report.by_field["establishment_numbers"].add(s)
    doc.add(s)
    got_lines = extraction.get("line_items") or []
    want_lines = expected.get("line_items") or []
    for index in range(max(len(got_lines), len(want_lines))):
        got = got_lines[index] if index < len(got_lines) else {}
        want = want_lines[index] if index < len(want_lines) else {}
        row_ok = True
        for key in LINE_FIELDS:
            got_value = (got.get(key) or {}).get("value") if got else None
            if want and key not in want:
                continue  # a field the document does not print (e.g. product code) is not scored
            row_ok &= count(f"line[{index}].{key}", got_value, want.get(key), f"line.{key}")
        if want:
            doc.lines += 1
            doc.lines_ok += row_ok
    want_totals = dict(expected.get("totals") or {})
    want_totals["subtotal"] = expected_subtotal(expected)
    for key in TOTAL_FIELDS:
        want = want_totals.get(key)
        got = value(extraction, f"totals.{key}")
        if want is None and key in {"total_boxes", "total_weight_lb"}:
            continue  # a sum the document does not print is neither right nor wrong
        count(f"totals.{key}", got, want, f"totals.{key}")
    report.by_doc[name] = doc
    return doc
