"""Bug report API shape: the reporter is the signed-in member, screenshots are checked PNG/JPEG files."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer

from .models import BugReport, Status

SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
SCREEN_SIZE = re.compile(r"^(\d{2,5})\s*[xX×*]\s*(\d{2,5})$")


class ReporterSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username", "first_name", "last_name"]
        read_only_fields = fields


def image_kind(upload) -> str | None:
    """'png' or 'jpg' judged by the file's first bytes (not its name or declared type), else None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for signature, kind in IMAGE_SIGNATURES.items() if head.startswith(signature)), None)


class BugReportSerializer(TenantOwnedSerializer):
    reporter = ReporterSerializer(read_only=True, allow_null=True)
    resolved_by = ReporterSerializer(read_only=True, allow_null=True)
    screenshot = serializers.FileField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text="PNG or JPEG image, at most 5 MB (multipart upload). Send null to remove it.",
    )
    screenshot_url = serializers.SerializerMethodField(help_text="Where members of the tenant can fetch the image.")

    class Meta:
        model = BugReport
        fields = [
            "id",
            "title",
            "description",
            "category",
            "severity",
            "status",
            "reporter",
            "steps_to_reproduce",
            "expected_behavior",
            "actual_behavior",
            "client",
            "page_url",
            "browser",
            "os",
            "screen_size",
            "screenshot",
            "screenshot_url",
            "resolved_at",
            "resolved_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["resolved_at"]

    def get_screenshot_url(self, report) -> str | None:
        if not report.screenshot:
            return None
        path = reverse("bug-report-screenshot", args=[report.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def validate_screenshot(self, upload):
        if upload is None:
            return None
        if upload.size > SCREENSHOT_MAX_BYTES:
            raise serializers.ValidationError(
                f"The screenshot is {upload.size / (1024 * 1024):.1f} MB; the limit is 5 MB. "
                "Crop it or save it as JPEG."
            )
        kind = image_kind(upload)
        if kind is None:
            raise serializers.ValidationError("The screenshot must be a PNG or JPEG image.")
        upload.name = f"screenshot.{kind}"
        return upload

    def validate_screen_size(self, value: str) -> str:
        value = (value or "").strip()
        if not value:
            return ""
        match = SCREEN_SIZE.match(value)
        if not match:
            raise serializers.ValidationError("Give the screen size as width x height in pixels, e.g. 1920x1080.")
        return f"{match.group(1)}x{match.group(2)}"

    def validate_status(self, value: str) -> str:
        if self.instance is None and value != Status.NEW:
            raise serializers.ValidationError("A new report starts as 'new'; an admin changes its status later.")
        return value
