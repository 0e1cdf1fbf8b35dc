# One naming for order lines (apps.core.lines): the parent is `order`, the position is `line_number`.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sales_orders", "0005_keyset_indexes")]

    operations = [
        migrations.RenameField("salesorderline", "sales_order", "order"),
        migrations.RenameField("salesorderline", "position", "line_number"),
        migrations.RenameField("historicalsalesorderline", "sales_order", "order"),
        migrations.RenameField("historicalsalesorderline", "position", "line_number"),
    ]
