"""The abstract order line (see the package docstring). Concrete lines add their parent foreign key (declared
by `parent_field`), their own links (source purchase line, sales order line) and their indexes."""

from decimal import Decimal
from typing import ClassVar

from django.db import models

from apps.core.choices import FreshFrozen, PriceUnit
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, UnitPriceField, WeightField, line_total

WEIGHT_PRICED_UNITS = frozenset({PriceUnit.LB, PriceUnit.CWT, PriceUnit.KG})


class PricedLine(TenantOwnedModel):
    """One product on an order document, priced per lb, cwt, kg, case or each. Weights are pounds."""

    line_number = models.PositiveSmallIntegerField(default=1, help_text="1, 2, 3 ... in the order of the document.")
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="%(app_label)s_lines")
    description = models.CharField(max_length=255, blank=True)
    protein = models.ForeignKey("core.Protein", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    fresh_frozen = models.CharField("fresh / frozen", max_length=10, choices=FreshFrozen.choices, blank=True)
    boxes = models.PositiveIntegerField(null=True, blank=True)
    unit_price = UnitPriceField()
    price_unit = models.CharField(max_length=5, choices=PriceUnit.choices, default=PriceUnit.LB)
    line_total = MoneyField(editable=False)

    # The foreign key to the document the line belongs to ("order", "invoice").
    parent_field: ClassVar[str] = "order"
    # The weight columns a payload may give in kg (weight_unit="kg"), and the one named by the quantity rule.
    weight_fields: ClassVar[tuple[str, ...]] = ()
    weight_needed_message: ClassVar[str] = "A price per {unit} needs a weight."
    # Whether a line may name no product, only a description (a purchase line for something not in the catalogue).
    description_only: ClassVar[bool] = False
    # The fields a caller may write on a line (besides `id` and `weight_unit`).
    input_fields: ClassVar[frozenset[str]] = frozenset(
        {"product", "description", "protein", "fresh_frozen", "boxes", "unit_price", "price_unit"}
    )

    class Meta(TenantOwnedModel.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="%(app_label)s_line_price_gte_0"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("description") or f"{self._meta.verbose_name} {self.pk}"

    # `weight_lb`, the weight the line is priced at, is a property of CatchWeightLine and a column of a billed line.

    @property
    def priced_by_weight(self) -> bool:
        return self.price_unit in WEIGHT_PRICED_UNITS

    def apply_product_defaults(self) -> None:
        """Description, protein and fresh/frozen come from the product unless the line says otherwise."""
        product = self.product if self.product_id is not None else None
        if product is None:
            return
        if not self.description:
            self.description = product.description
        if self.protein_id is None:
            self.protein_id = product.protein_id
        if not self.fresh_frozen and product.fresh_frozen in (FreshFrozen.FRESH, FreshFrozen.FROZEN):
            self.fresh_frozen = product.fresh_frozen

    def price(self) -> None:
        """The line total: the quantity in the price unit x the unit price, rounded once to the cent."""
        self.line_total = line_total(
            self.price_unit, self.unit_price, weight_lb=self.weight_lb, boxes=self.boxes, pieces=self.boxes
        )


def rule_errors(model, value) -> dict[str, list[str]]:
    """The line rules on the values a line will have (`value(name)` gives each): a product (or, where allowed, a
    description), a price or a product default price, and the quantity rule. Used by the nested serializer (so a
    payload's 400 holds every line's problems) and by write_lines (so every caller meets the same rules)."""
    product = value("product")
    errors = {}
    if product is None and not model.description_only:
        errors["product"] = ["Choose a product."]
    elif product is None and not value("description"):
        errors["description"] = ["Give a product or a description."]
    price_unit = value("price_unit")
    if value("unit_price") is None:
        if product is None or product.default_price is None:
            message = "Give a price: the product has no default price." if product else "Give the unit price."
            errors["unit_price"] = [message]
        else:
            price_unit = price_unit or product.price_unit
    weights = [value(name) for name in model.weight_fields]
    errors.update(quantity_errors(model, price_unit, weights=weights, boxes=value("boxes")))
    return errors


def quantity_errors(model, price_unit, *, weights, boxes) -> dict[str, list[str]]:
    unit = price_unit or PriceUnit.LB
    if unit in WEIGHT_PRICED_UNITS:
        if all(weight is None for weight in weights):
            return {model.weight_fields[0]: [model.weight_needed_message.format(unit=unit)]}
    elif boxes is None:
        return {"boxes": [f"A price per {unit} needs the number of boxes."]}
    return {}


class CatchWeightLine(PricedLine):
    """A line bought or sold on an estimated weight and settled on the actual (catch) weight."""

    estimated_weight_lb = WeightField("estimated weight (lb)", null=True, blank=True)
    actual_weight_lb = WeightField("actual (catch) weight (lb)", null=True, blank=True)

    weight_fields = ("estimated_weight_lb", "actual_weight_lb")
    weight_needed_message = "A price per {unit} needs an estimated or actual weight."
    input_fields = PricedLine.input_fields | {"estimated_weight_lb", "actual_weight_lb"}

    class Meta(PricedLine.Meta):
        abstract = True
        constraints = [
            *PricedLine.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(estimated_weight_lb__isnull=True) | models.Q(estimated_weight_lb__gte=0),
                name="%(app_label)s_line_est_weight_gte_0",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_weight_lb__isnull=True) | models.Q(actual_weight_lb__gte=0),
                name="%(app_label)s_line_actual_weight_gte_0",
            ),
        ]

    @property
    def weight_lb(self) -> Decimal | None:
        """The weight the line is priced and costed at: the catch weight once known, else the estimate."""
        return self.actual_weight_lb if self.actual_weight_lb is not None else self.estimated_weight_lb
