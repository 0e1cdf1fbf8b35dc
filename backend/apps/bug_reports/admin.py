from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import BugReport


@admin.register(BugReport)
class BugReportAdmin(PlatformModelAdmin):
    list_display = ["title", "category", "severity", "status", "reporter", "created_at", "resolved_at"]
    list_filter = ["status", "severity", "category", "client"]
    search_fields = ["title", "description", "page_url"]
    readonly_fields = ["resolved_at", "resolved_by"]
    list_select_related = ("tenant", "reporter")
