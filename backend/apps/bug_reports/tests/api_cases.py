"""Resource case for the generic API tests: bug reports (any member files one; admins change status)."""

import itertools

from apps.core.testing.cases import ResourceCase, register

from .factories import BugReportFactory

_numbers = itertools.count(1)


def create_payload(tenant) -> dict:
    n = next(_numbers)
    return {
        "title": f"Export button does nothing ({n})",
        "description": "Clicking Export CSV on the supplier list does not download anything.",
        "category": "bug",
        "severity": "high",
        "page_url": "https://app.projectmeats.example/suppliers",
        "browser": "Safari 18",
        "os": "macOS 15",
        "screen_size": "1440 x 900",
    }


register(
    ResourceCase(
        read_back={"screen_size": lambda sent: sent.replace(" ", "")},  # stored as WIDTHxHEIGHT
        basename="bug-report",
        factory=lambda tenant: BugReportFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda report: {"status": "triaged", "severity": "critical"},
        search_term=lambda report: report.title,
    ),
)
