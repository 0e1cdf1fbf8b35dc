"""The recall query on the seeded demo history: the answer is checked against a walk of the same data along
the other direction (from the purchase lines of one establishment to the customers they were sold to), written
here with the reverse relations in Python, not with the query."""

import io

import pytest
from django.core.management import call_command

from apps.accounts_receivables import demo
from apps.core.testing.factories import TenantFactory, member
from apps.purchase_orders.models import PurchaseOrderLine
from apps.tenants.models import Role, Tenant
from conftest import client_for

from .test_recall import book

pytestmark = pytest.mark.django_db


def test_recall_on_the_demo_history(monkeypatch):
    monkeypatch.setattr(demo, "ORDERS", 24)
    call_command("seed_demo", stdout=io.StringIO())
    tenant = Tenant.objects.get(slug="demo")
    book(TenantFactory(), prefix="elsewhere")  # EST. 245C in another tenant too
    traced = PurchaseOrderLine.objects.filter(tenant=tenant).exclude(establishment_number="")
    assert traced.exists(), "the demo history puts lots on the picked-up purchase lines"
    # The establishment sold most often, and its production days.
    shipped = {"shipped", "delivered", "invoiced"}
    counts = {}
    for po_line in traced:
        for so_line in po_line.sales_order_lines.all():
            if so_line.order.status in shipped:
                counts[po_line.establishment_number] = counts.get(po_line.establishment_number, 0) + 1
    est = max(sorted(counts), key=counts.get)
    days = sorted(line.production_date for line in traced.filter(establishment_number=est))
    start, end = days[0], days[-1]

    expected = {}
    for po_line in traced.filter(establishment_number=est):
        for so_line in po_line.sales_order_lines.all():
            order = so_line.order
            if order.status not in shipped:
                continue
            entry = expected.setdefault(order.customer.name, {"lots": set(), "loads": set(), "invoices": set()})
            entry["lots"].add(po_line.lot_number)
            entry["loads"] |= {stop.load.number for stop in po_line.order.load_orders.all()}
            if order.load is not None:
                entry["loads"].add(order.load.number)
            entry["invoices"] |= {i.invoice.number for i in so_line.invoice_lines.all() if i.invoice.status != "void"}

    client = client_for(member(tenant, Role.MANAGER), tenant)
    body = client.get(
        "/api/v1/recall/",
        {"establishment": f"EST. {est}", "produced_from": start, "produced_to": end, "page_size": 500},
    ).json()
    got = {
        group["customer_name"]: {
            "lots": set(group["lots"]),
            "loads": set(group["loads"]),
            "invoices": set(group["invoices"]),
        }
        for group in body["results"]
    }
    assert got == expected
    assert all("elsewhere" not in name for name in got)
