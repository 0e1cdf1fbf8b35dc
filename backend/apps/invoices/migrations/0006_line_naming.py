# One naming for order lines (apps.core.lines): the position is `line_number`.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("invoices", "0005_keyset_indexes")]

    operations = [
        migrations.RenameField("invoiceline", "position", "line_number"),
        migrations.RenameField("historicalinvoiceline", "position", "line_number"),
    ]
