import factory
from factory.django import DjangoModelFactory

from apps.bug_reports.models import BugReport, Category, Severity
from apps.core.testing.factories import TenantFactory, UserFactory


class BugReportFactory(DjangoModelFactory):
    class Meta:
        model = BugReport

    tenant = factory.SubFactory(TenantFactory)
    reporter = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Price column shows 0.00 on order list ({n})")
    description = "After saving a sales order the list shows a price of 0.00 until I reload."
    category = Category.BUG
    severity = Severity.MEDIUM
    steps_to_reproduce = "1. Open Sales orders\n2. Save an order\n3. Look at the list"
    expected_behavior = "The saved price"
    actual_behavior = "0.00"
    page_url = "https://app.projectmeats.example/sales-orders"
    browser = "Chrome 131"
    os = "Windows 11"
    screen_size = "1920x1080"
