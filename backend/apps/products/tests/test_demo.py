"""The demo data of carriers, products and bug reports is valid, idempotent and covers what the issue asks."""

import pytest
from django.core.management import call_command

from apps.bug_reports.models import BugReport
from apps.carriers.models import Carrier
from apps.products.models import Product
from apps.suppliers.models import Supplier
from apps.tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_catalog_data_that_passes_validation_and_is_idempotent():
    master_data = ["suppliers", "plants", "customers", "carriers", "contacts", "products", "bug_reports"]
    call_command("seed_demo", apps=master_data, verbosity=0)
    call_command("seed_demo", apps=master_data, verbosity=0)
    tenant = Tenant.objects.get(slug="demo")

    carriers = list(Carrier.objects.filter(tenant=tenant))
    assert len(carriers) == 6
    assert [carrier.code for carrier in carriers if carrier.insurance_expired] == ["SSR"]

    products = list(Product.objects.filter(tenant=tenant).select_related("protein"))
    assert len(products) == 60
    assert {product.protein.code for product in products} == {"beef", "pork", "chicken", "turkey", "lamb"}
    assert all(product.namp_number for product in products)
    assert all(product.pieces_per_carton or product.box_weight_lbs for product in products)

    trim = next(product for product in products if product.code == "1019")
    assert (trim.origin, trim.country_of_origin, trim.is_tested) == ("imported", "AU", True)
    if Supplier.objects.filter(tenant=tenant).exists():  # the suppliers app seeds first when it has a demo
        assert all(product.supplier_id for product in products)

    assert BugReport.objects.filter(tenant=tenant).count() == 2
    for row in [*carriers, *products, *BugReport.objects.filter(tenant=tenant)]:
        row.full_clean()
