"""The JSON schema of Tenant.settings, checked on every write through the API (a cap of "abc" used to be
stored and then broke every AI call of the tenant). Add a key here when a feature reads one."""

import json

import jsonschema

from apps.core.choices import Currency

MAX_SETTINGS_BYTES = 16 * 1024

_AMOUNT = {
    "description": "US dollars, a non-negative number or a decimal string such as '50' or '12.50'.",
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": 1_000_000_000},
        {"type": "string", "pattern": r"^[0-9]{1,10}(\.[0-9]{1,6})?$"},
    ],
}
_COUNT = {
    "description": "A non-negative whole number (or a string of digits).",
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": 10**15},
        {"type": "string", "pattern": r"^[0-9]{1,15}$"},
    ],
}

SETTINGS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "ai_provider": {"enum": ["offline", "openai", ""]},
        "ai_monthly_cap_usd": _AMOUNT,
        "ai_monthly_cap_tokens": _COUNT,
        # Beat jobs (apps/accounts_receivables/periodic.py, apps/carriers/periodic.py).
        "overdue_reminders": {"type": "boolean", "description": "E-mail reminders for overdue invoices (opt-in)."},
        "overdue_reminder_days": {
            "type": "array",
            "items": {"type": "integer", "minimum": 1, "maximum": 365},
            "minItems": 1,
            "maxItems": 10,
            "uniqueItems": True,
        },
        "customer_statements": {"enum": ["off", "monthly"]},
        "customer_statements_day": {"type": "integer", "minimum": 1, "maximum": 28},
        "carrier_insurance_warnings": {"type": "boolean"},
        "carrier_insurance_warning_days": {"type": "integer", "minimum": 1, "maximum": 365},
        # Branding of every PDF (apps.core.pdf.issuer_lines, remit_to_note, footer_text).
        "company_address": {"type": "string", "maxLength": 300, "description": "Street, city: one line each."},
        "company_phone": {"type": "string", "maxLength": 40},
        "remit_to": {"type": "string", "maxLength": 300, "description": "Where customers send payment."},
        "document_footer": {"type": "string", "maxLength": 200},
        # Three-way match of supplier bills (apps.payables.services.tolerances): beyond these a bill is held.
        "bill_price_tolerance_pct": {
            "description": "Billed vs ordered unit price, in percent (default 0.5).",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^[0-9]{1,2}(\.[0-9]{1,2})?$|^100$"},
            ],
        },
        "bill_weight_tolerance_pct": {
            "description": "Billed vs received (catch) weight, in percent (default 1.0).",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^[0-9]{1,2}(\.[0-9]{1,2})?$|^100$"},
            ],
        },
        # Freight bills against the rate confirmation (apps.payables.services.freight_tolerances), per charge type.
        "freight_tolerance_pct": {
            "description": "Billed vs agreed freight charge, in percent of the agreed amount (default 0).",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^[0-9]{1,2}(\.[0-9]{1,2})?$|^100$"},
            ],
        },
        "freight_tolerance_amount": {
            "description": "Billed vs agreed freight charge, in money (default 0.00).",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100000},
                {"type": "string", "pattern": r"^[0-9]{1,6}(\.[0-9]{1,2})?$"},
            ],
        },
        "bill_boxes_tolerance": {
            "description": "Billed vs ordered boxes, a count (default 0).",
            "type": "integer",
            "minimum": 0,
            "maximum": 10000,
        },
        # Sales rep commissions from settled margin (apps.settlement.reports.commission_rule).
        "commission_percent": {
            "description": "Percent of each settled load's margin paid as commission (0 to 100; default 0).",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^[0-9]{1,2}(\.[0-9]{1,2})?$|^100$"},
            ],
        },
        "commission_floor": {
            **_AMOUNT,
            "description": "The least commission per settled load, in the load's currency (default 0: a loss "
            "earns no negative commission); a non-negative number or decimal string.",
        },
        "base_currency": {
            "description": "The reporting currency the dashboard leads with.",
            "enum": list(Currency.values),
        },
    },
    # Keys no feature reads yet may be stored, as plain values.
    "additionalProperties": {
        "type": ["string", "number", "boolean", "null", "array", "object"],
        "maxLength": 2000,
    },
    "propertyNames": {"pattern": r"^[A-Za-z][A-Za-z0-9_]{0,63}$"},
}

_validator = jsonschema.Draft202012Validator(SETTINGS_SCHEMA)


def settings_errors(value) -> list[str]:
    """Messages naming each problem ('ai_monthly_cap_usd: ...'); [] when the settings are valid."""
    if not isinstance(value, dict):
        return ["Settings must be a JSON object."]
    if len(json.dumps(value)) > MAX_SETTINGS_BYTES:
        return [f"Settings are larger than {MAX_SETTINGS_BYTES // 1024} KB."]
    messages = []
    for error in sorted(_validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
        where = ".".join(str(part) for part in error.absolute_path) or "settings"
        if error.validator == "anyOf":
            schema = error.schema
            messages.append(f"{where}: {schema.get('description', 'not a valid value')}")
        elif error.validator == "propertyNames":
            messages.append(f"{error.instance!r} is not a valid setting name (letters, digits and _).")
        else:
            messages.append(f"{where}: {error.message}")
    return messages
