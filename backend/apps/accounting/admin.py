from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import AccountMapping, ExportBatch, JournalEntry, JournalLine


class JournalLineInline(admin.TabularInline):
    model = JournalLine
    extra = 0
    fields = ["line_number", "account_code", "account_name", "debit", "credit", "memo"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(PlatformModelAdmin):
    """Read-only for platform staff: the journal is posted and exported by the services only."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["number", "entry_date", "source_number", "event", "partner_name", "currency", "amount"]
    list_filter = ["source_kind", "currency"]
    search_fields = ["number", "source_number", "partner_name"]
    list_select_related = ("tenant",)
    inlines = [JournalLineInline]
    date_hierarchy = "entry_date"


@admin.register(ExportBatch)
class ExportBatchAdmin(ReadOnlyAdmin):
    list_display = ["number", "from_date", "to_date", "entry_count", "line_count", "created_at"]
    search_fields = ["number"]


@admin.register(AccountMapping)
class AccountMappingAdmin(ReadOnlyAdmin):
    list_display = ["role", "code", "name"]
    list_filter = ["role"]
    search_fields = ["code", "name"]
