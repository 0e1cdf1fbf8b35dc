from django.contrib import admin

from apps.core.admin import PlatformModelAdmin, link_inlines

from .models import SalesOrder, SalesOrderLine


class SalesOrderLineInline(admin.TabularInline):
    model = SalesOrderLine
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
    fields += ["unit_price", "price_unit", "line_total", "buy_cost", "source_purchase_order_line"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SalesOrder)
class SalesOrderAdmin(PlatformModelAdmin):
    """Read-only for platform staff; orders are raised and moved through the API (numbers, credit, workflow)."""

    list_display = ["number", "customer", "order_date", "delivery_date", "status", "total", "margin", "currency"]
    list_filter = ["status", "currency", "buy_cost_complete"]
    search_fields = ["number", "customer_po_number", "customer__name", "customer__code"]
    list_select_related = ("tenant", "customer")
    readonly_fields = ["number", "status", "total", "buy_cost", "freight_cost", "margin", "buy_cost_complete"]
    raw_id_fields = ["customer", "ship_to", "carrier", "load"]
    inlines = [SalesOrderLineInline, *link_inlines(SalesOrder, "source_purchase_orders")]
    date_hierarchy = "order_date"

    def has_add_permission(self, request) -> bool:
        return False
