from django.contrib import admin

from apps.core.admin import PlatformModelAdmin, link_inlines

from .models import Product


@admin.register(Product)
class ProductAdmin(PlatformModelAdmin):
    list_display = ["code", "description", "protein", "grade", "namp_number", "supplier", "default_price", "is_active"]
    list_filter = ["protein", "grade", "fresh_frozen", "net_catch", "is_tested", "is_active"]
    search_fields = ["code", "description", "namp_number", "supplier_item_number"]
    list_select_related = ("tenant", "protein", "supplier")
    inlines = link_inlines(Product, "plants")
