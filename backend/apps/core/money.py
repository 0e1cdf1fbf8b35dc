"""The one place money and weight arithmetic happens (DESIGN §3): Decimal only, pounds as the stored
weight unit, half-up rounding to cents at the line level."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial

from django.db import models

from .choices import PriceUnit

CENT = Decimal("0.01")
LB_PER_KG = Decimal("2.20462")
LB_PER_CWT = Decimal("100")

# Model fields with the project's precisions.
MoneyField = partial(models.DecimalField, max_digits=14, decimal_places=2, default=Decimal("0.00"))
UnitPriceField = partial(models.DecimalField, max_digits=12, decimal_places=4)
WeightField = partial(models.DecimalField, max_digits=12, decimal_places=2)


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
    return round_weight(to_decimal(kg) * LB_PER_KG)


def lb_to_kg(lb) -> Decimal:
    return round_weight(to_decimal(lb) / LB_PER_KG)


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
        return weight / LB_PER_KG
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
    return round_money(quantity * to_decimal(unit_price))


def sum_money(values) -> Decimal:
    return round_money(sum((to_decimal(v) for v in values), Decimal("0")))
