from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import SupplierBill, SupplierBillLine


class SupplierBillLineInline(admin.TabularInline):
    model = SupplierBillLine
    extra = 0
    fields = [
        "position",
        "purchase_order_line",
        "description",
        "boxes",
        "weight_lb",
        "unit_price",
        "price_unit",
        "line_total",
        "expected_total",
        "variances",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SupplierBill)
class SupplierBillAdmin(PlatformModelAdmin):
    """Read-only for platform staff: bill amounts and statuses are kept by the services."""

    list_display = ["number", "supplier", "supplier_invoice_number", "bill_date", "due_date", "status", "total"]
    list_filter = ["status", "currency", "has_variances"]
    search_fields = ["number", "supplier_invoice_number", "supplier__name", "purchase_order__number"]
    list_select_related = ("tenant", "supplier")
    inlines = [SupplierBillLineInline]
    readonly_fields = ["purchase_order", "supplier_invoice_number", "bill_date", "due_date", "notes"]
    date_hierarchy = "bill_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
