import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.carriers.models import Carrier, CarrierType
from apps.core.testing.factories import TenantFactory


class CarrierFactory(DjangoModelFactory):
    class Meta:
        model = Carrier

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"CAR{n:04d}")
    name = factory.Sequence(lambda n: f"Prairie Reefer Lines {n}")
    carrier_type = CarrierType.REEFER_TRUCK
    mc_number = factory.Sequence(lambda n: f"MC-{100000 + n}")
    dot_number = factory.Sequence(lambda n: f"{2000000 + n}")
    scac = "PRRL"
    insurance_provider = "Great West Casualty"
    insurance_policy_number = factory.Sequence(lambda n: f"GWC-{n:06d}")
    insurance_expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))
    city = "Dodge City"
    state = "KS"
    postal_code = "67801"
    phone = "620-555-0142"
    email = factory.Sequence(lambda n: f"dispatch{n}@prairiereefer.example.com")
    rating = 4
    payment_terms_days = 30
