"""Serializer base for tenant-owned models: foreign keys only reach the request's tenant, per-tenant
uniqueness is a field error (not a 500), and tenant / id / created_by cannot be set by the client."""

from django.conf import settings
from django.db import models
from rest_framework import serializers

from .models import Protein, TenantOwnedModel


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


class TenantOwnedSerializer(serializers.ModelSerializer):
    serializer_related_field = TenantPrimaryKeyRelatedField

    def get_fields(self):
        fields = super().get_fields()
        for name in ("tenant", "created_by"):
            fields.pop(name, None)
        for name in ("id", "created_at", "updated_at"):
            if name in fields:
                fields[name].read_only = True
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self._check_tenant_uniqueness(attrs)
        return attrs

    def _check_tenant_uniqueness(self, attrs) -> None:
        tenant = getattr(self.instance, "tenant", None) or request_tenant(self)
        model = self.Meta.model
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
                continue
            fields = list(constraint.fields)
            if "tenant" not in fields or len(fields) < 2:
                continue
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
                    raise serializers.ValidationError(
                        {field: [f"A {model._meta.verbose_name} with this {label} already exists in this tenant."]}
                    )


class ProteinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Protein
        fields = ["id", "code", "name", "sort_order"]
