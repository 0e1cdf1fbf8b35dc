"""The abstract order line (see the package docstring). Concrete lines add their parent foreign key (declared
by `parent_field`), their own links (source purchase line, sales order line) and their indexes."""

import datetime
from decimal import Decimal
from typing import ClassVar

from django.db import models
from django.utils import timezone

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
    if issubclass(model, TraceableLine):
        errors.update(trace_errors(value("production_date"), value("pack_date")))
    return errors


def trace_errors(production_date, pack_date) -> dict[str, list[str]]:
    """A lot's dates: packed on or after it was produced, neither more than a day ahead of today (a label
    dated tomorrow happens across time zones; later is a typing mistake)."""
    errors: dict[str, list[str]] = {}
    latest = timezone.localdate() + datetime.timedelta(days=1)
    for name, day in (("production_date", production_date), ("pack_date", pack_date)):
        if isinstance(day, datetime.date) and day > latest:
            errors[name] = [f"The {name.replace('_', ' ')} cannot be after {latest.isoformat()} (tomorrow)."]
    if isinstance(production_date, datetime.date) and isinstance(pack_date, datetime.date):
        if production_date > pack_date and "pack_date" not in errors:
            errors["pack_date"] = ["The pack date cannot be before the production date."]
    return errors


def quantity_errors(model, price_unit, *, weights, boxes) -> dict[str, list[str]]:
    unit = price_unit or PriceUnit.LB
    if unit in WEIGHT_PRICED_UNITS:
        if all(weight is None for weight in weights):
            return {model.weight_fields[0]: [model.weight_needed_message.format(unit=unit)]}
    elif boxes is None:
        return {"boxes": [f"A price per {unit} needs the number of boxes."]}
    return {}


TRACE_FIELDS = ("lot_number", "production_date", "pack_date", "establishment_number")


class TraceableLine(models.Model):
    """Lot traceability of a line (for recalls): the packer's lot, production and pack dates and the USDA
    establishment the product was produced at (normalised: 'EST. 245c' is stored as '245C', the same form as
    a plant's `establishment_number_normalized`). Mixed into purchase, sales and invoice lines; a sales line
    without its own lot data takes it from the purchase line it was bought on (apps.core.lines.trace)."""

    lot_number = models.CharField(max_length=50, blank=True, help_text="The packer's lot (or production) code.")
    production_date = models.DateField(null=True, blank=True)
    pack_date = models.DateField(null=True, blank=True)
    establishment_number = models.CharField(
        "USDA establishment number",
        max_length=40,
        blank=True,
        help_text="Where the product was produced, normalised (EST. 245c -> 245C); any accepted form on input.",
    )

    class Meta:
        abstract = True

    def lot(self) -> dict:
        """The line's lot fields (what an invoice line made from it carries over)."""
        return {name: getattr(self, name) for name in TRACE_FIELDS}

    @property
    def has_lot(self) -> bool:
        return any(getattr(self, name) not in (None, "") for name in TRACE_FIELDS)

    @staticmethod
    def trace_constraints(prefix: str) -> list:
        """The database's check of the dates' order, for each concrete line's Meta."""
        return [
            models.CheckConstraint(
                condition=models.Q(production_date__isnull=True)
                | models.Q(pack_date__isnull=True)
                | models.Q(production_date__lte=models.F("pack_date")),
                name=f"{prefix}_line_produced_before_packed",
            )
        ]


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
