"""Serializer base for tenant-owned models: foreign keys only reach the request's tenant, per-tenant
uniqueness is a field error (not a 500), and tenant / id / created_by cannot be set by the client."""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, models
from rest_framework import serializers
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.fields import SkipField, empty, get_error_detail
from rest_framework.serializers import as_serializer_error

from .models import Protein, TenantLink, TenantOwnedModel


def request_tenant(serializer_field_or_serializer):
    request = serializer_field_or_serializer.context.get("request")
    return getattr(request, "tenant", None)


class TenantPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A pk that points at another tenant's row is 'does not exist' (400), exactly like a missing one."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, TenantOwnedModel) and settings.TENANCY_APP_FILTER:
            queryset = queryset.for_tenant(request_tenant(self))
        return queryset


class AllErrorsMixin:
    """Every problem of a payload in ONE 400: DRF stops after the field errors and runs `validate()` (the
    cross-field rules) only on the next submit. Here the cross-field rules also run on the fields that did
    parse, and their errors are added for the fields that have none yet. A rule that cannot run without the
    missing fields (KeyError, TypeError ...) is skipped; it runs on the next submit once the fields are fixed.
    Applied to TenantOwnedSerializer and to the nested order-line serializers, so every resource (and the CSV
    import's dry run, which validates through the same serializers) reports everything at once."""

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        parsed: dict = {}
        errors: dict = {}
        # The CSV import validates many rows with one serializer: only the fields a row can carry or that
        # matter when absent (required ones, defaults); the others would be skipped anyway.
        fields = getattr(self, "_import_fields", None)
        for field in self._writable_fields if fields is None else fields:
            validate_method = getattr(self, "validate_" + field.field_name, None)
            primitive = field.get_value(data)
            try:
                value = field.run_validation(primitive)
                if validate_method is not None:
                    value = validate_method(value)
            except ValidationError as exc:
                errors[field.field_name] = exc.detail
            except DjangoValidationError as exc:
                errors[field.field_name] = get_error_detail(exc)
            except SkipField:
                pass
            else:
                self.set_value(parsed, field.source_attrs, value)
        for key, messages in self.more_field_errors(parsed).items():
            errors.setdefault(key, messages)
        if errors:
            exc = ValidationError(errors)
            exc.parsed_part = parsed
            raise exc
        return parsed

    def more_field_errors(self, parsed: dict) -> dict:
        """Field errors found from the parsed fields together (per-tenant uniqueness); none by default."""
        return {}

    def run_validation(self, data=empty):
        try:
            return super().run_validation(data)
        except ValidationError as exc:
            parsed = getattr(exc, "parsed_part", None)
            if parsed is None:
                raise
            errors = dict(exc.detail)
        for key, messages in self._cross_field_errors(parsed).items():
            errors.setdefault(key, messages)
        raise ValidationError(errors)

    def _cross_field_errors(self, parsed: dict) -> dict:
        try:
            self.run_validators(parsed)
            self.validate(parsed)
        except (ValidationError, DjangoValidationError) as exc:
            detail = as_serializer_error(exc)
            return detail if isinstance(detail, dict) else {}
        except (DatabaseError, APIException):
            # A refusal that is not a validation error (a guarded field's 403) still wins over the 400.
            raise
        except Exception:  # noqa: BLE001 - a rule that needs a field the payload got wrong waits for the fix
            return {}
        return {}


class TenantOwnedSerializer(AllErrorsMixin, serializers.ModelSerializer):
    serializer_related_field = TenantPrimaryKeyRelatedField

    def get_fields(self):
        fields = super().get_fields()
        for name in ("tenant", "created_by"):
            fields.pop(name, None)
        for name in ("id", "created_at", "updated_at"):
            if name in fields:
                fields[name].read_only = True
        return fields

    def build_relational_field(self, field_name, relation_info):
        """A many-to-many through a TenantLink stays writable, like an automatic join table (DRF makes fields
        with an explicit through model read-only); the link rows get their tenant on insert."""
        through = getattr(getattr(relation_info.model_field, "remote_field", None), "through", None)
        if relation_info.has_through_model and isinstance(through, type) and issubclass(through, TenantLink):
            relation_info = relation_info._replace(has_through_model=False)
        return super().build_relational_field(field_name, relation_info)

    def more_field_errors(self, parsed: dict) -> dict:
        return self._tenant_uniqueness_errors(parsed)

    def _tenant_uniqueness_errors(self, attrs) -> dict:
        errors: dict = {}
        tenant = getattr(self.instance, "tenant", None) or request_tenant(self)
        model = self.Meta.model
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
                continue
            fields = list(constraint.fields)
            if "tenant" not in fields or len(fields) < 2:
                continue
            if len(fields) == 2 and getattr(self, "_bulk_import", False):
                continue  # the CSV import checks single-field uniqueness for all rows in one query
            lookup = {"tenant": tenant}
            for name in fields:
                if name == "tenant":
                    continue
                if name in attrs:
                    lookup[name] = attrs[name]
                elif self.instance is not None:
                    lookup[name] = getattr(self.instance, name)
                else:
                    break
            else:
                if any(value in (None, "") for value in lookup.values()):
                    continue
                clash = model._default_manager.filter(**lookup)
                if self.instance is not None:
                    clash = clash.exclude(pk=self.instance.pk)
                if clash.exists():
                    field = next(name for name in fields if name != "tenant")
                    label = model._meta.get_field(field).verbose_name
                    errors.setdefault(
                        field, [f"A {model._meta.verbose_name} with this {label} already exists in this tenant."]
                    )
        return errors


class ProteinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Protein
        fields = ["id", "code", "name", "sort_order"]


class GuardedFieldsMixin:
    """Fields that only a minimum role may set or change, each change with a reason (credit terms, say).

    `guarded_fields = {"credit_limit": Role.MANAGER, ...}` on the serializer. A write that changes one of them
    (on create: sets it to something other than the default) by a lower role is 403 naming the field; without
    a non-empty `reason` it is 400 on `reason`. The change is recorded in the record's history (with the reason)
    and on its timeline (`guarded_event`, old and new values per field)."""

    guarded_fields: dict = {}
    guarded_event = "terms_changed"

    def get_fields(self):
        fields = super().get_fields()
        if self.guarded_fields:
            names = ", ".join(sorted(self.guarded_fields))
            fields["reason"] = serializers.CharField(
                write_only=True,
                required=False,
                allow_blank=True,
                max_length=1000,
                help_text=f"Why; required when {names} change.",
            )
        return fields

    def _guarded_changes(self, attrs) -> dict:
        model = self.Meta.model
        changes = {}
        for name in self.guarded_fields:
            if name not in attrs:
                continue
            if self.instance is not None:
                old = getattr(self.instance, name)
            else:
                old = model._meta.get_field(name).get_default()
            if attrs[name] != old:
                changes[name] = (old, attrs[name])
        return changes

    def validate(self, attrs):
        from apps.tenants.models import role_at_least

        attrs = super().validate(attrs)
        reason = (attrs.pop("reason", "") or "").strip()
        changes = self._guarded_changes(attrs)
        request = self.context.get("request")
        membership = getattr(request, "membership", None)
        model = self.Meta.model
        refused = [
            name
            for name in changes
            if membership is None or not role_at_least(membership.role, self.guarded_fields[name])
        ]
        if refused:
            labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in refused)
            roles = sorted({self.guarded_fields[name] for name in refused})
            raise GuardedFieldDenied(
                f"Only a {' / '.join(roles)} or higher may change {labels}.", field=refused[0], fields=refused
            )
        if changes and not reason:
            labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in changes)
            raise serializers.ValidationError({"reason": [f"Give a reason for changing {labels}."]})
        self._guarded_change = (changes, reason)
        return attrs

    def save(self, **kwargs):
        from simple_history.utils import update_change_reason

        from .history import _plain
        from .workflow import record_event

        changes, reason = getattr(self, "_guarded_change", ({}, ""))
        instance = super().save(**kwargs)
        if changes:
            update_change_reason(instance, reason)
            request = self.context.get("request")
            record_event(
                instance,
                self.guarded_event,
                by=getattr(request, "user", None),
                reason=reason,
                changes={name: {"old": _plain(old), "new": _plain(new)} for name, (old, new) in changes.items()},
            )
        return instance


class GuardedFieldDenied(PermissionDenied):
    """403 naming the guarded field(s) the caller's role may not change (not a ValidationError, so it is
    not turned into a 400 by is_valid)."""

    def __init__(self, message: str, *, field: str, fields: list[str]):
        super().__init__({"detail": message, "field": field, "fields": fields})


class AgingBucketsSerializer(serializers.Serializer):
    """One aging row's amounts, in one currency, by days past due: the receivables aging (per customer) and the
    payables aging (per payee) share it, and so do their per-currency totals."""

    currency = serializers.CharField(help_text="Every amount of the row is in this currency.")
    current = serializers.DecimalField(max_digits=14, decimal_places=2)
    days_1_30 = serializers.DecimalField(max_digits=14, decimal_places=2)
    days_31_60 = serializers.DecimalField(max_digits=14, decimal_places=2)
    days_61_90 = serializers.DecimalField(max_digits=14, decimal_places=2)
    days_over_90 = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
