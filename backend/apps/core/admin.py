"""Django admin for platform staff. Tenant-owned rows are read and written through the ops alias (the
BYPASSRLS role on PostgreSQL), because staff work across tenants."""

from django.conf import settings
from django.contrib import admin

from .models import NumberSequence, Protein


class PlatformModelAdmin(admin.ModelAdmin):
    """Every admin of a tenant-owned model subclasses this: tenant shown, filterable, ops alias used."""

    using = settings.OPS_DB_ALIAS
    list_select_related = ("tenant",)

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        return display if "tenant" in display else [*display, "tenant"]

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return filters if "tenant" in filters else ["tenant", *filters]

    def save_model(self, request, obj, form, change):
        if not change and getattr(obj, "created_by_id", None) is None and hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        obj.save(using=self.using)

    def delete_model(self, request, obj):
        obj.delete(using=self.using)

    def get_queryset(self, request):
        return super().get_queryset(request).using(self.using)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, using=self.using, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, using=self.using, **kwargs)


class TenantLinkInline(admin.TabularInline):
    """Rows of a TenantLink join table (admin's filter_horizontal cannot edit an explicit through model);
    tenant_id comes from the owner row on save."""

    extra = 0
    using = settings.OPS_DB_ALIAS

    def get_queryset(self, request):
        return super().get_queryset(request).using(self.using)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, using=self.using, **kwargs)


def link_inlines(model, *field_names: str) -> list[type[TenantLinkInline]]:
    """One inline per many-to-many field of `model` whose through model is a TenantLink."""
    inlines = []
    for name in field_names:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        target = next(
            f.name for f in through._meta.fields if f.is_relation and f.name not in ("tenant", through.link_owner)
        )
        attributes = {"model": through, "fields": [target], "verbose_name_plural": field.verbose_name}
        inlines.append(type(f"{through.__name__}Inline", (TenantLinkInline,), attributes))
    return inlines


@admin.register(Protein)
class ProteinAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    list_filter: list = []


@admin.register(NumberSequence)
class NumberSequenceAdmin(PlatformModelAdmin):
    list_display = ["kind", "year", "last_value"]
    list_filter = ["kind", "year"]
    search_fields = ["kind"]
    readonly_fields = ["last_value"]
