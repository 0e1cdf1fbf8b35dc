"""The money helpers: price units, conversions and rounding."""

from decimal import Decimal

import pytest

from apps.core.money import kg_to_lb, lb_to_kg, line_total, quantity_in_price_unit, round_money, sum_money


@pytest.mark.parametrize(
    ("unit", "price", "kwargs", "expected"),
    [
        ("lb", "2.4550", {"weight_lb": "40000"}, Decimal("98200.00")),
        ("cwt", "245.50", {"weight_lb": "40000"}, Decimal("98200.00")),
        ("kg", "5.4123", {"weight_lb": "2204.62"}, Decimal("5412.30")),
        ("case", "112.5000", {"boxes": 900, "weight_lb": "36000"}, Decimal("101250.00")),
        ("each", "3.2500", {"pieces": 17}, Decimal("55.25")),
        ("each", "3.2500", {"boxes": 4}, Decimal("13.00")),
    ],
)
def test_line_total_per_price_unit(unit, price, kwargs, expected):
    assert line_total(unit, price, **kwargs) == expected


def test_rounding_is_half_up_to_the_cent_once_per_line():
    assert round_money("10.005") == Decimal("10.01")
    assert round_money("10.004999") == Decimal("10.00")
    assert round_money("-10.005") == Decimal("-10.01")
    # 333.33 lb at $1.005/lb = 334.99665 -> 335.00 (not rounded twice)
    assert line_total("lb", "1.0050", weight_lb="333.33") == Decimal("335.00")


def test_cwt_is_one_hundred_pounds():
    assert quantity_in_price_unit("cwt", weight_lb="4250") == Decimal("42.5")


def test_kg_and_lb_convert_with_the_agreed_factor():
    assert kg_to_lb("1000") == Decimal("2204.62")
    assert lb_to_kg("2204.62") == Decimal("1000.00")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        line_total("lb", 2.45, weight_lb="100")


@pytest.mark.parametrize(("unit", "kwargs"), [("lb", {"boxes": 3}), ("case", {"weight_lb": "10"}), ("each", {})])
def test_a_line_missing_its_quantity_is_an_error(unit, kwargs):
    with pytest.raises(ValueError):
        line_total(unit, "1.00", **kwargs)


def test_unknown_price_unit_is_refused():
    with pytest.raises(ValueError):
        line_total("ton", "1.00", weight_lb="10")


def test_sum_money():
    assert sum_money(["0.10", "0.20", Decimal("0.30")]) == Decimal("0.60")
