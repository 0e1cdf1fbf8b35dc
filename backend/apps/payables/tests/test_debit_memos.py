"""Debit memos (chargebacks) against a supplier or a carrier: entered by managers, numbered, the payee's AP
reduced in its own currency (AP aging and cash requirements), voided while unapplied. Figures by hand."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.exceptions import ValidationError

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import member
from apps.payables import services
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import DebitMemoFactory, SupplierBillFactory, received_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/debit-memos/"
AGING = "/api/v1/accounts-payable/aging/"
CASH = "/api/v1/accounts-payable/cash-requirements/"


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def test_a_manager_enters_a_debit_memo_and_it_reduces_the_suppliers_ap(tenant, user, manager):
    supplier = SupplierFactory(tenant=tenant, name="Greater Omaha Packing", payment_terms_days=10)
    bill = SupplierBillFactory(
        tenant=tenant,
        purchase_order=received_order(tenant, supplier=supplier),
        bill_date=datetime.date(2026, 11, 2),
        submit=True,
    )
    assert bill.status == "approved"  # $5,046.45 due Nov 12
    payload = {
        "supplier": supplier.pk,
        "amount": "212.40",
        "currency": "USD",
        "memo_date": "2026-11-10",
        "reason": "Shortage claim: 2 boxes short.",
        "source": "CLM-2026-000001",
    }
    assert user.post(URL, payload, format="json").status_code == 403  # managers only
    created = manager.post(URL, payload, format="json")
    assert created.status_code == 201, created.content
    memo = created.json()
    assert memo["number"] == "DM-2026-000001"
    assert memo["status"] == "open"
    assert memo["payee_kind"] == "supplier" and memo["payee_name"] == "Greater Omaha Packing"
    assert memo["balance"] == "212.40"

    report = user.get(AGING, {"as_of": "2026-11-15"}).json()
    [row] = report["payees"]
    # the bill: $5,046.45 due Nov 12, 3 days past due; the memo: -$212.40 dated Nov 10, 5 days old
    assert row["days_1_30"] == "4834.05"  # 5,046.45 - 212.40
    assert row["total"] == "4834.05"
    assert [total["total"] for total in report["totals"]] == ["4834.05"]

    due = user.get(CASH, {"due_by": "2026-11-30"}).json()
    assert [(item["document_type"], item["balance_due"]) for item in due["items"]] == [
        ("debit_memo", "-212.40"),  # Nov 10 before the bill's Nov 12
        ("supplier_bill", "5046.45"),
    ]
    assert due["totals"] == [{"currency": "USD", "items": 2, "balance_due": "4834.05"}]


def test_a_carriers_debit_memo_stays_in_its_currency(tenant, user):
    carrier = CarrierFactory(tenant=tenant, name="Polar Express Reefer")
    DebitMemoFactory(tenant=tenant, carrier=carrier, amount=Decimal("95.00"), currency="CAD")
    report = user.get(AGING).json()
    [row] = report["payees"]
    assert (row["payee_kind"], row["carrier"], row["supplier"]) == ("carrier", carrier.pk, None)
    assert row["currency"] == "CAD" and row["total"] == "-95.00"
    totals = {total["currency"]: total["total"] for total in report["totals"]}
    assert totals == {"USD": "0.00", "CAD": "-95.00"}  # the reporting currency is always there, never added


def test_debit_memo_errors_name_the_field(tenant, manager):
    supplier = SupplierFactory(tenant=tenant)
    carrier = CarrierFactory(tenant=tenant)
    both = manager.post(
        URL,
        {"supplier": supplier.pk, "carrier": carrier.pk, "amount": "10", "currency": "USD", "reason": "x"},
        format="json",
    )
    assert both.status_code == 400 and "carrier" in both.json()
    neither = manager.post(URL, {"amount": "10", "currency": "USD", "reason": "x"}, format="json")
    assert neither.status_code == 400 and "supplier" in neither.json()
    zero = manager.post(URL, {"supplier": supplier.pk, "amount": "0", "currency": "USD", "reason": "x"}, format="json")
    assert zero.status_code == 400 and "amount" in zero.json()
    # Left out, not 500 (schemathesis found it): the amount and the reason are required fields.
    missing = manager.post(URL, {"supplier": supplier.pk, "currency": "CAD"}, format="json")
    assert missing.status_code == 400
    assert set(missing.json()) >= {"amount", "reason"}
    with pytest.raises(ValidationError) as negative:
        services.create_debit_memo(
            tenant=tenant, by=None, supplier=supplier, amount="-5", currency="USD", reason="short"
        )
    assert "amount" in negative.value.detail


def test_void_takes_the_memo_out_of_ap_and_is_for_managers(tenant, user, manager):
    memo = DebitMemoFactory(tenant=tenant)
    assert user.post(f"{URL}{memo.pk}/void/", {"reason": "entered twice"}, format="json").status_code == 403
    voided = manager.post(f"{URL}{memo.pk}/void/", {"reason": "entered twice"}, format="json")
    assert voided.status_code == 200, voided.content
    assert voided.json()["status"] == "void" and voided.json()["balance"] == "0.00"
    assert user.get(AGING).json()["payees"] == []
    assert user.patch(f"{URL}{memo.pk}/", {"reason": "x"}, format="json").status_code == 405
    assert manager.delete(f"{URL}{memo.pk}/").status_code == 405
