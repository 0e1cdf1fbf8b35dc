from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import DebitMemo, SupplierBill, SupplierBillLine


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


@admin.register(DebitMemo)
class DebitMemoAdmin(PlatformModelAdmin):
    """Read-only for platform staff: debit memos are kept by the services."""

    list_display = ["number", "supplier", "carrier", "memo_date", "currency", "amount", "balance", "status"]
    list_filter = ["status", "currency"]
    search_fields = ["number", "reason", "source", "supplier__name", "carrier__name"]
    list_select_related = ("tenant", "supplier", "carrier")
    readonly_fields = ["supplier", "carrier", "memo_date", "currency", "amount", "reason", "source"]
    date_hierarchy = "memo_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
