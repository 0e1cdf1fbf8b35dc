"""The recall query in the generic checks: a report over shipped lines. The factory ships a sales order with a
lot of its own; the sweep's export check finds none of tenant B's lots in tenant A's CSV (search_term)."""

import datetime
import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.sales_orders.tests.factories import SalesOrderFactory, line

_lots = itertools.count(1)


def shipped_traced_order(tenant):
    product = ProductFactory(tenant=tenant)
    lot = {"lot_number": f"RCL-{next(_lots):05d}", "establishment_number": "245C"}
    return SalesOrderFactory(
        tenant=tenant,
        customer=CustomerFactory(tenant=tenant, credit_limit=10**7),
        lines=[line(product, production_date=datetime.date(2026, 11, 1), **lot)],
        status="shipped",
    )


register(
    ResourceCase(
        basename="recall",
        factory=shipped_traced_order,
        search_term=lambda order: order.lines.get().lot_number,
    ),
)
