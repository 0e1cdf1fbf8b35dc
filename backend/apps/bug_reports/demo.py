"""Demo bug reports: one open bug from a trader, one resolved request from the office."""

import datetime

from django.utils import timezone

from .models import BugReport

REPORTS = [
    {
        "title": "Load board does not refresh after a carrier is assigned",
        "description": "After I assign Heartland Reefer Express to a load, the board still shows it unassigned "
        "until I reload the page.",
        "category": "bug",
        "severity": "medium",
        "status": "triaged",
        "reporter_role": "user",
        "steps_to_reproduce": "1. Open Loads\n2. Assign a carrier to an open load\n3. Go back to the board",
        "expected_behavior": "The load shows the carrier right away.",
        "actual_behavior": "The load shows 'no carrier' until a manual refresh.",
        "client": "web",
        "page_url": "https://demo.projectmeats.local/loads",
        "browser": "Chrome 131",
        "os": "Windows 11",
        "screen_size": "1920x1080",
    },
    {
        "title": "Show NAMP number in the product picker",
        "description": "When adding a line to a purchase order, please show the NAMP number next to the item "
        "description so 112A and 1112A are not mixed up.",
        "category": "feature",
        "severity": "low",
        "status": "resolved",
        "reporter_role": "manager",
        "client": "mobile",
        "page_url": "app://purchase-orders/new",
        "browser": "ProjectMeats iOS 1.0",
        "os": "iOS 18",
        "screen_size": "390x844",
        "resolved_days_ago": 3,
    },
]


def seed(tenant, users) -> None:
    for spec in REPORTS:
        values = dict(spec)
        reporter = users.get(values.pop("reporter_role"))
        resolved_days_ago = values.pop("resolved_days_ago", None)
        if resolved_days_ago is not None:
            values["resolved_at"] = timezone.now() - datetime.timedelta(days=resolved_days_ago)
            values["resolved_by"] = users.get("admin")
        title = values.pop("title")
        BugReport.objects.update_or_create(
            tenant=tenant,
            title=title,
            defaults={**values, "reporter": reporter},
            create_defaults={**values, "reporter": reporter, "created_by": reporter},
        )
