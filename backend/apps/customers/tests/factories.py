import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.customers.models import Customer, CustomerType, ShipToLocation
from apps.suppliers.tests.factories import protein


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer
        skip_postgeneration_save = True

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"C-{n:05d}")
    name = factory.Sequence(lambda n: f"Lone Star Foods {n:05d}")
    customer_type = CustomerType.DISTRIBUTOR
    city = "Dallas"
    state = "TX"
    postal_code = "75201"
    payment_terms_days = 14
    credit_limit = "100000.00"

    @factory.post_generation
    def proteins(self, create, extracted, **kwargs):
        if create:
            self.proteins.set([protein(code) for code in (extracted or ["beef"])])


class ShipToLocationFactory(DjangoModelFactory):
    class Meta:
        model = ShipToLocation

    tenant = factory.SubFactory(TenantFactory)
    customer = factory.SubFactory(CustomerFactory, tenant=factory.SelfAttribute("..tenant"))
    name = factory.Sequence(lambda n: f"Dock {n:05d}")
    address_line1 = "1200 Cold Storage Rd"
    city = "Fort Worth"
    state = "TX"
    postal_code = "76106"
    receiving_hours = "Mon-Fri 04:00-12:00"
    appointment_method = "email"
