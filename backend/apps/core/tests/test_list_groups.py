"""Group-by with subtotals (`GET <resource>/groups/`, apps.core.grouping) and the `?id=` filter: the sums per
group and currency are the amounts the test put in (written out here, never read back through the code under
test), the list's filters and search apply, an undeclared field is a 400, another tenant's rows never count."""

from decimal import Decimal

import pytest

from apps.core.testing.api import response_body
from apps.core.testing.factories import TenantFactory, member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.tests.factories import CreditMemoFactory, InvoiceFactory, invoice_line
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

GROUPS = "/api/v1/invoices/groups/"


def invoice(tenant, customer, product, *, weight, price, currency="USD", issued=False, po=""):
    """One line of `weight` lb at `price`/lb: the total is weight x price (no freight, no tax)."""
    return InvoiceFactory(
        tenant=tenant,
        customer=customer,
        currency=currency,
        issued=issued,
        customer_po_number=po or f"PO-{weight}",
        lines=[invoice_line(product, weight_lb=Decimal(weight), unit_price=Decimal(price))],
    )


@pytest.fixture
def world(db):
    tenant, other = TenantFactory(), TenantFactory()
    product = ProductFactory(tenant=tenant)
    acme = CustomerFactory(tenant=tenant, name="Acme Foods")
    zeta = CustomerFactory(tenant=tenant, name="Zeta Markets")
    CustomerFactory(tenant=tenant, name="Idle Deli")  # no invoices: no group
    rows = {
        # Acme: two in USD (5,000.00 and 1,234.56), one in CAD (3,000.00); the first is issued with a 125.00 credit.
        "acme_usd_1": invoice(tenant, acme, product, weight="1000.00", price="5.0000", issued=True, po="ACME-1"),
        "acme_usd_2": invoice(tenant, acme, product, weight="617.28", price="2.0000", po="ACME-2"),
        "acme_cad": invoice(tenant, acme, product, weight="600.00", price="5.0000", currency="CAD", po="ACME-3"),
        # Zeta: one in USD, 250.25, issued.
        "zeta_usd": invoice(tenant, zeta, product, weight="100.10", price="2.5000", issued=True, po="ZETA-1"),
    }
    CreditMemoFactory(tenant=tenant, invoice=rows["acme_usd_1"], amount=Decimal("125.00"))
    # Another brokerage: a customer with the same name and an invoice that must never be counted.
    stranger = CustomerFactory(tenant=other, name="Acme Foods")
    rows["other"] = invoice(other, stranger, ProductFactory(tenant=other), weight="999.00", price="1.0000")
    client = client_for(member(tenant, Role.READONLY), tenant)
    return {"tenant": tenant, "client": client, "acme": acme, "zeta": zeta, "stranger": stranger, **rows}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def by_currency(subtotals):
    return {row["currency"]: (row["count"], row["sums"]) for row in subtotals}


def test_invoices_by_customer_sum_per_currency(world):
    body = get(world["client"], GROUPS, group_by="customer")
    assert body["group_by"] == "customer"
    assert body["count"] == 2
    assert [(g["label"], g["key"], g["count"]) for g in body["results"]] == [
        ("Acme Foods", world["acme"].pk, 3),
        ("Zeta Markets", world["zeta"].pk, 1),
    ]
    acme, zeta = body["results"]
    # 5,000.00 + 1,234.56 in USD, 3,000.00 in CAD: never added across currencies; 125.00 credited on the first.
    assert by_currency(acme["subtotals"]) == {
        "CAD": (1, {"total": "3000.00", "balance_due": "3000.00"}),
        "USD": (2, {"total": "6234.56", "balance_due": "6109.56"}),
    }
    assert by_currency(zeta["subtotals"]) == {"USD": (1, {"total": "250.25", "balance_due": "250.25"})}
    assert by_currency(body["totals"]) == {
        "CAD": (1, {"total": "3000.00", "balance_due": "3000.00"}),
        "USD": (3, {"total": "6484.81", "balance_due": "6359.81"}),
    }
    # A group's query lists exactly its rows.
    assert acme["query"] == {"customer": str(world["acme"].pk)}
    listed = get(world["client"], "/api/v1/invoices/", **acme["query"])
    assert {row["id"] for row in listed["results"]} == {world[k].pk for k in ("acme_usd_1", "acme_usd_2", "acme_cad")}


def test_the_lists_filters_and_search_apply(world):
    issued = get(world["client"], GROUPS, group_by="customer", status="issued")
    assert [(g["label"], by_currency(g["subtotals"])) for g in issued["results"]] == [
        ("Acme Foods", {"USD": (1, {"total": "5000.00", "balance_due": "4875.00"})}),
        ("Zeta Markets", {"USD": (1, {"total": "250.25", "balance_due": "250.25"})}),
    ]
    cad = get(world["client"], GROUPS, group_by="customer", currency="CAD")
    assert [(g["label"], g["count"]) for g in cad["results"]] == [("Acme Foods", 1)]
    searched = get(world["client"], GROUPS, group_by="status", search="ACME-2")
    assert [(g["key"], g["label"], g["count"]) for g in searched["results"]] == [("draft", "Draft", 1)]
    assert by_currency(searched["totals"]) == {"USD": (1, {"total": "1234.56", "balance_due": "1234.56"})}
    picked = get(world["client"], GROUPS, group_by="currency", id=f"{world['acme_cad'].pk},{world['zeta_usd'].pk}")
    assert [(g["key"], g["count"], g["subtotals"][0]["sums"]["total"]) for g in picked["results"]] == [
        ("CAD", 1, "3000.00"),
        ("USD", 1, "250.25"),
    ]
    none = get(world["client"], GROUPS, group_by="customer", status="void")
    assert none["count"] == 0 and none["results"] == [] and none["totals"] == []


