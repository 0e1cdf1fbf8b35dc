from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import Invitation, Tenant, TenantDomain, TenantUser


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


@admin.register(Invitation)
class InvitationAdmin(PlatformModelAdmin):
    """Invitations of every tenant (platform staff). Deleting one revokes it. Only the token's hash is stored,
    and it is not shown; a new link is sent from the web app's members page (resend)."""

    list_display = ["email", "role", "status", "expires_at", "invited_by", "sent_count", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "tenant__name"]
    readonly_fields = ["tenant", "invited_by", "sent_count", "accepted_at", "accepted_by", "created_at"]
    fields = ["tenant", "email", "role", "status", "expires_at", *readonly_fields[1:]]

    def has_add_permission(self, request):
        return False  # invitations are sent from the members page, which mails the link
