"""Receiving customer money and spreading it over invoices, one transaction each. The invoice side (its paid
amount, balance and status) is changed only through the invoices app's services, which lock the invoice row."""

from collections import OrderedDict
from decimal import Decimal

from django.db import transaction
from rest_framework.exceptions import ValidationError

from apps.core.exceptions import Conflict
from apps.core.money import round_money, sum_money, to_decimal
from apps.core.money_events import announce
from apps.core.numbering import next_number
from apps.core.workflow import record_event

from .models import Payment, PaymentApplication

ZERO = Decimal("0.00")


@transaction.atomic
def record_payment(
    *,
    tenant,
    customer,
    payment_date,
    amount,
    payment_method,
    currency: str = "",
    reference: str = "",
    notes: str = "",
    by=None,
) -> Payment:
    """Book money received from a customer; all of it is customer credit until applied. The currency is the
    customer's unless given."""
    amount = round_money(amount)
    if amount <= 0:
        raise ValidationError({"amount": ["A payment must be more than $0.00."]})
    payment = Payment.objects.create(
        tenant=tenant,
        number=next_number(tenant, "PMT", on=payment_date),
        customer=customer,
        payment_date=payment_date,
        amount=amount,
        currency=currency or customer.currency,
        unapplied_amount=amount,
        payment_method=payment_method,
        reference=reference,
        notes=notes,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_event(payment, "received", by=by, changes={"amount": str(amount), "payment_method": payment_method})
    announce(payment, "received", by=by)
    return payment


@transaction.atomic
def update_payment(payment: Payment, *, by=None, **changes) -> Payment:
    """Correct a payment. The amount may not drop below what is already applied; the customer can change
    only while nothing is applied (the applications belong to that customer's invoices)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    applied = payment.amount - payment.unapplied_amount
    recorded = {}
    if "customer" in changes and changes["customer"].pk != payment.customer_id:
        if applied > 0:
            raise Conflict(
                "This payment is applied to invoices; unapply it before moving it to another customer.",
                applied_amount=str(applied),
            )
        recorded["customer"] = [payment.customer_id, changes["customer"].pk]
    if "currency" in changes and changes["currency"] != payment.currency:
        if applied > 0:
            raise Conflict(
                "This payment is applied to invoices; unapply it before changing its currency.",
                applied_amount=str(applied),
            )
        recorded["currency"] = [payment.currency, changes["currency"]]
    if "amount" in changes:
        amount = round_money(changes["amount"])
        if amount <= 0:
            raise ValidationError({"amount": ["A payment must be more than $0.00."]})
        if amount < applied:
            raise ValidationError(
                {"amount": [f"{applied} of this payment is applied to invoices; the amount cannot be less."]}
            )
        if amount != payment.amount:
            recorded["amount"] = [str(payment.amount), str(amount)]
        changes["amount"] = amount
        payment.unapplied_amount = amount - applied
    for name, value in changes.items():
        setattr(payment, name, value)
    payment.save()
    announce(payment, "corrected", by=by)
    if recorded:
        record_event(payment, "edited", by=by, changes=recorded)
    return payment


def _merge_allocations(allocations) -> "OrderedDict":
    """{invoice pk: (invoice, amount)} in invoice pk order, so concurrent appliers lock rows in one order."""
    merged: dict = {}
    for invoice, amount in allocations:
        amount = round_money(to_decimal(amount))
        if amount <= 0:
            raise ValidationError({"allocations": [f"Amounts must be more than $0.00 (invoice {invoice.pk})."]})
        previous = merged.get(invoice.pk, (invoice, ZERO))[1]
        merged[invoice.pk] = (invoice, previous + amount)
    return OrderedDict(sorted(merged.items()))


@transaction.atomic
def apply_payment(payment: Payment, allocations, *, by=None) -> Payment:
    """Apply `payment` to invoices: allocations is [(invoice, amount)], partial or full, all or nothing.

    The payment row is locked first, then each invoice by the invoices app (in invoice pk order); an invoice
    that would be paid past its total refuses with 409 and the whole application is rolled back.
    """
    from apps.invoices.services import apply_payment_to_invoice

    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    merged = _merge_allocations(allocations)
    if not merged:
        raise ValidationError({"allocations": ["Give at least one invoice and amount."]})
    total = sum_money(amount for _invoice, amount in merged.values())
    if total > payment.unapplied_amount:
        raise Conflict(
            "The allocations add up to more than this payment has left to apply.",
            unapplied_amount=str(payment.unapplied_amount),
            allocations_total=str(total),
        )
    for invoice, _amount in merged.values():
        if invoice.customer_id != payment.customer_id or invoice.tenant_id != payment.tenant_id:
            raise ValidationError({"allocations": [f"Invoice {invoice.number} belongs to another customer."]})
        if invoice.currency != payment.currency:
            raise ValidationError(
                {
                    "allocations": [
                        f"Invoice {invoice.number} is in {invoice.currency}; this payment is in {payment.currency}."
                    ]
                }
            )
    applications = []
    for invoice, amount in merged.values():
        apply_payment_to_invoice(invoice, amount, by=by, reference=payment.number)
        applications.append(
            PaymentApplication(
                tenant_id=payment.tenant_id,
                payment=payment,
                invoice=invoice,
                amount=amount,
                applied_on=payment.payment_date,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
        )
    PaymentApplication.objects.bulk_create(applications)
    payment.unapplied_amount -= total
    payment.save(update_fields=["unapplied_amount", "updated_at"])
    record_event(
        payment,
        "applied",
        by=by,
        changes={"applied": {invoice.number: str(amount) for invoice, amount in merged.values()}},
    )
    return payment


@transaction.atomic
def unapply_payment(payment: Payment, *, invoice=None, by=None, reason: str = "") -> Payment:
    """Take a payment back off its invoices (all of them, or one): the money returns to customer credit and
    each invoice's paid amount and status go back through the invoices app."""
    from apps.invoices.services import unapply_payment_from_invoice

    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    applications = payment.applications.select_related("invoice").order_by("invoice_id", "id")
    if invoice is not None:
        applications = applications.filter(invoice=invoice)
    applications = list(applications)
    if not applications:
        raise Conflict("Nothing of this payment is applied" + (f" to invoice {invoice.number}." if invoice else "."))
    per_invoice: dict = OrderedDict()
    for application in applications:
        current = per_invoice.get(application.invoice_id, (application.invoice, ZERO))[1]
        per_invoice[application.invoice_id] = (application.invoice, current + application.amount)
    for target, amount in per_invoice.values():
        unapply_payment_from_invoice(target, amount, by=by, reference=payment.number)
    PaymentApplication.objects.filter(pk__in=[application.pk for application in applications]).delete()
    released = sum_money(amount for _invoice, amount in per_invoice.values())
    payment.unapplied_amount += released
    payment.save(update_fields=["unapplied_amount", "updated_at"])
    record_event(
        payment,
        "unapplied",
        by=by,
        reason=reason,
        changes={"unapplied": {target.number: str(amount) for target, amount in per_invoice.values()}},
    )
    return payment


@transaction.atomic
def delete_payment(payment: Payment, *, by=None) -> None:
    """Delete a payment nothing of which is applied; the journal takes its receipt back in the same transaction."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.amount != payment.unapplied_amount:
        raise Conflict("This payment is applied to invoices; unapply it before deleting it.")
    announce(payment, "deleted", by=by)
    payment.delete()
