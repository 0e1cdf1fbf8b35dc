"""The recall query on a hand-built book: the expected customers, lots, loads and invoices are written out
below from the scenario, never computed with the query."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.tests.factories import InvoiceFactory, invoice_line
from apps.loads.tests.factories import LoadFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.purchase_orders.tests.factories import line as po_line
from apps.sales_orders.tests.factories import SalesOrderFactory
from apps.sales_orders.tests.factories import line as so_line
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/recall/"
D = datetime.date


def book(tenant, *, prefix: str):
    """
    PO-1: bought from EST. 245C, lot 245C-1101, produced 2026-11-01 -> rides on load L1; sold on
          SO-A1 to "Alpha Foods" (no lot of its own: it takes the purchase line's), shipped and invoiced.
    SO-A2: to Alpha Foods, its own lot 245C-1020 produced 2026-10-20 (outside 11-01..11-05), shipped.
    SO-B1: to "Bravo Meats", lot 278-1102 at EST. 278, produced 2026-11-02, shipped (another plant).
    SO-C1: to "Charlie Market", lot 245C-1103 at 245C produced 2026-11-03, still a draft (not received).
    INV-D: by hand to "Delta Deli", one line typed "est 245c", lot 245c-1104, produced 2026-11-04, issued.
    """
    customers = {
        key: CustomerFactory(tenant=tenant, name=f"{name} {prefix}", credit_limit=Decimal("1000000"))
        for key, name in [("A", "Alpha Foods"), ("B", "Bravo Meats"), ("C", "Charlie Market"), ("D", "Delta Deli")]
    }
    product = ProductFactory(tenant=tenant)
    po = PurchaseOrderFactory(
        tenant=tenant,
        lines=[
            po_line(
                product=product,
                lot_number="245C-1101",
                establishment_number="EST. 245C",
                production_date=D(2026, 11, 1),
                pack_date=D(2026, 11, 2),
            )
        ],
    )
    load = LoadFactory(tenant=tenant, purchase_orders=[po])
    so_a1 = SalesOrderFactory(
        tenant=tenant,
        customer=customers["A"],
        lines=[so_line(product, source_purchase_order_line=po.lines.get())],
        status="invoiced",
    )
    so_a2 = SalesOrderFactory(
        tenant=tenant,
        customer=customers["A"],
        lines=[so_line(product, lot_number="245C-1020", establishment_number="245C", production_date=D(2026, 10, 20))],
        status="shipped",
    )
    so_b1 = SalesOrderFactory(
        tenant=tenant,
        customer=customers["B"],
        lines=[so_line(product, lot_number="278-1102", establishment_number="EST 278", production_date=D(2026, 11, 2))],
        status="shipped",
    )
    SalesOrderFactory(
        tenant=tenant,
        customer=customers["C"],
        lines=[so_line(product, lot_number="245C-1103", establishment_number="245C", production_date=D(2026, 11, 3))],
    )
    inv_d = InvoiceFactory(
        tenant=tenant,
        customer=customers["D"],
        lines=[
            invoice_line(
                product,
                lot_number="245c-1104",
                establishment_number="est 245c",
                production_date="2026-11-04",
            )
        ],
        issued=True,
    )
    return {"customers": customers, "load": load, "so_a1": so_a1, "so_a2": so_a2, "so_b1": so_b1, "inv_d": inv_d}


@pytest.fixture
def scenario(tenant):
    other = TenantFactory()
    book(other, prefix="(other tenant)")  # the same ESTs and days in another tenant: never in tenant's answer
    return book(tenant, prefix="Co")


def test_recall_by_establishment_and_production_days(tenant, scenario):
    client = client_for(member(tenant, Role.MANAGER), tenant)
    response = client.get(
        URL, {"establishment": "EST. 245c", "produced_from": "2026-11-01", "produced_to": "2026-11-05"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    alpha, delta = body["results"]
    invoice_a1 = scenario["so_a1"].invoices.get()
    assert (alpha["customer_name"], alpha["lots"], alpha["loads"]) == (
        "Alpha Foods Co",
        ["245C-1101"],
        [scenario["load"].number],
    )
    assert alpha["invoices"] == [invoice_a1.number]
    [line] = alpha["lines"]
    assert (line["sales_order_number"], line["establishment_number"], line["production_date"], line["pack_date"]) == (
        scenario["so_a1"].number,
        "245C",
        "2026-11-01",
        "2026-11-02",
    )
    assert (delta["customer_name"], delta["lots"], delta["loads"], delta["invoices"]) == (
        "Delta Deli Co",
        ["245c-1104"],
        [],
        [scenario["inv_d"].number],
    )
    # The invoice made from SO-A1 carried the purchase line's lot over.
    billed = invoice_a1.lines.get()
    assert (billed.lot_number, billed.establishment_number, billed.production_date) == (
        "245C-1101",
        "245C",
        D(2026, 11, 1),
    )


def test_recall_by_lot_and_without_dates(tenant, scenario):
    client = client_for(member(tenant, Role.MANAGER), tenant)
    by_lot = client.get(URL, {"lot": "245c-1020"}).json()
    assert [(group["customer_name"], group["lots"]) for group in by_lot["results"]] == [
        ("Alpha Foods Co", ["245C-1020"])
    ]
    every_245c = client.get(URL, {"establishment": "245C"}).json()
    assert [(group["customer_name"], group["lots"]) for group in every_245c["results"]] == [
        ("Alpha Foods Co", ["245C-1020", "245C-1101"]),
        ("Delta Deli Co", ["245c-1104"]),
    ]


def test_recall_csv_has_one_row_per_line(tenant, scenario):
    client = client_for(member(tenant, Role.MANAGER), tenant)
    response = client.get(URL, {"establishment": "245C", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted((row["customer_name"], row["lot_number"]) for row in rows) == [
        ("Alpha Foods Co", "245C-1020"),
        ("Alpha Foods Co", "245C-1101"),
        ("Delta Deli Co", "245c-1104"),
    ]


def test_recall_needs_a_manager_and_valid_criteria(tenant):
    assert client_for(member(tenant, Role.USER), tenant).get(URL).status_code == 403
    client = client_for(member(tenant, Role.MANAGER), tenant)
    response = client.get(
        URL, {"establishment": "nonsense", "produced_from": "2026-11-05", "produced_to": "2026-11-01"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"establishment", "produced_to"}


def test_line_lot_rules(tenant):
    """Production after packing, a date far in the future and a bad EST number: field errors on the line."""
    client = client_for(member(tenant, Role.MANAGER), tenant)
    product = ProductFactory(tenant=tenant)
    customer = CustomerFactory(tenant=tenant)
    far = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        "/api/v1/sales-orders/",
        {
            "customer": customer.pk,
            "order_date": "2026-11-02",
            "lines": [
                {**so_line(product.pk, protein="beef"), "production_date": "2026-11-03", "pack_date": "2026-11-02"},
                {**so_line(product.pk, protein="beef"), "pack_date": far, "establishment_number": "EST. banana"},
            ],
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    lines = response.json()["lines"]
    assert set(lines["0"]) == {"pack_date"}
    assert set(lines["1"]) == {"pack_date", "establishment_number"}
    ok = client.post(
        "/api/v1/sales-orders/",
        {
            "customer": customer.pk,
            "order_date": "2026-11-02",
            "lines": [
                {**so_line(product.pk, protein="beef"), "establishment_number": "est. 245c", "lot_number": " A1 "}
            ],
        },
        format="json",
    )
    assert ok.status_code == 201, ok.content
    assert (ok.json()["lines"][0]["establishment_number"], ok.json()["lines"][0]["lot_number"]) == ("245C", "A1")


def test_lots_are_entered_on_a_confirmed_purchase_order(tenant):
    """The packer's lot is known at pickup: a confirmed order's lines take it (a logistics field)."""
    from apps.purchase_orders.tests.factories import move_to

    order = PurchaseOrderFactory(tenant=tenant)
    move_to(order, "confirmed")
    line = order.lines.get()
    client = client_for(member(tenant, Role.USER), tenant)
    response = client.patch(
        f"/api/v1/purchase-orders/{order.pk}/",
        {
            "lines": [
                {"id": line.pk, "lot_number": "L-77", "establishment_number": "est 969a", "pack_date": "2026-11-02"}
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert (line.lot_number, line.establishment_number, line.pack_date) == ("L-77", "969A", D(2026, 11, 2))
