"""Filter completeness: from each resource's model, the filters its list must offer — every field with
choices, every boolean, every foreign key to another business row, and a from/to range on every date — and a
failure naming each missing one. Derived from the model's fields, not from the filtersets being checked."""

import pytest
from django.db import models

from apps.core.models import TenantOwnedModel
from apps.core.testing.api import tenant_resources

# Fields that need no filter, with the reason (resource -> field -> reason).
EXEMPT: dict[str, dict[str, str]] = {}
# Calendar dates (DateField: order, pickup, due, expiry dates …) need a from/to range. Moments (DateTimeField:
# created_at, confirmed_at, processed_at …) are workflow stamps shown on the timeline and sortable; no range
# is required for them.


def required_filters(model) -> list[tuple[str, str, str]]:
    """(field, lookup, why) the model's list must offer."""
    needs = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or field.name == "tenant":
            continue
        if isinstance(field, models.ForeignKey):
            if issubclass(field.related_model, TenantOwnedModel):
                needs.append((field.name, "exact", "foreign key"))
        elif field.choices:
            needs.append((field.name, "exact", "choices"))
        elif isinstance(field, models.BooleanField):
            needs.append((field.name, "exact", "boolean"))
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            needs.append((field.name, "gte", "date range (from)"))
            needs.append((field.name, "lte", "date range (to)"))
    return needs


def offered_filters(viewset) -> set[tuple[str, str]]:
    view = viewset()
    filterset_class = getattr(viewset, "filterset_class", None)
    if filterset_class is None and getattr(viewset, "filterset_fields", None):
        from django_filters.rest_framework import DjangoFilterBackend

        view.request = None
        filterset_class = DjangoFilterBackend().get_filterset_class(view, viewset.queryset)
    if filterset_class is None:
        return set()
    offered = set()
    for filt in filterset_class.base_filters.values():
        lookup = filt.lookup_expr
        field_name = filt.field_name.removesuffix("_id")
        offered.add((field_name, lookup))
        if lookup in ("date__gte", "date__lte"):
            offered.add((field_name, lookup.removeprefix("date__")))
    return offered


LISTED = sorted(
    (basename, viewset)
    for _prefix, viewset, basename in tenant_resources()
    if hasattr(viewset, "list") and getattr(getattr(viewset, "queryset", None), "model", None) is not None
)


@pytest.mark.parametrize(("basename", "viewset"), LISTED, ids=[basename for basename, _ in LISTED])
def test_every_list_offers_the_filters_its_model_implies(basename, viewset):
    model = viewset.queryset.model
    offered = offered_filters(viewset)
    exempt = EXEMPT.get(basename, {})
    missing = [
        f"{name} ({why}: lookup {lookup})"
        for name, lookup, why in required_filters(model)
        if name not in exempt and (name, lookup) not in offered
    ]
    assert not missing, f"{basename} list lacks filters: " + "; ".join(missing)
