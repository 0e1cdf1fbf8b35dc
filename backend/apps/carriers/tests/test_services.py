"""ensure_carrier_assignable: the rule the load-assignment workflows call."""

import datetime

import pytest
from django.utils import timezone

from apps.carriers.services import ensure_carrier_assignable
from apps.core.exceptions import Conflict

from .factories import CarrierFactory

pytestmark = pytest.mark.django_db


def test_carrier_with_valid_insurance_is_assignable():
    ensure_carrier_assignable(CarrierFactory(insurance_expires_on=timezone.localdate()))


def test_carrier_with_expired_insurance_is_refused_with_409():
    carrier = CarrierFactory(insurance_expires_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(Conflict) as raised:
        ensure_carrier_assignable(carrier)
    assert raised.value.status_code == 409
    assert "insurance" in str(raised.value.detail) and carrier.code in str(raised.value.detail)
    assert raised.value.extra == {"carrier": carrier.pk}


def test_inactive_carrier_is_refused_with_409():
    carrier = CarrierFactory(is_active=False)
    with pytest.raises(Conflict) as raised:
        ensure_carrier_assignable(carrier)
    assert "inactive" in str(raised.value.detail)
