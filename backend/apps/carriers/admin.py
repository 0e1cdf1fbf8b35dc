from django.contrib import admin

from apps.core.admin import PlatformModelAdmin

from .models import Carrier


@admin.register(Carrier)
class CarrierAdmin(PlatformModelAdmin):
    list_display = ["code", "name", "carrier_type", "mc_number", "dot_number", "insurance_expires_on", "is_active"]
    list_filter = ["carrier_type", "reefer_capable", "is_active"]
    search_fields = ["code", "name", "mc_number", "dot_number", "scac"]
