from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import ColdStorageEntry, Load, LoadAccessorial, LoadOrder


class LoadOrderInline(admin.TabularInline):
    model = LoadOrder
    extra = 0
    fields = ["stop_number", "purchase_order"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LoadAccessorialInline(admin.TabularInline):
    model = LoadAccessorial
    extra = 0
    fields = ["charge_type", "description", "amount"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Load)
class LoadAdmin(PlatformModelAdmin):
    """Read and correct for platform staff; loads are tendered and moved through the API."""

    list_display = ["number", "carrier", "pickup_date", "delivery_date", "status", "total_freight_cost"]
    list_filter = ["status", "pod_received", "currency"]
    search_fields = ["number", "bol_number", "seal_number", "trailer_number", "carrier__name"]
    list_select_related = ("tenant", "carrier")
    readonly_fields = ["number", "status", "accessorials_total", "total_freight_cost"]
    raw_id_fields = ["carrier"]
    inlines = [LoadOrderInline, LoadAccessorialInline]
    date_hierarchy = "pickup_date"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ColdStorageEntry)
class ColdStorageEntryAdmin(PlatformModelAdmin):
    list_display = ["id", "description", "match_status", "storage_plant", "stored_on", "released_on", "total_cost"]
    list_filter = ["match_status", "currency"]
    search_fields = ["description", "lot_number", "purchase_order__number", "load__number"]
    list_select_related = ("tenant", "storage_plant")
    readonly_fields = ["total_cost"]
    raw_id_fields = ["purchase_order", "load", "product", "storage_supplier", "storage_plant"]
