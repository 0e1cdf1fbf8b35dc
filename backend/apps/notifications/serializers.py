"""Notification and push device shapes."""

import re

from rest_framework import serializers

from .models import Notification, PushDevice

# Expo push tokens: ExponentPushToken[...] (or ExpoPushToken[...]); nothing else is sent to Expo.
EXPO_TOKEN = re.compile(r"^Expo(nent)?PushToken\[[A-Za-z0-9_\-]{10,200}\]$")


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "target_type",
            "target_id",
            "url",
            "read",
            "read_at",
            "push_status",
            "created_at",
        ]
        read_only_fields = fields

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class ReadAllResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many unread notifications were marked read.")


class PushDeviceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PushDevice
        fields = ["id", "token", "platform", "device_name", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "is_active", "created_at", "updated_at"]
        # The per-tenant uniqueness of the token is handled by register_device (idempotent), not a 400.
        validators = []

    def validate_token(self, value: str) -> str:
        value = value.strip()
        if not EXPO_TOKEN.match(value):
            raise serializers.ValidationError("Not an Expo push token (ExponentPushToken[...]).")
        return value
