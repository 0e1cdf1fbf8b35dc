from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import LoadSettlement, SettlementEntry


class SettlementEntryInline(admin.TabularInline):
    model = SettlementEntry
    extra = 0
    fields = ["kind", "basis", "currency", "amount", "document", "label", "customer", "supplier", "product", "lane"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LoadSettlement)
class LoadSettlementAdmin(PlatformModelAdmin):
    """Read-only for platform staff: settlements are opened, settled and reopened by the services."""

    list_display = ["load", "status", "period_date", "settled_at"]
    list_filter = ["status"]
    search_fields = ["load__number"]
    list_select_related = ("tenant", "load")
    inlines = [SettlementEntryInline]
    readonly_fields = ["load", "notes", "figures"]
    date_hierarchy = "period_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
