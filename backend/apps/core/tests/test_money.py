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


def test_kg_and_lb_convert_with_the_exact_factor():
    assert kg_to_lb("1000") == Decimal("2204.62")
    assert lb_to_kg("2204.62") == Decimal("1000.00")
    # 100,000 kg / 0.45359237 = 220,462.262 lb (a rounded 2.20462 lb/kg would give 220,462.00)
    assert kg_to_lb("100000") == Decimal("220462.26")
    assert lb_to_kg("100") == Decimal("45.36")  # 45.359237


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


# --- Written against surviving mutants (`make mutation`, docs/TESTING.md): each pins one rule exactly. ---------


def test_weights_round_half_up_too():
    from apps.core.money import round_weight

    assert round_weight(Decimal("1.005")) == Decimal("1.01")  # half-even would give 1.00
    assert round_weight(Decimal("2.015")) == Decimal("2.02")
    assert round_weight("-1.005") == Decimal("-1.01")


def test_amounts_up_to_the_column_fit_and_one_cent_more_is_refused():
    from django.core.exceptions import ValidationError

    from apps.core.money import MONEY_COLUMN_MAX, AmountTooLarge, check_fits

    cent = Decimal("0.01")
    assert check_fits(MONEY_COLUMN_MAX) == MONEY_COLUMN_MAX
    assert check_fits(-MONEY_COLUMN_MAX) == -MONEY_COLUMN_MAX
    for too_large in (MONEY_COLUMN_MAX + cent, -MONEY_COLUMN_MAX - cent):
        with pytest.raises(AmountTooLarge) as caught:
            check_fits(too_large)
        assert isinstance(caught.value, ValidationError)
        assert caught.value.code == "amount_too_large"
    assert caught.value.messages == [
        "The amount -1,000,000,000,000.00 is larger than the largest amount allowed (999,999,999,999.99); "
        "check the weights, quantities and prices."
    ]


def test_line_and_order_totals_past_the_column_are_refused():
    from apps.core.money import AmountTooLarge

    with pytest.raises(AmountTooLarge):
        line_total("lb", "100000.0000", weight_lb="10000000")  # 10^12: one cent past the column
    with pytest.raises(AmountTooLarge):
        sum_money(["999999999999.99", "0.01"])
    assert sum_money(["999999999999.98", "0.01"]) == Decimal("999999999999.99")


def test_to_decimal_keeps_decimals_converts_ints_and_strings_and_names_what_is_not_a_number():
    from apps.core.money import to_decimal

    value = Decimal("1.50")
    assert to_decimal(value) is value
    assert to_decimal(7) == Decimal("7") and isinstance(to_decimal(7), Decimal)
    assert str(to_decimal(" 2.5 ".strip())) == "2.5"
    with pytest.raises(ValueError, match=r"^not a number: 'abc'$"):
        to_decimal("abc")
    with pytest.raises(TypeError, match="never float"):
        to_decimal(0.1)


@pytest.mark.parametrize(
    ("unit", "kwargs", "message"),
    [
        ("lb", {}, "a price per lb needs a weight"),
        ("cwt", {"boxes": 3}, "a price per cwt needs a weight"),
        ("kg", {}, "a price per kg needs a weight"),
        ("case", {"weight_lb": "10"}, "a price per case needs a box count"),
        ("each", {"weight_lb": "10"}, "a price per each needs a piece count"),
    ],
)
def test_a_missing_quantity_names_the_price_unit(unit, kwargs, message):
    with pytest.raises(ValueError) as caught:
        quantity_in_price_unit(unit, **kwargs)
    assert str(caught.value) == message


def test_quantities_per_price_unit_are_exact():
    assert quantity_in_price_unit("lb", weight_lb="150.5") == Decimal("150.5")
    assert quantity_in_price_unit("cwt", weight_lb="150") == Decimal("1.5")
    assert quantity_in_price_unit("kg", weight_lb="220.462") == Decimal("100")
    assert quantity_in_price_unit("case", boxes=12, weight_lb="500") == Decimal("12")
    assert quantity_in_price_unit("each", pieces=5, boxes=2) == Decimal("5")  # pieces win over boxes
    assert quantity_in_price_unit("each", boxes=2) == Decimal("2")
    assert quantity_in_price_unit("each", pieces=0, boxes=2) == Decimal("0")


