from django.contrib import admin

from apps.core.admin import PlatformModelAdmin, link_inlines

from .models import Customer, ShipToLocation


@admin.register(Customer)
class CustomerAdmin(PlatformModelAdmin):
    list_display = ["code", "name", "customer_type", "industry", "status", "credit_hold", "city", "state"]
    list_filter = ["status", "customer_type", "industry", "credit_hold", "exportable", "will_pick_up"]
    search_fields = ["code", "name", "city", "email"]
    inlines = link_inlines(Customer, "proteins", "preferred_plants")
    raw_id_fields = ["buyer_contact", "sales_rep"]


@admin.register(ShipToLocation)
class ShipToLocationAdmin(PlatformModelAdmin):
    list_display = ["name", "customer", "city", "state", "appointment_method", "is_default", "is_active"]
    list_filter = ["appointment_method", "is_default", "is_active"]
    search_fields = ["name", "city", "customer__name", "customer__code"]
    list_select_related = ("tenant", "customer")
    raw_id_fields = ["customer"]
