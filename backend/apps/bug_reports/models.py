"""Bug reports and feature requests filed by members from the web or mobile app."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from apps.core.models import TenantOwnedModel


class Category(models.TextChoices):
    BUG = "bug", "Bug"
    FEATURE = "feature", "Feature request"
    QUESTION = "question", "Question"
    UI = "ui", "User interface"
    PERFORMANCE = "performance", "Performance"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Status(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"
    WONT_FIX = "wont_fix", "Won't fix"


CLOSED_STATUSES = {Status.RESOLVED, Status.WONT_FIX}


class Client(models.TextChoices):
    WEB = "web", "Web app"
    MOBILE = "mobile", "Mobile app"


def screenshot_path(report: "BugReport", filename: str) -> str:
    # A random name: the client's file name may carry personal data or path tricks.
    suffix = PurePosixPath(filename).suffix.lower()[:5]
    return f"bug_reports/{report.tenant_id}/{uuid.uuid4().hex}{suffix}"


class BugReport(TenantOwnedModel):
    title = models.CharField(max_length=200)
    description = models.TextField()
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.BUG)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="bug_reports"
    )

    steps_to_reproduce = models.TextField(blank=True)
    expected_behavior = models.TextField(blank=True)
    actual_behavior = models.TextField(blank=True)

    client = models.CharField(max_length=10, choices=Client.choices, default=Client.WEB)
    page_url = models.CharField("page URL", max_length=500, blank=True, help_text="Page or app screen of the problem.")
    browser = models.CharField(max_length=100, blank=True)
    os = models.CharField("operating system", max_length=100, blank=True)
    screen_size = models.CharField(max_length=20, blank=True, help_text="Width x height in pixels, e.g. 1920x1080.")
    screenshot = models.FileField(upload_to=screenshot_path, blank=True, max_length=200)

    resolved_at = models.DateTimeField(null=True, blank=True, help_text="When it was resolved or closed as won't fix.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"
