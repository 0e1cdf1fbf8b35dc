"""Per-tenant document numbers (PO-2026-000123), gapless, from a counter row locked in the caller's transaction."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import NumberSequence


def next_number(tenant, kind: str, *, year: int | None = None) -> str:
    """Allocate the next number of `kind` for `tenant`.

    Must run inside the transaction that saves the document: the counter row stays locked until it
    commits, and a rollback gives the number back, so numbers have no gaps and no duplicates.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must be called inside the transaction that saves the document")
    year = year or timezone.localdate().year
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