def test_allocation_edge_cases():
    from apps.core.money import allocate_by_weight

    assert allocate_by_weight(Decimal("10.00"), []) == []
    # all weights zero (or less): an even split, the left-over cent to the earlier part
    assert allocate_by_weight(Decimal("0.03"), [Decimal("0"), Decimal("0")]) == [Decimal("0.02"), Decimal("0.01")]
    # a tie on the dropped fraction: the earlier part gets the cent
    assert allocate_by_weight(Decimal("0.01"), [Decimal("1"), Decimal("1")]) == [Decimal("0.01"), Decimal("0.00")]
    # the largest dropped fraction gets the cent, wherever it is
    assert allocate_by_weight(Decimal("1.00"), [Decimal("1"), Decimal("2")]) == [Decimal("0.33"), Decimal("0.67")]
    assert allocate_by_weight(Decimal("0.05"), [Decimal("1"), Decimal("1"), Decimal("1")]) == [
        Decimal("0.02"),
        Decimal("0.02"),
        Decimal("0.01"),
    ]
    # the amount is rounded half-up to the cent first
    assert allocate_by_weight(Decimal("0.015"), [Decimal("1")]) == [Decimal("0.02")]
    parts = allocate_by_weight(Decimal("100.00"), [Decimal("3"), Decimal("0"), Decimal("1")])
    assert parts == [Decimal("75.00"), Decimal("0.00"), Decimal("25.00")]
    assert all(part.as_tuple().exponent == -2 for part in parts)


def test_the_bounded_fields_validate_their_bounds_and_migrate_as_plain_decimals():
    from django.core.exceptions import ValidationError
    from django.core.validators import MinValueValidator

    from apps.core.money import MONEY_INPUT_MAX, UNIT_PRICE_MAX, WEIGHT_MAX, MoneyField, UnitPriceField, WeightField

    cent = Decimal("0.01")
    money = MoneyField()
    money.run_validators(MONEY_INPUT_MAX)
    money.run_validators(-MONEY_INPUT_MAX)
    for outside in (MONEY_INPUT_MAX + cent, -MONEY_INPUT_MAX - cent):
        with pytest.raises(ValidationError):
            money.run_validators(outside)
    name, path, args, kwargs = money.deconstruct()
    assert path == "django.db.models.DecimalField"
    assert (kwargs["max_digits"], kwargs["decimal_places"], kwargs["default"]) == (14, 2, Decimal("0.00"))

    price = UnitPriceField()
    price.run_validators(UNIT_PRICE_MAX)
    price.run_validators(Decimal("0"))
    for outside in (UNIT_PRICE_MAX + Decimal("0.0001"), Decimal("-0.0001")):
        with pytest.raises(ValidationError):
            price.run_validators(outside)
    with pytest.raises(ValidationError):
        price.run_validators(Decimal("1.00001"))  # five decimals: the column keeps four
    assert (price.max_digits, price.decimal_places) == (12, 4)

    weight = WeightField()
    weight.run_validators(WEIGHT_MAX)
    with pytest.raises(ValidationError):
        weight.run_validators(WEIGHT_MAX + cent)
    with pytest.raises(ValidationError):
        weight.run_validators(-cent)
    assert (weight.max_digits, weight.decimal_places) == (12, 2)

    # an explicit bound of the model wins over the field's own
    strict = WeightField(validators=[MinValueValidator(Decimal("5"))], max_digits=8)
    assert strict.max_digits == 8
    strict.run_validators(Decimal("5"))
    with pytest.raises(ValidationError):
        strict.run_validators(Decimal("4.99"))
    assert sum(isinstance(v, MinValueValidator) for v in strict.validators) == 1
