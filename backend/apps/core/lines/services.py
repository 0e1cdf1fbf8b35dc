"""`write_lines`: the one way a document's lines are written, by the API, the assistant's confirm step, the
admin and the seeders alike."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.dateparse import parse_date
from rest_framework.exceptions import ValidationError

from apps.core.establishment import normalize_establishment_number
from apps.core.lines.models import TRACE_FIELDS, TraceableLine, rule_errors
from apps.core.money import kg_to_lb, to_decimal
from apps.core.services import author, check_fields, check_same_tenant, differs, display

PRICE_FIELDS = ("unit_price", "price_unit")


@dataclass
class LineChanges:
    """What a write did, for the document's timeline: `lines` (one entry per added, changed or removed line, each
    changed field old -> new) and `prices` (the price changes alone, recorded apart once prices are agreed)."""

    lines: list[dict] = field(default_factory=list)
    prices: list[dict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines)


def normalize_line(model, data: dict) -> dict:
    """One line as a caller gives it -> model values: unknown fields refused (400 naming them), kg weights
    (`weight_unit: "kg"`) converted to lb. `id` is kept (it picks the line to update)."""
    data = dict(data)
    unit = data.pop("weight_unit", None) or "lb"
    if unit not in ("lb", "kg"):
        raise ValidationError({"weight_unit": ['Give weights in "lb" or "kg".']})
    check_fields(data, {*model.input_fields, "id"}, str(model._meta.verbose_name))
    if unit == "kg":
        for name in model.weight_fields:
            if data.get(name) is not None:
                data[name] = kg_to_lb(data[name])
    if issubclass(model, TraceableLine) and set(TRACE_FIELDS) & set(data):
        data.update(trace_values(data))
    return data


def trace_values(data: dict) -> dict:
    """The lot fields a caller gave, as stored: the EST number normalised, dates parsed ("" or None = none);
    400 naming the field otherwise."""
    values, errors = {}, {}
    if "establishment_number" in data:
        try:
            values["establishment_number"] = normalize_establishment_number(data["establishment_number"] or "")
        except DjangoValidationError as exc:
            errors["establishment_number"] = exc.messages
    if "lot_number" in data:
        values["lot_number"] = (data["lot_number"] or "").strip()
    for name in ("production_date", "pack_date"):
        if name in data and isinstance(data[name], str):
            text = data[name].strip()
            try:
                day = parse_date(text) if text else None
            except ValueError:
                day = None
            if text and day is None:
                errors[name] = ["Give the date as YYYY-MM-DD."]
            values[name] = day
    if errors:
        raise ValidationError(errors)
    return values


def _at(index: int, errors: dict) -> ValidationError:
    """A line's errors under its index in the `lines` list, the way the API reports nested list errors."""
    return ValidationError({"lines": {str(index): errors}})


def write_lines(
    parent,
    lines: Iterable[dict],
    *,
    model,
    by=None,
    check_edit: Callable[[set[str]], None] | None = None,
    prices_agreed: bool = False,
    on_saved: Callable[[object], None] | None = None,
) -> LineChanges:
    """Make `parent`'s lines the given full list: an item with an `id` updates that line, one without is added,
    lines left out are removed; line numbers follow the list. Each line gets the product's defaults, the quantity
    rule and its total. `check_edit(names)` is the workflow's edit check (409/403), given "lines" for an added or
    removed line and "lines.<field>" for each changed field before anything is written. `prices_agreed`: price
    changes are also listed apart (`LineChanges.prices`). `on_saved(line)` runs after each line is saved."""
    lines = [normalize_line(model, item) for item in lines]
    check_same_tenant(parent.tenant, lines)
    existing = {line.pk: line for line in model._default_manager.filter(**{model.parent_field: parent})}
    given = [item["id"] for item in lines if item.get("id") is not None]
    if len(set(given)) != len(given):
        raise ValidationError({"lines": ["A line id appears twice; give each line once."]})
    unknown = sorted(set(given) - set(existing))
    if unknown:
        label = parent._meta.verbose_name
        raise ValidationError({"lines": [f"Line id {pk} is not a line of this {label}." for pk in unknown]})
    removed = [line for pk, line in existing.items() if pk not in set(given)]

    plan = []
    names: set[str] = {"lines"} if removed or len(given) != len(lines) else set()
    for item in lines:
        pk = item.pop("id", None)
        line = existing[pk] if pk is not None else model(tenant_id=parent.tenant_id, created_by=author(by))
        changes = {name: value for name, value in item.items() if pk is None or differs(getattr(line, name), value)}
        names |= {f"lines.{name}" for name in changes} if pk is not None else set()
        plan.append((line, pk, changes))
    if check_edit is not None:
        check_edit(names)

    result = LineChanges()
    for index, (line, pk, changes) in enumerate(plan):
        if pk is not None and changes:
            diff = {name: {"old": display(getattr(line, name)), "new": display(v)} for name, v in changes.items()}
            result.lines.append({"line": index + 1, "line_id": pk, **diff})
            priced = {name: diff[name] for name in PRICE_FIELDS if name in diff}
            if prices_agreed and priced:
                result.prices.append({"line": index + 1, "line_id": pk, **priced})
        before = (line.line_number, line.line_total)
        for name, value in changes.items():
            setattr(line, name, value)
        setattr(line, model.parent_field, parent)
        line.line_number = index + 1
        _complete(line, index, price_unit_given="price_unit" in changes)
        if pk is None or changes or (line.line_number, line.line_total) != before:
            line.save()
        if pk is None:
            result.lines.append({"line": line.line_number, "line_id": line.pk, "added": True})
        if on_saved is not None:
            on_saved(line)
    for line in removed:
        result.lines.append({"line": line.line_number, "line_id": line.pk, "removed": True})
        line.delete()
    return result


def _complete(line, index: int, *, price_unit_given: bool) -> None:
    """Defaults, the line rules and the total of one line; errors point at the line's place in the list."""
    line.apply_product_defaults()
    product = line.product if line.product_id is not None else None
    if line.unit_price is None and product is not None and product.default_price is not None:
        line.unit_price = product.default_price
        if line._state.adding and not price_unit_given:
            line.price_unit = product.price_unit
    if errors := rule_errors(type(line), lambda name: product if name == "product" else getattr(line, name)):
        raise _at(index, errors)
    if to_decimal(line.unit_price) < 0:
        raise _at(index, {"unit_price": ["The price cannot be negative."]})
    line.price()
