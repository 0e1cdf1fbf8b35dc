"""In-app notifications for one member of one tenant, and the Expo push tokens of their devices."""

from django.conf import settings
from django.db import models

from apps.core.models import TenantOwnedModel


class Platform(models.TextChoices):
    IOS = "ios", "iOS"
    ANDROID = "android", "Android"
    WEB = "web", "Web"


class PushStatus(models.TextChoices):
    NONE = "", "Not pushed (push is off or the member has no device)"
    SENT = "sent", "Accepted by the push service"
    FAILED = "failed", "Push failed"


class Notification(TenantOwnedModel):
    """Something that happened that one member should know about (a load tendered, a document processed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=50, help_text="What happened, e.g. load.accepted or document.processed.")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    target_type = models.CharField(max_length=60, blank=True, help_text="app_label.model of the record it is about.")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Path of the record in the web app.")
    read_at = models.DateTimeField(null=True, blank=True)
    push_status = models.CharField(max_length=6, choices=PushStatus.choices, blank=True, default=PushStatus.NONE)
    push_error = models.TextField(blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="notificatio_notif_tcr"),
            models.Index(fields=["tenant", "user", "read_at"], name="notificatio_notif_user_read"),
        ]

    def __str__(self) -> str:
        return self.title if "title" not in self.get_deferred_fields() else f"notification {self.pk}"


class PushDevice(TenantOwnedModel):
    """An Expo push token of a member's phone, per tenant (the app registers it for the tenant it shows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_devices")
    token = models.CharField(max_length=255, help_text="The Expo push token, ExponentPushToken[...].")
    platform = models.CharField(max_length=10, choices=Platform.choices)
    device_name = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True, help_text="Off once Expo says the device is not registered.")
    last_error = models.TextField(blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "token"], name="notifications_pushdevice_token")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="notificatio_device_tcr")]

    def __str__(self) -> str:
        return self.device_name or f"push device {self.pk}"
