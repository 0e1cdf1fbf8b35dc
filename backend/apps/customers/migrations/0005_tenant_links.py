"""Join tables as TenantLink models: tenant_id filled from the owner, then row-level security (post_migrate)."""

from django.db import migrations, models

from apps.core.links import into_tenant_link


class Migration(migrations.Migration):
    dependencies = [
        ('customers', '0004_historicalcustomer_historicalshiptolocation'),
        ('tenants', '0002_historicaltenantuser'),
        ('core', '0005_idempotencyrecord'),
        ('plants', '0004_historicalplant'),
    ]

    operations = [
        *into_tenant_link(
            app_label="customers",
            model_name="customer",
            field_name="proteins",
            field=models.ManyToManyField(blank=True, related_name="customers", through="customers.CustomerProtein", to="core.protein"),
            through="CustomerProtein",
            db_table="customers_customer_proteins",
            owner=('customer', 'customers.customer'),
            target=('protein', 'core.protein'),
        ),
        *into_tenant_link(
            app_label="customers",
            model_name="customer",
            field_name="preferred_plants",
            field=models.ManyToManyField(blank=True, related_name="preferring_customers", through="customers.CustomerPreferredPlant", to="plants.plant"),
            through="CustomerPreferredPlant",
            db_table="customers_customer_preferred_plants",
            owner=('customer', 'customers.customer'),
            target=('plant', 'plants.plant'),
        ),
    ]
