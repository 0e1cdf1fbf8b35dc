"""Overdue invoices: the beat job tells the invoice's author once per invoice, in every tenant; drafts, paid
and void invoices and invoices not yet due are left alone."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from apps.core.periodic import run_per_tenant
from apps.core.testing.factories import TenantFactory, member
from apps.invoices import services
from apps.invoices.periodic import overdue_notifications_for
from apps.invoices.tasks import notify_overdue
from apps.notifications.models import Notification
from apps.tenants.models import Role

from .factories import InvoiceFactory

# The beat job lists tenants through the ops connection on PostgreSQL: it must see committed rows.
pytestmark = pytest.mark.django_db(transaction=True, databases=list(settings.DATABASES))


def test_each_overdue_invoice_is_notified_once_to_its_author():
    tenant, other_tenant = TenantFactory(), TenantFactory()
    clerk, colleague, elsewhere = (
        member(tenant, Role.USER),
        member(tenant, Role.MANAGER),
        member(other_tenant, Role.USER),
    )
    today = timezone.localdate()
    late = InvoiceFactory(tenant=tenant, by=clerk, issued=True, due_date=today - timedelta(days=3))
    due_today = InvoiceFactory(tenant=tenant, by=clerk, issued=True, due_date=today)  # not overdue yet
    InvoiceFactory(tenant=tenant, by=clerk, due_date=today - timedelta(days=9))  # a draft is not a receivable
    paid = InvoiceFactory(tenant=tenant, by=clerk, issued=True, due_date=today - timedelta(days=5))
    services.apply_payment_to_invoice(paid, paid.total, by=clerk)
    void = InvoiceFactory(tenant=tenant, by=clerk, issued=True, due_date=today - timedelta(days=5))
    services.void_invoice(void, by=colleague, reason="duplicate")
    abroad = InvoiceFactory(tenant=other_tenant, by=elsewhere, issued=True, due_date=today - timedelta(days=1))

    assert notify_overdue() == {"sent": 2, "failed": 0}
    rows = list(Notification.objects.filter(kind="invoice.overdue").order_by("tenant_id"))
    assert [(row.tenant_id, row.user_id, row.target_id) for row in rows] == [
        (tenant.pk, clerk.pk, late.pk),
        (other_tenant.pk, elsewhere.pk, abroad.pk),
    ]
    assert rows[0].title == f"{late.number} is 3 days overdue"
    assert rows[0].url == f"/invoices/{late.pk}"
    assert f"owes {late.balance_due} {late.currency}" in rows[0].body and late.balance_due > Decimal("0")
    assert rows[1].title == f"{abroad.number} is 1 day overdue"
    assert not Notification.objects.filter(user=colleague).exists()

    # Run again the same day: nobody is told again; the next day only the invoice that was due today is new.
    assert notify_overdue()["sent"] == 0
    assert run_per_tenant("test", overdue_notifications_for, today + timedelta(days=1))["sent"] == 1
    assert (
        Notification.objects.filter(kind="invoice.overdue").exclude(target_id__in=[late.pk, abroad.pk]).get().target_id
        == due_today.pk
    )
    assert run_per_tenant("test", overdue_notifications_for, today + timedelta(days=2))["sent"] == 0
