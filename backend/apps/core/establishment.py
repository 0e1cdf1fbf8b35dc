"""USDA FSIS establishment numbers: parse the forms people type and give one normalised form.

Accepted: `EST. 245`, `245A`, `P-1234`, `M1234+P1234`, `V-123`, `I-45` (any case, spaces or dashes).
A part is an optional inspection prefix (M meat, P poultry, V voluntary, I import, G egg products), the
number, and an optional letter suffix; a plant with several grants joins them with `+`.
"""

import re

from django.core.exceptions import ValidationError

ESTABLISHMENT_HELP = (
    "Enter a USDA establishment number in one of the forms EST. 245, 245A, P-1234, M1234+P1234, V-123 or I-45."
)
_LEADING_LABEL = re.compile(r"^\s*(?:USDA\s*)?(?:EST(?:ABLISHMENT)?\.?\s*(?:NO\.?|NUMBER|#)?\s*[:#]?)\s*", re.I)
_PART = re.compile(r"^([MPVIG]?)[\s.\-]*(\d{1,6})[\s\-]*([A-Z]{0,2})$")


def normalize_establishment_number(value: str) -> str:
    """'EST. 245' -> '245', 'p-1234' -> 'P1234', 'M1234 + P1234' -> 'M1234+P1234'; '' stays ''.
    Raises ValidationError with the accepted forms for anything else."""
    text = (value or "").strip().upper()
    if not text:
        return ""
    text = _LEADING_LABEL.sub("", text, count=1)
    parts = []
    for raw in text.split("+"):
        match = _PART.match(raw.strip())
        if not match:
            raise ValidationError(ESTABLISHMENT_HELP, code="invalid_establishment_number")
        parts.append("".join(match.groups()))
    return "+".join(parts)


def normalize_or_none(value: str) -> str | None:
    """The normalised form, or None when the value is not an establishment number (for search)."""
    try:
        return normalize_establishment_number(value) or None
    except ValidationError:
        return None
