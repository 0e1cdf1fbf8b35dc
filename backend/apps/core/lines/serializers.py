"""The nested line shape of every order document (read and written inside its order, never on its own)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from apps.core.establishment import normalize_establishment_number
from apps.core.models import Protein
from apps.core.money import kg_to_lb
from apps.core.serializers import AllErrorsMixin, TenantPrimaryKeyRelatedField

from .models import TRACE_FIELDS, TraceableLine, rule_errors

LINE_FIELDS = [
    "id",
    "line_number",
    "product",
    "product_code",
    "description",
    "protein",
    "fresh_frozen",
    "boxes",
    "weight_unit",
    "unit_price",
    "price_unit",
    "line_total",
]


def line_fields(model, *extra: str) -> list[str]:
    """The shared fields with the model's weight columns after `boxes`, the lot fields of a traceable line,
    then the kind's own `extra` fields."""
    at = LINE_FIELDS.index("boxes") + 1
    trace = list(TRACE_FIELDS) if issubclass(model, TraceableLine) else []
    return [*LINE_FIELDS[:at], *model.weight_fields, *LINE_FIELDS[at:], *trace, *extra]


class LineSerializer(AllErrorsMixin, serializers.ModelSerializer):
    """A line inside its document. `id` picks the line to update on edits (omit it for a new line; lines left
    out are removed). `weight_unit: "kg"` says this payload's weights are kilograms (stored and returned in lb)."""

    serializer_related_field = TenantPrimaryKeyRelatedField

    id = serializers.IntegerField(required=False, help_text="Give it to update an existing line; omit for a new one.")
    weight_unit = serializers.ChoiceField(
        choices=[("lb", "lb"), ("kg", "kg")],
        required=False,
        write_only=True,
        help_text='Unit of the weights in this payload: "lb" (default) or "kg" (converted to lb on input).',
    )
    product_code = serializers.CharField(source="product.code", read_only=True, allow_null=True)
    protein = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Protein.objects.all(),
        required=False,
        allow_null=True,
        help_text="Protein code (beef, pork ...); defaults to the product's.",
    )

    class Meta:
        model = None  # set by each kind
        fields = LINE_FIELDS
        read_only_fields = ["line_number", "line_total"]
        extra_kwargs = {
            "unit_price": {"required": False, "help_text": "Price per price unit; defaults to the product's."},
            "price_unit": {"required": False},
            "product": {"required": False},
        }

    def validate_establishment_number(self, value):
        try:
            return normalize_establishment_number(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        if attrs.pop("weight_unit", "lb") == "kg":
            for name in model.weight_fields:
                if attrs.get(name) is not None:
                    attrs[name] = kg_to_lb(attrs[name])
        # The line rules on the values the line will have, beside the field errors of every other line (the
        # list's errors come back together, keyed by the line's index).
        errors = line_errors(model, attrs, self._existing_lines())
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _existing_lines(self) -> dict:
        """The lines of the document being edited (none when creating), read once per payload."""
        if not hasattr(self, "_lines_cache"):
            document = getattr(self.root, "instance", None)
            self._lines_cache = {line.pk: line for line in document.lines.all()} if document is not None else {}
        return self._lines_cache


def line_errors(model, values: dict, existing: dict) -> dict[str, list[str]]:
    """A line's errors the field validation cannot see: an id that is not a line of this document, and the line
    rules (apps.core.lines.models.rule_errors) on the values the line will have (`values` over the existing
    line's)."""
    line_id = values.get("id")
    line = existing.get(line_id)
    if line_id is not None and line is None:
        parent = model._meta.get_field(model.parent_field).related_model._meta.verbose_name
        return {"id": [f"Line {line_id} is not a line of this {parent}."]}

    def value(name):
        return values[name] if name in values else getattr(line, name, None)

    return rule_errors(model, value)
