"""Per-tenant document numbers (PO-2026-000123), gapless, from a counter row locked in the caller's transaction.

One rule for the year in the number: the year of the document's own date (a purchase or sales order's order
date, an invoice's invoice date, a credit memo's memo date, a payment's payment date); a document without a date
of its own (a load) takes today's. Back-dating an order into last year therefore numbers it in last year's series."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import NumberSequence


def next_number(tenant, kind: str, *, on=None, year: int | None = None) -> str:
    """Allocate the next number of `kind` for `tenant`, in the series of the year of `on` (the document's date;
    today when None).

    Must run inside the transaction that saves the document: the counter row stays locked until it
    commits, and a rollback gives the number back, so numbers have no gaps and no duplicates.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must be called inside the transaction that saves the document")
    year = year or (on.year if on is not None else timezone.localdate().year)
    kind = kind.upper()
    counter = NumberSequence.objects.filter(tenant=tenant, kind=kind, year=year)
    # UPDATE ... SET last_value = last_value + 1 takes the row lock; the read after it sees our value.
    if not counter.update(last_value=F("last_value") + 1):
        try:
            with transaction.atomic():
                NumberSequence.objects.create(tenant=tenant, kind=kind, year=year, last_value=0)
        except IntegrityError:
            pass  # another transaction created it first; the UPDATE below waits for its lock
        counter.update(last_value=F("last_value") + 1)
    value = counter.values_list("last_value", flat=True).get()
    return f"{kind}-{year}-{value:06d}"
