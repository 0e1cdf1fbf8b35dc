"""Field-by-field scoring of an extractor against the fixture set's expected values (precision, recall, F1).

A field counts when the expected value is known: a right answer is a true positive, a wrong one is a false
positive and a false negative, a missing one a false negative; a value where none is expected is a false
positive. Line items are compared by position; establishment numbers as a set.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .offline import similar
from .schema import LINE_FIELDS, SCALAR_FIELDS, TOTAL_FIELDS, value


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

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


@dataclass
class Report:
    by_field: dict = field(default_factory=lambda: defaultdict(Score))
    by_doc: dict = field(default_factory=dict)
    mistakes: list = field(default_factory=list)

    def overall(self, docs: list[str] | None = None) -> Score:
        total = Score()
        for name, score in self.by_doc.items():
            if docs is None or name in docs:
                total.add(score)
        return total


def same(field_name: str, got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if isinstance(want, int | float) and not isinstance(want, bool):
        try:
            got = float(got)
        except (TypeError, ValueError):
            return False
        return abs(got - float(want)) <= max(0.005 * abs(float(want)), 0.011)
    clean = lambda s: re.sub(r"[\s.,:;]+", " ", str(s).lower()).strip()  # noqa: E731
    if field_name in {"description", "counterparty.name", "carrier"}:
        return similar(str(got), str(want)) >= 0.9
    return clean(got) == clean(want)


def score_document(extraction: dict, expected: dict, name: str, report: Report) -> Score:
    doc = Score()

    def count(field_name: str, got, want) -> None:
        s = Score()
        if want is None:
            s.fp += got is not None
        elif got is None:
            s.fn += 1
        elif same(field_name.split(".")[-1] if field_name.startswith("line") else field_name, got, want):
            s.tp += 1
        else:
            s.fp += 1
            s.fn += 1
            report.mistakes.append(f"{name}: {field_name}: got {got!r}, expected {want!r}")
        if s.fn and got is None:
            report.mistakes.append(f"{name}: {field_name}: missing, expected {want!r}")
        report.by_field[field_name.split("[")[0] if "[" not in field_name else "line." + field_name.split(".")[-1]].add(
            s
        )
        doc.add(s)

    for key in [*SCALAR_FIELDS, "counterparty.name"]:
        count(key, value(extraction, key), expected.get(key))
    got_est = set(extraction.get("establishment_numbers", {}).get("value") or [])
    want_est = set(expected.get("establishment_numbers") or [])
    s = Score(tp=len(got_est & want_est), fp=len(got_est - want_est), fn=len(want_est - got_est))
    if got_est != want_est:
        report.mistakes.append(f"{name}: establishment_numbers: got {sorted(got_est)}, expected {sorted(want_est)}")
    report.by_field["establishment_numbers"].add(s)
    doc.add(s)
    got_lines = extraction.get("line_items") or []
    want_lines = expected.get("line_items") or []
    for index in range(max(len(got_lines), len(want_lines))):
        got = got_lines[index] if index < len(got_lines) else {}
        want = want_lines[index] if index < len(want_lines) else {}
        for key in LINE_FIELDS:
            got_value = (got.get(key) or {}).get("value") if got else None
            if key not in want and want:
                continue  # a field the document does not print (e.g. product code) is not scored
            count(f"line[{index}].{key}", got_value, want.get(key))
    for key in TOTAL_FIELDS:
        want = (expected.get("totals") or {}).get(key)
        got = value(extraction, f"totals.{key}")
        if want is None and got is not None and key in {"subtotal", "total_boxes"}:
            continue  # printed extras (subtotal equal to total, box counts) are not errors
        count(f"totals.{key}", got, want)
    report.by_doc[name] = doc
    return doc
