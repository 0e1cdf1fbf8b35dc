from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import COMPANY_LINKS, Contact


@admin.register(Contact)
class ContactAdmin(PlatformModelAdmin):
    list_display = ["first_name", "last_name", "title", "email", *COMPANY_LINKS, "is_primary", "status"]
    list_filter = ["status", "is_primary"]
    search_fields = ["first_name", "last_name", "email", "title"]
    list_select_related = ("tenant", *COMPANY_LINKS)
    raw_id_fields = list(COMPANY_LINKS)
