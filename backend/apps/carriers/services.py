"""Carrier rules other apps call: whether a carrier may be given a new load."""

from apps.core.exceptions import Conflict

from .models import Carrier


def ensure_carrier_assignable(carrier: Carrier) -> None:
    """Raise Conflict (409) when the carrier must not be assigned to a new load: inactive or insurance expired."""
    if not carrier.is_active:
        raise Conflict(
            f"Carrier {carrier.name} ({carrier.code}) is inactive; reactivate it or choose another carrier.",
            code="carrier_inactive",
            carrier=carrier.pk,
        )
    if carrier.insurance_expired:
        raise Conflict(
            f"Carrier {carrier.name} ({carrier.code}) has insurance that expired on "
            f"{carrier.insurance_expires_on.isoformat()}; record the renewed policy's expiry date or choose "
            "another carrier.",
            code="carrier_insurance_expired",
            carrier=carrier.pk,
        )
