"""Field validators with messages a person can act on (phones, US addresses, country codes)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI",
}  # fmt: skip

validate_phone = RegexValidator(
    r"^\+?[0-9(][0-9 ().\-]{6,24}(\s*(x|ext\.?)\s*[0-9]{1,6})?$",
    "Enter a phone number such as (515) 555-0142 or +1 515 555 0142, optionally with 'ext 12'.",
)
validate_country = RegexValidator(r"^[A-Z]{2}$", "Use the two-letter ISO country code, e.g. US, CA, MX.")

US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")


def validate_us_address(*, country: str, state: str, postal_code: str) -> dict[str, list[str]]:
    """Errors per field for a US address (other countries are not checked beyond presence)."""
    errors: dict[str, list[str]] = {}
    if (country or "US") != "US":
        return errors
    if state and state.upper() not in US_STATES:
        errors["state"] = ["Use the two-letter USPS state code, e.g. IA, TX, NE."]
    if postal_code and not US_ZIP.match(postal_code):
        errors["postal_code"] = ["Use a 5-digit ZIP code or ZIP+4, e.g. 50309 or 50309-1234."]
    return errors


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
