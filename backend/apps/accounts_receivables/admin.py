from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import Payment, PaymentApplication


class PaymentApplicationInline(admin.TabularInline):
    model = PaymentApplication
    extra = 0
    fields = ["invoice", "amount", "applied_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # applications go through services.apply_payment (it locks and updates the invoices)


@admin.register(Payment)
class PaymentAdmin(PlatformModelAdmin):
    list_display = ["number", "customer", "payment_date", "amount", "unapplied_amount", "payment_method", "reference"]
    list_filter = ["payment_method", "payment_date"]
    search_fields = ["number", "reference", "customer__name", "customer__code"]
    # Money is booked and applied through services (numbers, credit, invoice locks); staff only annotate here.
    readonly_fields = ["number", "customer", "payment_date", "amount", "unapplied_amount"]
    list_select_related = ("tenant", "customer")
    inlines = [PaymentApplicationInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
