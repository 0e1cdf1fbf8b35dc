"""Join tables as TenantLink models: tenant_id filled from the owner, then row-level security (post_migrate)."""

from django.db import migrations, models

from apps.core.links import into_tenant_link


class Migration(migrations.Migration):
    dependencies = [
        ('products', '0002_historicalproduct'),
        ('tenants', '0002_historicaltenantuser'),
        ('core', '0005_idempotencyrecord'),
        ('plants', '0004_historicalplant'),
    ]

    operations = [
        *into_tenant_link(
            app_label="products",
            model_name="product",
            field_name="plants",
            field=models.ManyToManyField(blank=True, help_text="Plants the product is available from.", related_name="products", through="products.ProductPlant", to="plants.plant"),
            through="ProductPlant",
            db_table="products_product_plants",
            owner=('product', 'products.product'),
            target=('plant', 'plants.plant'),
        ),
    ]
