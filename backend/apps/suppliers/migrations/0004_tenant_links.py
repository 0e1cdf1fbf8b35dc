"""Join tables as TenantLink models: tenant_id filled from the owner, then row-level security (post_migrate)."""

from django.db import migrations, models

from apps.core.links import into_tenant_link


class Migration(migrations.Migration):
    dependencies = [
        ('suppliers', '0003_historicalsupplier'),
        ('tenants', '0002_historicaltenantuser'),
        ('core', '0005_idempotencyrecord'),
        ('plants', '0004_historicalplant'),
    ]

    operations = [
        *into_tenant_link(
            app_label="suppliers",
            model_name="supplier",
            field_name="proteins",
            field=models.ManyToManyField(blank=True, related_name="suppliers", through="suppliers.SupplierProtein", to="core.protein"),
            through="SupplierProtein",
            db_table="suppliers_supplier_proteins",
            owner=('supplier', 'suppliers.supplier'),
            target=('protein', 'core.protein'),
        ),
        *into_tenant_link(
            app_label="suppliers",
            model_name="supplier",
            field_name="plants",
            field=models.ManyToManyField(blank=True, help_text="Plants this supplier sells from (its own plants are linked through Plant.supplier).", related_name="supplying_suppliers", through="suppliers.SupplierPlant", to="plants.plant"),
            through="SupplierPlant",
            db_table="suppliers_supplier_plants",
            owner=('supplier', 'suppliers.supplier'),
            target=('plant', 'plants.plant'),
        ),
    ]