def test_groups_by_status_carry_their_labels(world):
    body = get(world["client"], GROUPS, group_by="status")
    assert [(g["key"], g["label"], g["count"]) for g in body["results"]] == [
        ("draft", "Draft", 2),
        ("issued", "Issued", 2),
    ]
    assert body["results"][0]["query"] == {"status": "draft"}


def test_groups_are_paginated(world):
    first = get(world["client"], GROUPS, group_by="customer", page_size=1)
    assert first["count"] == 2 and len(first["results"]) == 1 and first["next"]
    assert first["results"][0]["label"] == "Acme Foods"
    second = get(world["client"], GROUPS, group_by="customer", page_size=1, page=2)
    assert [g["label"] for g in second["results"]] == ["Zeta Markets"]
    assert second["next"] is None


@pytest.mark.parametrize("field", ["", "tenant", "notes", "customer__name", "total"])
def test_an_undeclared_group_field_is_a_400(world, field):
    response = world["client"].get(GROUPS, {"group_by": field})
    assert response.status_code == 400
    assert response.json() == {"group_by": ["Group by one of: currency, customer, status."]}


def test_another_tenants_rows_are_absent(world):
    body = get(world["client"], GROUPS, group_by="customer", search="Acme")
    assert [g["key"] for g in body["results"]] == [world["acme"].pk]
    assert world["stranger"].pk not in [g["key"] for g in get(world["client"], GROUPS, group_by="customer")["results"]]
    # Naming the other tenant's customer or invoice finds nothing.
    assert get(world["client"], GROUPS, group_by="customer", customer=world["stranger"].pk)["count"] == 0
    assert get(world["client"], GROUPS, group_by="customer", id=world["other"].pk)["count"] == 0
    # And the other tenant sees only its own.
    other = world["other"].tenant
    theirs = get(client_for(member(other, Role.READONLY), other), GROUPS, group_by="customer")
    assert [(g["key"], g["count"], by_currency(g["subtotals"])) for g in theirs["results"]] == [
        (world["stranger"].pk, 1, {"USD": (1, {"total": "999.00", "balance_due": "999.00"})})
    ]


def test_purchase_orders_by_supplier(db):
    tenant = TenantFactory()
    north, south = SupplierFactory(tenant=tenant, name="North Packers"), SupplierFactory(tenant=tenant, name="South")
    for supplier, weight, currency in [(north, "1000.00", "USD"), (north, "200.00", "USD"), (south, "100.00", "MXN")]:
        PurchaseOrderFactory(
            tenant=tenant,
            supplier=supplier,
            currency=currency,
            lines=[line(estimated_weight_lb=Decimal(weight), unit_price=Decimal("4.2500"))],
        )
    client = client_for(member(tenant, Role.READONLY), tenant)
    body = get(client, "/api/v1/purchase-orders/groups/", group_by="supplier")
    # 1,000 lb and 200 lb at 4.25 = 4,250.00 + 850.00; 100 lb at 4.25 = 425.00 in pesos.
    assert [(g["label"], g["count"], by_currency(g["subtotals"])) for g in body["results"]] == [
        ("North Packers", 2, {"USD": (2, {"total": "5100.00"})}),
        ("South", 1, {"MXN": (1, {"total": "425.00"})}),
    ]
    assert client.get("/api/v1/purchase-orders/groups/", {"group_by": "plant"}).status_code == 400


def test_only_lists_that_declare_groups_offer_them(world):
    assert world["client"].get("/api/v1/suppliers/groups/", {"group_by": "state"}).status_code == 404


def test_the_id_filter_lists_exactly_those_rows_and_exports_them(world):
    client = world["client"]
    picked = [world["acme_usd_2"].pk, world["zeta_usd"].pk, world["other"].pk]
    listed = get(client, "/api/v1/invoices/", id=",".join(map(str, picked)))
    assert {row["id"] for row in listed["results"]} == set(picked[:2])
    export = client.get("/api/v1/invoices/", {"id": f"{picked[0]},{picked[1]}", "format": "csv"})
    assert export.status_code == 200
    lines = response_body(export).decode().strip().splitlines()
    assert len(lines) == 3  # the header and the two rows
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(str(pk) for pk in picked[:2])
    repeated = get(client, "/api/v1/invoices/", id=[str(picked[0]), str(picked[1])])
    assert repeated["count"] == 2
    bad = client.get("/api/v1/invoices/", {"id": "3,x"})
    assert bad.status_code == 400 and "id" in bad.json()
    too_many = client.get("/api/v1/invoices/", {"id": ",".join(str(n) for n in range(1, 502))})
    assert too_many.status_code == 400 and "At most 500" in too_many.json()["id"][0]
