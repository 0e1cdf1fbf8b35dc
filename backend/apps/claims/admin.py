from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import Claim, ClaimLine


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0
    fields = ["line_number", "invoice_line", "description", "boxes", "weight_lb", "amount"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(PlatformModelAdmin):
    """Read-only for platform staff: claims are recorded and decided through the services."""

    list_display = ["number", "kind", "customer", "invoice", "status", "amount", "approved_amount", "claim_date"]
    list_filter = ["status", "kind", "currency"]
    search_fields = ["number", "invoice__number", "customer__name"]
    list_select_related = ("tenant", "customer", "invoice")
    inlines = [ClaimLineInline]
    readonly_fields = ["invoice", "kind", "claim_date", "description", "amount", "notes"]
    date_hierarchy = "claim_date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
