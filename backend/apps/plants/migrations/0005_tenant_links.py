"""Join tables as TenantLink models: tenant_id filled from the owner, then row-level security (post_migrate)."""

from django.db import migrations, models

from apps.core.links import into_tenant_link


class Migration(migrations.Migration):
    dependencies = [
        ('plants', '0004_historicalplant'),
        ('tenants', '0002_historicaltenantuser'),
        ('core', '0005_idempotencyrecord'),
    ]

    operations = [
        *into_tenant_link(
            app_label="plants",
            model_name="plant",
            field_name="proteins",
            field=models.ManyToManyField(blank=True, related_name="plants", through="plants.PlantProtein", to="core.protein"),
            through="PlantProtein",
            db_table="plants_plant_proteins",
            owner=('plant', 'plants.plant'),
            target=('protein', 'core.protein'),
        ),
    ]
