"""Customer payments and how they are spread over invoices; what is not applied stays as customer credit."""

from decimal import Decimal

from django.db import models

from apps.core.choices import Currency, PaymentMethod
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField


class Payment(TenantOwnedModel):
    """Money received from a customer (a check, ACH, wire or card charge). `unapplied_amount` is kept in step
    with the applications by the services: amount - sum(applications) = unapplied, always >= 0."""

    number = models.CharField(max_length=30, editable=False, help_text="PMT-2026-000123, allocated on receipt.")
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="payments")
    payment_date = models.DateField(help_text="The day the money was received.")
    amount = MoneyField()
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
        help_text="The currency the money came in; it applies only to invoices in the same currency.",
    )
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(
        max_length=60, blank=True, help_text="Check number, ACH trace or wire reference, card authorisation."
    )
    notes = models.TextField(blank=True)
    unapplied_amount = MoneyField(editable=False, help_text="Not yet applied to invoices: the customer's credit.")

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-payment_date", "-id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="accounts_re_payment_tcr"),
            models.Index(fields=["tenant", "customer", "payment_date"], name="ar_payment_customer_date"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="ar_payment_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ar_payment_amount_gt_0"),
            models.CheckConstraint(
                condition=models.Q(unapplied_amount__gte=0) & models.Q(unapplied_amount__lte=models.F("amount")),
                name="ar_payment_unapplied_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.customer_id} {self.amount}"

    @property
    def applied_amount(self) -> Decimal:
        return self.amount - self.unapplied_amount


class PaymentApplication(TenantOwnedModel):
    """Part of a payment put against one invoice. `applied_on` is the payment's date, so the aging as of any
    day counts the money from the day it arrived."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="applications")
    invoice = models.ForeignKey("invoices.Invoice", on_delete=models.PROTECT, related_name="payment_applications")
    amount = MoneyField()
    applied_on = models.DateField()

    class Meta(TenantOwnedModel.Meta):
        ordering = ["applied_on", "id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="ar_paymentapplication_tcr"),
            models.Index(fields=["invoice", "applied_on"], name="ar_application_invoice_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ar_application_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} -> {self.invoice_id}: {self.amount}"
