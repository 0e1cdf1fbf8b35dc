from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import (
    DebitMemo,
    FreightBill,
    FreightBillCharge,
    PaymentOut,
    PaymentOutApplication,
    SupplierBill,
    SupplierBillLine,
)


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


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class FreightBillChargeInline(ReadOnlyInline):
    model = FreightBillCharge
    fields = ["line_number", "charge_type", "description", "amount"]


@admin.register(FreightBill)
class FreightBillAdmin(PlatformModelAdmin):
    """Read-only for platform staff: freight bill amounts and statuses are kept by the services."""

    list_display = ["number", "carrier", "load", "carrier_invoice_number", "bill_date", "due_date", "status", "total"]
    list_filter = ["status", "currency", "has_variances"]
    search_fields = ["number", "carrier_invoice_number", "carrier__name", "load__number"]
    list_select_related = ("tenant", "carrier", "load")
    inlines = [FreightBillChargeInline]
    readonly_fields = ["load", "carrier_invoice_number", "bill_date", "due_date", "notes"]
    date_hierarchy = "bill_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PaymentOutApplicationInline(ReadOnlyInline):
    model = PaymentOutApplication
    fields = ["supplier_bill", "freight_bill", "debit_memo", "amount"]


@admin.register(PaymentOut)
class PaymentOutAdmin(PlatformModelAdmin):
    """Read-only for platform staff: payments out are entered and voided through the services."""

    list_display = ["number", "supplier", "carrier", "method", "payment_date", "currency", "amount", "status"]
    list_filter = ["status", "method", "currency"]
    search_fields = ["number", "reference", "supplier__name", "carrier__name"]
    list_select_related = ("tenant", "supplier", "carrier")
    inlines = [PaymentOutApplicationInline]
    readonly_fields = ["method", "supplier", "carrier", "payment_date", "currency", "reference", "notes"]
    date_hierarchy = "payment_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
