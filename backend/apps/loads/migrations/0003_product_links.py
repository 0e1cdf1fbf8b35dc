import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0001_initial"),
        ("loads", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="coldstorageentry",
            name="product",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cold_storage_entries",
                to="products.product",
            ),
        ),
    ]
