from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.core.choices import FreshFrozen, NetCatch, PackageType
from apps.core.testing.factories import TenantFactory
from apps.plants.tests.factories import PlantFactory
from apps.products.models import Grade, Product
from apps.suppliers.tests.factories import SupplierFactory, protein


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"{1000 + n}")
    description = factory.Sequence(lambda n: f"Beef ribeye lip-on 12 lb avg #{n}")
    protein = factory.LazyFunction(lambda: protein("beef"))
    cut = "Ribeye lip-on"
    grade = Grade.CHOICE
    namp_number = "112A"
    fresh_frozen = FreshFrozen.FRESH
    package_type = PackageType.BOXED_WAX_LINED
    pieces_per_carton = 4
    box_weight_lbs = Decimal("60.00")
    net_catch = NetCatch.CATCH
    supplier = factory.SubFactory(SupplierFactory, tenant=factory.SelfAttribute("..tenant"))
    supplier_item_number = factory.Sequence(lambda n: f"SI-{n:05d}")
    default_price = Decimal("9.8500")
    storage_temp_min_f = Decimal("28.0")
    storage_temp_max_f = Decimal("34.0")

    @factory.post_generation
    def plants(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [PlantFactory(tenant=self.tenant, supplier=self.supplier)]
        self.plants.set(extracted)
