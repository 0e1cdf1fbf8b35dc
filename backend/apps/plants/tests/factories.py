import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.plants.models import Plant, PlantType
from apps.suppliers.tests.factories import protein


class PlantFactory(DjangoModelFactory):
    class Meta:
        model = Plant
        skip_postgeneration_save = True

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"PL-{n:05d}")
    name = factory.Sequence(lambda n: f"Plant {n:05d}")
    establishment_number = factory.Sequence(lambda n: f"EST. {n + 100}A")
    plant_type = PlantType.SLAUGHTER
    city = "Greeley"
    state = "CO"
    postal_code = "80631"
    supplier = None

    @factory.post_generation
    def proteins(self, create, extracted, **kwargs):
        if create:
            self.proteins.set([protein(code) for code in (extracted or ["beef"])])
