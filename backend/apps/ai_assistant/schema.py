"""THE JSON schema of an extracted document, shared by every provider, and its validator.

Every leaf is a `{"value": ..., "confidence": 0..1}` pair so the review screen can show how sure the extractor
is. The schema is "strict" in OpenAI's sense (every object lists all its properties as required and allows no
others; missing values are null), so the same document is sent as `response_format` and used to validate what
comes back. Output that fails validation is rejected as a whole: the document fails with the reason and nothing
of it is saved as a draft.
"""

from __future__ import annotations

import copy
import re
from typing import Any

DOCUMENT_TYPES = ["purchase_order", "sales_confirmation", "invoice", "bill_of_lading"]
PRICE_UNITS = ["lb", "cwt", "kg", "case", "each"]
CURRENCIES = ["USD", "CAD", "MXN"]
PROTEINS = ["beef", "pork", "chicken", "turkey", "lamb", "veal", "goat", "bison", "seafood", "other"]
COUNTERPARTY_ROLES = ["supplier", "customer"]
SCHEMA_VERSION = 1
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _field(value_schema: dict) -> dict:
    return {
        "type": "object",
        "properties": {"value": value_schema, "confidence": {"type": "number", "minimum": 0, "maximum": 1}},
        "required": ["value", "confidence"],
        "additionalProperties": False,
    }


def _obj(properties: dict) -> dict:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


STRING = {"type": ["string", "null"]}
NUMBER = {"type": ["number", "null"], "minimum": 0}
INTEGER = {"type": ["integer", "null"], "minimum": 0}
DATE = {"type": ["string", "null"], "format": "date", "description": "ISO date YYYY-MM-DD"}


def _enum(values: list[str]) -> dict:
    return {"type": ["string", "null"], "enum": [*values, None]}


LINE_ITEM = _obj(
    {
        "description": _field(STRING),
        "product_code": _field(STRING),
        "protein": _field(_enum(PROTEINS)),
        "boxes": _field(INTEGER),
        "weight_lb": _field(NUMBER),
        "unit_price": _field(NUMBER),
        "price_unit": _field(_enum(PRICE_UNITS)),
        "line_total": _field(NUMBER),
    }
)

EXTRACTION_SCHEMA: dict = _obj(
    {
        "document_type": _field(_enum(DOCUMENT_TYPES)),
        "document_number": _field(STRING),
        "reference_number": _field(STRING),
        "document_date": _field(DATE),
        "ship_date": _field(DATE),
        "delivery_date": _field(DATE),
        "due_date": _field(DATE),
        "counterparty": _obj(
            {
                "name": _field(STRING),
                "role": _field(_enum(COUNTERPARTY_ROLES)),
                "address": _field(STRING),
            }
        ),
        "carrier": _field(STRING),
        "terms": _field(STRING),
        "currency": _field(_enum(CURRENCIES)),
        "establishment_numbers": _field({"type": "array", "items": {"type": "string"}}),
        "line_items": {"type": "array", "items": LINE_ITEM},
        "totals": _obj(
            {
                "total_boxes": _field(INTEGER),
                "total_weight_lb": _field(NUMBER),
                "subtotal": _field(NUMBER),
                "total": _field(NUMBER),
            }
        ),
    }
)

# Top-level scalar fields (name -> value schema) and line fields, for the evaluation and the review screen.
SCALAR_FIELDS = [
    "document_type",
    "document_number",
    "reference_number",
    "document_date",
    "ship_date",
    "delivery_date",
    "due_date",
    "carrier",
    "terms",
    "currency",
]
LINE_FIELDS = list(LINE_ITEM["properties"])
TOTAL_FIELDS = ["total_boxes", "total_weight_lb", "subtotal", "total"]


def openai_schema() -> dict:
    """The schema as OpenAI's strict structured output wants it (no `format`/`minimum` keywords)."""

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in {"format", "minimum", "maximum"}}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(copy.deepcopy(EXTRACTION_SCHEMA))


class SchemaError(ValueError):
    """The extraction does not follow the schema; `errors` lists where and why."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors[:5]) + (f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""))


_TYPES = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
}


def _check(node: dict, value: Any, path: str, errors: list[str]) -> None:
    types = node.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in types):
            errors.append(f"{path or '$'}: expected {' or '.join(types)}, got {type(value).__name__}")
            return
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{path}: {value!r} is not one of {[v for v in node['enum'] if v is not None]}")
    if value is None:
        return
    if "minimum" in node and isinstance(value, int | float) and value < node["minimum"]:
        errors.append(f"{path}: {value} is below {node['minimum']}")
    if "maximum" in node and isinstance(value, int | float) and value > node["maximum"]:
        errors.append(f"{path}: {value} is above {node['maximum']}")
    if node.get("format") == "date" and isinstance(value, str) and not DATE_RE.match(value):
        errors.append(f"{path}: {value!r} is not an ISO date (YYYY-MM-DD)")
    if isinstance(value, dict):
        props = node.get("properties", {})
        for name in node.get("required", []):
            if name not in value:
                errors.append(f"{path}.{name}: missing")
        if node.get("additionalProperties") is False:
            for name in value:
                if name not in props:
                    errors.append(f"{path}.{name}: not allowed")
        for name, sub in props.items():
            if name in value:
                _check(sub, value[name], f"{path}.{name}" if path else name, errors)
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            _check(node["items"], item, f"{path}[{index}]", errors)


def validate_extraction(data: Any) -> dict:
    """Return the data when it follows the schema; raise SchemaError listing the problems otherwise."""
    errors: list[str] = []
    _check(EXTRACTION_SCHEMA, data, "", errors)
    if errors:
        raise SchemaError(errors)
    if len(data["line_items"]) > 500:
        raise SchemaError(["line_items: more than 500 lines"])
    return data


def F(value=None, confidence: float = 0.0) -> dict:  # noqa: N802 - a tiny constructor used everywhere
    return {"value": value, "confidence": round(float(confidence if value is not None else 0.0), 2)}


def empty_extraction() -> dict:
    """A schema-valid extraction with every value null (the offline extractor fills it in)."""
    return {
        "document_type": F(),
        "document_number": F(),
        "reference_number": F(),
        "document_date": F(),
        "ship_date": F(),
        "delivery_date": F(),
        "due_date": F(),
        "counterparty": {"name": F(), "role": F(), "address": F()},
        "carrier": F(),
        "terms": F(),
        "currency": F(),
        "establishment_numbers": {"value": [], "confidence": 0.0},
        "line_items": [],
        "totals": {"total_boxes": F(), "total_weight_lb": F(), "subtotal": F(), "total": F()},
    }


def empty_line() -> dict:
    return {name: F() for name in LINE_FIELDS}


def value(extraction: dict, path: str):
    """value(ex, 'counterparty.name') -> the plain value at a dotted path (None when absent)."""
    node: Any = extraction
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node.get("value") if isinstance(node, dict) else None
