"""The beat schedule's daily jobs, run through their Celery tasks and a real SMTP server on 127.0.0.1: overdue-invoice
reminders and monthly statements for tenants that opted in, carrier insurance warnings; each run twice sends
nothing twice, and one tenant's failure does not stop the others."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from apps.accounts_receivables import services
from apps.accounts_receivables.periodic import overdue_reminders_for
from apps.accounts_receivables.tasks import customer_statements, overdue_reminders
from apps.accounts_receivables.tests.factories import PaymentFactory, open_invoice
from apps.carriers.tasks import insurance_warnings
from apps.carriers.tests.factories import CarrierFactory
from apps.core.delivery import send_document_once
from apps.core.models import DeliveryStatus, DocumentDelivery
from apps.core.rls import run_for_tenant
from apps.core.testing.factories import TenantFactory, member
from apps.core.testing.smtp import smtp_server  # noqa: F401 - fixture
from apps.customers.tests.factories import CustomerFactory
from apps.notifications.models import Notification
from apps.tenants.models import Role
from apps.tenants.settings_schema import settings_errors
from projectmeats.celery import app

# Transactional, with the ops alias: the jobs list tenants through it (another connection on PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True, databases=list(settings.DATABASES))
TODAY = timezone.localdate()


def overdue_world(opted_in: bool, days_overdue: int = 8, **settings):
    tenant = TenantFactory(settings={"overdue_reminders": opted_in, **settings})
    customer = CustomerFactory(tenant=tenant, email=f"ap@customer{tenant.pk}.example.com")
    invoice = open_invoice(
        tenant,
        customer=customer,
        total="1250.00",
        invoice_date=TODAY - datetime.timedelta(days=30 + days_overdue),
        due_date=TODAY - datetime.timedelta(days=days_overdue),
    )
    return tenant, customer, invoice


def test_overdue_reminders_go_once_per_stage_to_opted_in_tenants_with_the_pdf(smtp_server):  # noqa: F811
    tenant, customer, invoice = overdue_world(True)
    overdue_world(False)  # a tenant that did not opt in: nothing
    assert overdue_reminders.apply().get() == {"sent": 1, "failed": 0}
    assert overdue_reminders.apply().get() == {"sent": 0, "failed": 0}  # run twice: nothing twice

    [received] = smtp_server.messages
    assert received["to"] == [customer.email]
    message = received["message"]
    assert message["Subject"] == f"Reminder: invoice {invoice.number} is 8 days past due ($1,250.00)"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"{invoice.number}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    delivery = DocumentDelivery.objects.get(tenant=tenant)
    assert (delivery.status, delivery.dedupe_key, delivery.document) == (
        DeliveryStatus.SENT,
        f"overdue:{invoice.pk}:7",
        "overdue_reminder",
    )

    # A week later the invoice reached the 14-day stage: one more reminder, then quiet again.
    later = TODAY + datetime.timedelta(days=7)
    assert run_for_tenant(tenant.pk, lambda: overdue_reminders_for(tenant, later)) == 1
    assert run_for_tenant(tenant.pk, lambda: overdue_reminders_for(tenant, later)) == 0
    assert len(smtp_server.messages) == 2 and "15 days past due" in smtp_server.messages[1]["message"]["Subject"]


def test_invoices_not_yet_at_a_stage_or_paid_get_no_reminder(smtp_server):  # noqa: F811
    overdue_world(True, days_overdue=3, overdue_reminder_days=[5, 10])
    tenant, customer, invoice = overdue_world(True, days_overdue=20)
    payment = PaymentFactory(tenant=tenant, customer=customer, amount=invoice.total, payment_date=TODAY)
    services.apply_payment(payment, [(invoice, invoice.total)], by=None)
    assert overdue_reminders.apply().get() == {"sent": 0, "failed": 0}
    assert smtp_server.messages == []


def test_one_tenants_failure_does_not_stop_the_others(smtp_server):  # noqa: F811
    broken, _customer, _invoice = overdue_world(True)
    # Stored behind the API's back (the API validates settings): the job must survive it.
    broken.__class__.objects.filter(pk=broken.pk).update(
        settings={"overdue_reminders": True, "overdue_reminder_days": ["weekly"]}
    )
    overdue_world(True)
    assert overdue_reminders.apply().get() == {"sent": 1, "failed": 1}
    assert len(smtp_server.messages) == 1


def test_monthly_statements_go_once_to_customers_with_activity(smtp_server):  # noqa: F811
    tenant = TenantFactory(settings={"customer_statements": "monthly"})
    active = CustomerFactory(tenant=tenant, email="ap@active.example.com")
    CustomerFactory(tenant=tenant, email="ap@quiet.example.com")  # no activity, nothing owed
    last_month_end = TODAY.replace(day=1) - datetime.timedelta(days=1)
    open_invoice(tenant, customer=active, total="640.00", invoice_date=last_month_end.replace(day=5))
    other = TenantFactory(settings={"customer_statements": "off"})
    open_invoice(other, customer=CustomerFactory(tenant=other, email="ap@other.example.com"))

    assert customer_statements.apply().get() == {"sent": 1, "failed": 0}
    assert customer_statements.apply().get() == {"sent": 0, "failed": 0}
    [received] = smtp_server.messages
    assert received["to"] == ["ap@active.example.com"]
    assert received["message"]["Subject"] == f"Statement of account, {last_month_end:%B %Y}"
    [attachment] = list(received["message"].iter_attachments())
    assert attachment.get_filename() == f"statement-{active.code}-{last_month_end.isoformat()}.pdf"
    assert DocumentDelivery.objects.get(tenant=tenant).dedupe_key == f"statement:{active.pk}:{last_month_end:%Y-%m}"


def test_insurance_warnings_reach_the_managers_once_per_stage(smtp_server):  # noqa: F811
    tenant = TenantFactory()
    owner = member(tenant, Role.OWNER, email="owner@broker.example.com")
    manager = member(tenant, Role.MANAGER, email="manager@broker.example.com")
    clerk = member(tenant, Role.USER, email="clerk@broker.example.com")
    expiring = CarrierFactory(tenant=tenant, insurance_expires_on=TODAY + datetime.timedelta(days=10))
    expired = CarrierFactory(tenant=tenant, insurance_expires_on=TODAY - datetime.timedelta(days=1))
    CarrierFactory(tenant=tenant, insurance_expires_on=TODAY + datetime.timedelta(days=100))  # not yet
    CarrierFactory(tenant=tenant, insurance_expires_on=None)  # not recorded
    TenantFactory(settings={"carrier_insurance_warnings": False})

    assert insurance_warnings.apply().get() == {"sent": 2, "failed": 0}
    assert insurance_warnings.apply().get() == {"sent": 0, "failed": 0}
    subjects = sorted(message["message"]["Subject"] for message in smtp_server.messages)
    assert subjects == sorted(
        [
            f"{expiring.name} ({expiring.code}): insurance expires on "
            f"{expiring.insurance_expires_on.isoformat()} (10 days)",
            f"{expired.name} ({expired.code}): insurance expired on {expired.insurance_expires_on.isoformat()}",
        ]
    )
    assert all(sorted(m["to"]) == sorted([owner.email, manager.email]) for m in smtp_server.messages)
    notified = Notification.objects.filter(tenant=tenant)
    assert sorted(notified.values_list("user_id", flat=True)) == sorted([owner.pk, owner.pk, manager.pk, manager.pk])
    assert not notified.filter(user=clerk).exists()

    # The carrier renews: a new expiry date is a new warning when it comes near again, the old one is not repeated.
    expired.insurance_expires_on = TODAY + datetime.timedelta(days=20)
    expired.save()
    assert insurance_warnings.apply().get() == {"sent": 1, "failed": 0}


def test_the_unique_key_decides_a_race_between_two_runs():
    tenant = TenantFactory()
    carrier = CarrierFactory(tenant=tenant)

    def send():
        return send_document_once("insurance:race", document_obj=carrier, kind="x", to=["a@b.example"], subject="s")

    first = run_for_tenant(tenant.pk, send)
    assert first is not None
    # The other run checked before the first one inserted: the insert itself is refused, nothing is sent.
    DocumentDelivery.objects.filter(pk=first.pk).update(dedupe_key="insurance:race")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentDelivery.objects.create(
            tenant=tenant,
            content_type=first.content_type,
            object_id=carrier.pk,
            document="x",
            subject="s",
            dedupe_key="insurance:race",
        )
    assert run_for_tenant(tenant.pk, send) is None
    assert DocumentDelivery.objects.filter(tenant=tenant).count() == 1


def test_the_beat_schedule_runs_every_job_and_each_task_is_registered():
    schedule = app.conf.beat_schedule
    tasks = {entry["task"] for entry in schedule.values()}
    assert tasks == {
        "ai_assistant.requeue_stuck_documents",
        "invoices.notify_overdue",
        "accounts_receivables.overdue_reminders",
        "accounts_receivables.customer_statements",
        "carriers.insurance_warnings",
    }
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)
    assert app.conf.timezone == timezone.get_default_timezone_name()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"overdue_reminders": "yes"}, "overdue_reminders: 'yes' is not of type 'boolean'"),
        ({"overdue_reminder_days": [0]}, "overdue_reminder_days.0: 0 is less than the minimum of 1"),
        ({"customer_statements": "weekly"}, "customer_statements: 'weekly' is not one of ['off', 'monthly']"),
        ({"customer_statements_day": 31}, "customer_statements_day: 31 is greater than the maximum of 28"),
    ],
)
def test_the_job_settings_are_validated(value, message):
    assert settings_errors(value) == [message]
