from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import PurchaseOrder, PurchaseOrderLine


class PurchaseOrderLineInline(admin.TabularInline):
    model = PurchaseOrderLine
    extra = 0
    fields = [
        "line_number",
        "product",
        "description",
        "boxes",
        "estimated_weight_lb",
        "actual_weight_lb",
        "lot_number",
        "establishment_number",
    ]
    fields += ["unit_price", "price_unit", "line_total"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(PlatformModelAdmin):
    """Read and correct for platform staff; orders are raised and moved through the API (numbers, workflow)."""

    list_display = ["number", "supplier", "plant", "order_date", "pickup_date", "status", "total", "currency"]
    list_filter = ["status", "freight_terms", "currency"]
    search_fields = ["number", "supplier_confirmation_number", "supplier__name", "carrier_release_number"]
    list_select_related = ("tenant", "supplier", "plant")
    readonly_fields = ["number", "status", "subtotal", "total"]
    raw_id_fields = ["supplier", "plant", "supplier_contact", "carrier", "customer"]
    inlines = [PurchaseOrderLineInline]
    date_hierarchy = "order_date"

    def has_add_permission(self, request) -> bool:
        return False
