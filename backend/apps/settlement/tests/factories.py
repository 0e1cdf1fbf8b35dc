"""A delivered load with everything a settlement reads, made through each app's own services: a purchase order
caught at weight and billed, the load with its rate confirmation, a sales order filled from the PO invoiced and
issued, a cold storage entry. The figures are fixed so tests can state the expected cents by hand:

- PO line: 1,187.40 lb caught x $4.25/lb = $5,046.45 (the supplier bill, approved within tolerance);
- load: linehaul $2,450.00 + fuel $185.00 = $2,635.00 (the freight estimate);
- sales order line: 1,187.40 lb x $7.50/lb = $8,905.50; invoiced with $150.00 freight charged;
- cold storage: boxing $40.00 + storage $60.50 = $100.50."""

import datetime
from decimal import Decimal

from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services as invoice_services
from apps.loads import services as load_services
from apps.loads.models import ColdStorageEntry
from apps.loads.tests.factories import LoadFactory
from apps.payables.tests.factories import SupplierBillFactory
from apps.plants.tests.factories import PlantFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.sales_orders.tests.factories import SalesOrderFactory
from apps.sales_orders.tests.factories import line as so_line
from apps.sales_orders.tests.factories import move_to as move_sales_order
from apps.suppliers.tests.factories import SupplierFactory


def delivered_load(
    tenant,
    *,
    customer=None,
    so_currency="USD",
    po_currency="USD",
    load_currency="USD",
    bill=True,
    invoice=True,
    cold_storage=True,
    delivery_date=datetime.date(2026, 11, 20),
    sell_price=Decimal("7.5000"),
):
    product = ProductFactory(tenant=tenant)
    supplier = SupplierFactory(tenant=tenant)
    plant = PlantFactory(tenant=tenant, city="Greeley", state="CO")
    order = PurchaseOrderFactory(
        tenant=tenant,
        supplier=supplier,
        plant=plant,
        currency=po_currency,
        lines=[po_line(product=product, actual_weight_lb=Decimal("1187.40"))],
        status="confirmed",
    )
    load = LoadFactory(
        tenant=tenant,
        purchase_orders=[order],
        currency=load_currency,
        linehaul_rate=Decimal("2450.00"),
        accessorials=[{"charge_type": "fuel", "amount": Decimal("185.00")}],
        delivery_location="Houston, TX",
        delivery_date=delivery_date,
    )
    load_services.accept_load(load)
    load_services.pick_up_load(load)
    load = load_services.deliver_load(load)
    order.refresh_from_db()
    customer = customer or CustomerFactory(tenant=tenant, currency=so_currency)
    source_line = order.lines.get()
    sales_order = SalesOrderFactory(
        tenant=tenant,
        customer=customer,
        currency=so_currency,
        load=load,
        lines=[
            so_line(
                product,
                source_purchase_order_line=source_line,
                actual_weight_lb=Decimal("1187.40"),
                unit_price=sell_price,
            )
        ],
    )
    move_sales_order(sales_order, "delivered")
    result = {
        "load": load,
        "purchase_order": order,
        "sales_order": sales_order,
        "customer": customer,
        "supplier": supplier,
        "product": product,
    }
    if invoice:
        result["invoice"] = invoice_services.create_invoice_from_sales_order(
            sales_order, by=None, freight_amount=Decimal("150.00"), issue=True
        )
    if bill:
        result["bill"] = SupplierBillFactory(tenant=tenant, purchase_order=order, submit=True)
    if cold_storage:
        result["cold_storage"] = ColdStorageEntry.objects.create(
            tenant=tenant,
            load=load,
            product=product,
            description="Blast frozen at the cold store",
            boxing_cost=Decimal("40.00"),
            storage_cost=Decimal("60.50"),
            currency=load_currency,
        )
    return result
