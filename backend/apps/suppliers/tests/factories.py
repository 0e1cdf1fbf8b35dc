import factory
from factory.django import DjangoModelFactory

from apps.core.models import Protein
from apps.core.testing.factories import TenantFactory
from apps.suppliers.models import Supplier, SupplierType

PROTEIN_NAMES = {"beef": "Beef", "pork": "Pork", "chicken": "Chicken", "turkey": "Turkey", "lamb": "Lamb"}


def protein(code: str = "beef") -> Protein:
    # Transactional tests truncate the seeded table, so make sure the row exists.
    return Protein.objects.get_or_create(code=code, defaults={"name": PROTEIN_NAMES.get(code, code.title())})[0]


def existing_or_new(factory_class, tenant):
    """A row of the tenant to point a foreign key at: an existing one when there is one (so the
    cross-tenant sweep, which snapshots tenant B, sees no new rows there), else a new one."""
    model = factory_class._meta.model
    return model.objects.filter(tenant=tenant).order_by("pk").first() or factory_class(tenant=tenant)


class SupplierFactory(DjangoModelFactory):
    class Meta:
        model = Supplier
        skip_postgeneration_save = True

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"S-{n:05d}")
    name = factory.Sequence(lambda n: f"Prairie Packing {n:05d}")
    supplier_type = SupplierType.PACKER
    city = "Dakota City"
    state = "NE"
    postal_code = "68731"
    phone = "402-555-0100"
    email = factory.Sequence(lambda n: f"sales{n}@prairiepacking.example")
    payment_terms_days = 7
    credit_limit = "250000.00"

    @factory.post_generation
    def proteins(self, create, extracted, **kwargs):
        if create:
            self.proteins.set([protein(code) for code in (extracted or ["beef"])])
