"""USDA establishment numbers: every accepted form normalises to one key; anything else is refused."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.establishment import ESTABLISHMENT_HELP, normalize_establishment_number


@pytest.mark.parametrize(
    ("entered", "normalized"),
    [
        ("EST. 245", "245"),
        ("Est 245", "245"),
        ("EST. 245C", "245C"),
        ("est. no. 969A", "969A"),
        ("245A", "245A"),
        ("245a", "245A"),
        ("P-1234", "P1234"),
        ("p 1234", "P1234"),
        ("M1234+P1234", "M1234+P1234"),
        ("M-1234 + P-1234", "M1234+P1234"),
        ("EST. M245A+P245A", "M245A+P245A"),
        ("V-123", "V123"),
        ("I-45", "I45"),
        ("USDA EST. 17564", "17564"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_accepted_forms_normalise(entered, normalized):
    assert normalize_establishment_number(entered) == normalized


@pytest.mark.parametrize(
    "garbage", ["abc", "EST.", "X-12", "12-34-56", "1234567", "245ABC", "M", "P-", "245+", "+245", "EST 245 / 246"]
)
def test_garbage_is_refused_with_the_accepted_forms(garbage):
    with pytest.raises(ValidationError) as caught:
        normalize_establishment_number(garbage)
    assert caught.value.messages == [ESTABLISHMENT_HELP]
