from django.contrib import admin

from apps.core.admin import PlatformModelAdmin, link_inlines

from .models import Supplier


@admin.register(Supplier)
class SupplierAdmin(PlatformModelAdmin):
    list_display = ["code", "name", "supplier_type", "status", "city", "state", "quality_rating"]
    list_filter = ["status", "supplier_type", "origin", "fresh_frozen", "shipping_offered", "proteins"]
    search_fields = ["code", "name", "city", "email", "paca_licence_number"]
    inlines = link_inlines(Supplier, "proteins", "plants")
