"""Join tables as TenantLink models: tenant_id filled from the owner, then row-level security (post_migrate)."""

from django.db import migrations, models

from apps.core.links import into_tenant_link


class Migration(migrations.Migration):
    dependencies = [
        ('sales_orders', '0003_uncosted_margin_null'),
        ('tenants', '0002_historicaltenantuser'),
        ('core', '0005_idempotencyrecord'),
        ('purchase_orders', '0003_historicalpurchaseorder_historicalpurchaseorderline'),
    ]

    operations = [
        *into_tenant_link(
            app_label="sales_orders",
            model_name="salesorder",
            field_name="source_purchase_orders",
            field=models.ManyToManyField(blank=True, help_text="The purchase orders this order is filled from.", related_name="sales_orders", through="sales_orders.SalesOrderSourcePurchaseOrder", to="purchase_orders.purchaseorder"),
            through="SalesOrderSourcePurchaseOrder",
            db_table="sales_orders_salesorder_source_purchase_orders",
            owner=('salesorder', 'sales_orders.salesorder'),
            target=('purchaseorder', 'purchase_orders.purchaseorder'),
        ),
    ]
