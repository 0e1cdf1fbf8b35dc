"""apps.payables.services.posted_costs_for_load: what the load settlement reads from payables."""

from decimal import Decimal

import pytest

from apps.loads.tests.factories import LoadFactory
from apps.payables import services

from .factories import SupplierBillFactory, received_line, received_order

pytestmark = pytest.mark.django_db


def test_a_loads_supplier_bills_are_its_product_costs_final_once_approved(tenant):
    first = received_order(tenant, status="confirmed")
    second = received_order(tenant, status="confirmed", lines=[received_line(unit_price=Decimal("4.0000"))])
    other = received_order(tenant)  # not on the load
    load = LoadFactory(tenant=tenant, purchase_orders=[first, second])
    approved = SupplierBillFactory(tenant=tenant, purchase_order=first, submit=True)
    draft = SupplierBillFactory(tenant=tenant, purchase_order=second)
    SupplierBillFactory(tenant=tenant, purchase_order=other, submit=True)
    voided = SupplierBillFactory(tenant=tenant, purchase_order=second, lines=[])
    services.void_bill(voided, by=None, role="manager", reason="entered twice")

    costs = sorted(services.posted_costs_for_load(load), key=lambda row: row["document"])
    # 1,187.40 lb x $4.25 = $5,046.45 (approved); 1,187.40 lb x $4.00 = $4,749.60 (draft, not final)
    product = {"kind": "product", "currency": "USD"}
    assert costs == [
        {**product, "amount": Decimal("5046.45"), "document": approved.number, "final": True},
        {**product, "amount": Decimal("4749.60"), "document": draft.number, "final": False},
    ]
