from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import CreditMemo, Invoice, InvoiceLine


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = [
        "line_number",
        "product",
        "description",
        "boxes",
        "weight_lb",
        "unit_price",
        "price_unit",
        "line_total",
        "lot_number",
        "establishment_number",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(PlatformModelAdmin):
    """Read-only for platform staff: invoice amounts are kept by the services (payments, credit memos)."""

    list_display = ["number", "customer", "invoice_date", "due_date", "status", "total", "balance_due"]
    list_filter = ["status", "currency"]
    search_fields = ["number", "customer_po_number", "customer__name", "customer__code"]
    list_select_related = ("tenant", "customer")
    readonly_fields = [
        "number",
        "status",
        "subtotal",
        "freight_amount",
        "tax_amount",
        "total",
        "amount_paid",
        "credited_amount",
        "balance_due",
        "issued_at",
        "paid_at",
        "voided_at",
        "void_reason",
    ]
    raw_id_fields = ["customer", "sales_order"]
    inlines = [InvoiceLineInline]
    date_hierarchy = "invoice_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CreditMemo)
class CreditMemoAdmin(PlatformModelAdmin):
    list_display = ["number", "invoice", "customer", "memo_date", "reason", "amount", "status"]
    list_filter = ["reason", "status"]
    search_fields = ["number", "invoice__number", "customer__name"]
    list_select_related = ("tenant", "invoice", "customer")
    readonly_fields = ["number", "invoice", "customer", "amount", "status", "voided_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
