from django.contrib import admin

from apps.core.admin import PlatformModelAdmin, link_inlines

from .models import Plant


@admin.register(Plant)
class PlantAdmin(PlatformModelAdmin):
    list_display = ["code", "name", "establishment_number", "plant_type", "supplier", "city", "state", "is_active"]
    list_filter = ["plant_type", "is_active", "proteins"]
    search_fields = ["code", "name", "establishment_number", "establishment_number_normalized", "city"]
    list_select_related = ("tenant", "supplier")
    readonly_fields = ["establishment_number_normalized"]
    inlines = link_inlines(Plant, "proteins")
