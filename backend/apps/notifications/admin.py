from django.contrib import admin

from .models import Notification, PushDevice


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "user", "tenant", "read_at", "push_status", "created_at"]
    list_filter = ["kind", "push_status"]
    search_fields = ["title", "body"]


@admin.register(PushDevice)
class PushDeviceAdmin(admin.ModelAdmin):
    list_display = ["device_name", "platform", "user", "tenant", "is_active", "created_at"]
    list_filter = ["platform", "is_active"]
