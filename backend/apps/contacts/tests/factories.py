import factory
from factory.django import DjangoModelFactory

from apps.contacts.models import Contact
from apps.core.testing.factories import TenantFactory
from apps.suppliers.tests.factories import SupplierFactory


class ContactFactory(DjangoModelFactory):
    """A contact at a supplier unless customer=/plant= is given (then pass supplier=None)."""

    class Meta:
        model = Contact

    tenant = factory.SubFactory(TenantFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    title = "Sales Manager"
    contact_types = factory.LazyFunction(lambda: ["sales"])
    email = factory.Sequence(lambda n: f"person{n:05d}@example.com")
    main_phone = "515-555-0142"
    supplier = factory.SubFactory(SupplierFactory, tenant=factory.SelfAttribute("..tenant"))
