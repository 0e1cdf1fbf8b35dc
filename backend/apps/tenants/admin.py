from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import Tenant, TenantDomain, TenantUser


class TenantDomainInline(admin.TabularInline):
    model = TenantDomain
    extra = 0


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [TenantDomainInline]


@admin.register(TenantDomain)
class TenantDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "tenant", "is_primary"]
    list_filter = ["is_primary", "tenant"]
    search_fields = ["domain", "tenant__name"]


@admin.register(TenantUser)
class TenantUserAdmin(PlatformModelAdmin):
    list_display = ["user", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__email", "tenant__name"]
    autocomplete_fields: list = []
    raw_id_fields = ["user"]
