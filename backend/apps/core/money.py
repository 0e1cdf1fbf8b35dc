"""The one place money and weight arithmetic happens (DESIGN §3): Decimal only, pounds as the stored
weight unit, half-up rounding to cents at the line level."""

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property

from .choices import PriceUnit

CENT = Decimal("0.01")
# The international pound is exactly 0.45359237 kg (by definition since 1959).
KG_PER_LB = Decimal("0.45359237")
LB_PER_CWT = Decimal("100")

# Bounds (docs/SECURITY.md): what a person may enter, chosen so that weight x price, and the totals of an order,
# always fit the money columns (14 digits, 2 decimals). A value past a bound is a 400 on its field.
WEIGHT_MAX = Decimal("1000000.00")  # lb per line: ~22 truckloads
UNIT_PRICE_MAX = Decimal("100000.0000")  # per lb / cwt / kg / case / each
MONEY_INPUT_MAX = Decimal("10000000000.00")  # an amount typed in (payment, freight, rate): ten billion
MONEY_COLUMN_MAX = Decimal("999999999999.99")  # the largest value a money column holds


class AmountTooLarge(ValidationError):
    """A computed amount (line total, order total) that no money column can hold: a 400, never a 500."""

    def __init__(self, value):
        super().__init__(
            f"The amount {value:,.2f} is larger than the largest amount allowed ({MONEY_COLUMN_MAX:,.2f}); "
            "check the weights, quantities and prices.",
            code="amount_too_large",
        )


class _BoundedDecimalField(models.DecimalField):
    """A DecimalField with the project's precision and value bounds. The bounds are validators (so the API
    refuses out-of-range input on the field, and DRF's schema shows minimum/maximum) that migrations do not
    record: the field deconstructs as a plain DecimalField, and explicit validators of a model win."""

    defaults: dict = {}
    lower: Decimal | None = None
    upper: Decimal | None = None

    def __init__(self, *args, **kwargs):
        for key, value in self.defaults.items():
            kwargs.setdefault(key, value)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        explicit = list(self._validators)
        bounds = []
        if self.lower is not None and not any(isinstance(v, MinValueValidator) for v in explicit):
            bounds.append(MinValueValidator(self.lower))
        if self.upper is not None and not any(isinstance(v, MaxValueValidator) for v in explicit):
            bounds.append(MaxValueValidator(self.upper))
        return [*explicit, *bounds, DecimalValidator(self.max_digits, self.decimal_places)]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class MoneyField(_BoundedDecimalField):
    defaults = {"max_digits": 14, "decimal_places": 2, "default": Decimal("0.00")}
    lower, upper = -MONEY_INPUT_MAX, MONEY_INPUT_MAX


class UnitPriceField(_BoundedDecimalField):
    defaults = {"max_digits": 12, "decimal_places": 4}
    lower, upper = Decimal("0"), UNIT_PRICE_MAX


class WeightField(_BoundedDecimalField):
    defaults = {"max_digits": 12, "decimal_places": 2}
    lower, upper = Decimal("0"), WEIGHT_MAX


def check_fits(value: Decimal) -> Decimal:
    if abs(value) > MONEY_COLUMN_MAX:
        raise AmountTooLarge(value)
    return value


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # floats are refused: 0.1 + 0.2 must never reach an invoice
        raise TypeError("money and weights are Decimal or str, never float")
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def round_money(value) -> Decimal:
    """Half-up to the cent: 10.005 -> 10.01."""
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_weight(value) -> Decimal:
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def kg_to_lb(kg) -> Decimal:
    """Kilograms -> pounds stored to the hundredth (kg / 0.45359237, half-up)."""
    return round_weight(to_decimal(kg) / KG_PER_LB)


def lb_to_kg(lb) -> Decimal:
    """Pounds -> kilograms to the hundredth (lb x 0.45359237, half-up). A weight entered in kg and stored in lb
    comes back as the same kg: the stored pounds are within 0.005 lb (0.0023 kg) of the exact value."""
    return round_weight(to_decimal(lb) * KG_PER_LB)


def quantity_in_price_unit(price_unit: str, *, weight_lb=None, boxes=None, pieces=None) -> Decimal:
    """How many price units a line holds: pounds, hundredweights, kilograms, cases or pieces."""
    unit = PriceUnit(price_unit)
    if unit in (PriceUnit.LB, PriceUnit.CWT, PriceUnit.KG):
        if weight_lb is None:
            raise ValueError(f"a price per {unit.value} needs a weight")
        weight = to_decimal(weight_lb)
        if unit == PriceUnit.LB:
            return weight
        if unit == PriceUnit.CWT:
            return weight / LB_PER_CWT
        # Priced per kg on the kilograms to the hundredth, as a scale reads them (and as they were entered).
        return lb_to_kg(weight)
    if unit == PriceUnit.CASE:
        if boxes is None:
            raise ValueError("a price per case needs a box count")
        return to_decimal(boxes)
    count = pieces if pieces is not None else boxes
    if count is None:
        raise ValueError("a price per each needs a piece count")
    return to_decimal(count)


def line_total(price_unit: str, unit_price, *, weight_lb=None, boxes=None, pieces=None) -> Decimal:
    """Quantity in the price unit x unit price, rounded half-up to the cent once, at the line."""
    quantity = quantity_in_price_unit(price_unit, weight_lb=weight_lb, boxes=boxes, pieces=pieces)
    return check_fits(round_money(quantity * to_decimal(unit_price)))


def sum_money(values) -> Decimal:
    return check_fits(round_money(sum((to_decimal(v) for v in values), Decimal("0"))))


def allocate_by_weight(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` (whole cents) split in proportion to `weights` by largest remainder: each part is its exact
    share rounded down to the cent, and the cents left over go one each to the largest dropped fractions (the
    earlier part first on a tie). The parts add up to `amount`, none is negative when `amount` is not, and each
    is within a cent of its exact share. All weights zero: an even split."""
    if not weights:
        return []
    if sum(weights, Decimal("0")) <= 0:
        weights = [Decimal("1")] * len(weights)
    total_cents = int(round_money(amount) * 100)
    total_weight = sum((Fraction(weight) for weight in weights), Fraction(0))
    exact = [Fraction(total_cents) * Fraction(weight) / total_weight for weight in weights]
    parts = [math.floor(share) for share in exact]
    left_over = total_cents - sum(parts)
    by_fraction = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_fraction[:left_over]:
        parts[i] += 1
    return [Decimal(part).scaleb(-2) for part in parts]


# --- Currencies: amounts in different currencies are never added together ------------------------------------
DEFAULT_REPORTING_CURRENCY = "USD"


def reporting_currency(tenant) -> str:
    """The currency a tenant's dashboard leads with (its `base_currency` setting, USD when unset). Figures in
    other currencies are reported beside it, per currency, never converted or summed into it."""
    settings = getattr(tenant, "settings", None) or {}
    return settings.get("base_currency") or DEFAULT_REPORTING_CURRENCY


def currencies_in_order(tenant, currencies) -> list[str]:
    """The currencies present, the reporting currency first, then alphabetical."""
    base = reporting_currency(tenant)
    return sorted(set(currencies), key=lambda code: (code != base, code))
