"""Resource case for the generic API tests: carriers."""

import itertools

from apps.core.testing.cases import ResourceCase, register

from .factories import CarrierFactory

_numbers = itertools.count(1)


def create_payload(tenant) -> dict:
    n = next(_numbers)
    return {
        "code": f"NEW{n:04d}",
        "name": f"Heartland Cold Freight {n}",
        "carrier_type": "reefer_truck",
        "mc_number": f"MC {700000 + n}",
        "dot_number": f"{3100000 + n}",
        "scac": "hlcf",
        "insurance_expires_on": "2031-12-31",
        "state": "NE",
        "postal_code": "68102",
        "rating": 5,
    }


register(
    ResourceCase(
        # The API stores MC numbers as "MC-<digits>" and SCACs in capitals.
        read_back={"mc_number": lambda sent: "MC-" + "".join(c for c in sent if c.isdigit()), "scac": str.upper},
        basename="carrier",
        factory=lambda tenant: CarrierFactory(tenant=tenant),
        create_payload=create_payload,
        update_payload=lambda carrier: {"name": f"{carrier.name} (renamed)", "rating": 3},
        search_term=lambda carrier: carrier.code,
    ),
)
