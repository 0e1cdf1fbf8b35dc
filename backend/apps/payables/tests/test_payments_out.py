"""Payments out through the API: one check across three bills of a supplier (partial on the last), the bills'
balances and statuses after it and after its void, a debit memo taken as a credit, currencies never mixed,
never more than the open balance. Expected figures are worked out by hand in the comments."""

import datetime
from decimal import Decimal

import pytest

from apps.core.testing.factories import member
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import DebitMemoFactory, SupplierBillFactory, received_line, received_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments-out/"
BILLS = "/api/v1/supplier-bills/"


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def approved_bill(tenant, supplier, price: str, currency="USD", day=2):
    """1,187.40 lb at `price` per lb, approved (the PO's own price, so it matches)."""
    order = received_order(
        tenant, supplier=supplier, currency=currency, lines=[received_line(unit_price=Decimal(price))]
    )
    return SupplierBillFactory(tenant=tenant, purchase_order=order, bill_date=datetime.date(2026, 11, day), submit=True)


def bill_state(client, bill):
    body = client.get(f"{BILLS}{bill.pk}/").json()
    return body["status"], body["amount_paid"], body["balance_due"]


def test_one_check_across_three_bills_then_void(tenant, user, manager):
    supplier = SupplierFactory(tenant=tenant, name="Cargill Beef", payment_terms_days=14)
    first = approved_bill(tenant, supplier, "4.0000")  # 1,187.40 x 4.00 = 4,749.60
    second = approved_bill(tenant, supplier, "3.5000")  # 1,187.40 x 3.50 = 4,155.90
    third = approved_bill(tenant, supplier, "2.0000")  # 1,187.40 x 2.00 = 2,374.80
    assert [b.status for b in (first, second, third)] == ["approved"] * 3
    payload = {
        "method": "check",
        "supplier": supplier.pk,
        "currency": "USD",
        "payment_date": "2026-11-25",
        "reference": "CHK 4410",
        "applications": [
            {"supplier_bill": first.pk, "amount": "4749.60"},
            {"supplier_bill": second.pk, "amount": "4155.90"},
            {"supplier_bill": third.pk, "amount": "1000.00"},
        ],
    }
    assert user.post(URL, payload, format="json").status_code == 403  # money out: managers
    created = manager.post(URL, payload, format="json")
    assert created.status_code == 201, created.content
    payment = created.json()
    assert payment["number"] == "VPAY-2026-000001"
    # 4,749.60 + 4,155.90 + 1,000.00 = 9,905.50
    assert payment["amount"] == "9905.50"
    assert payment["bills_applied"] == "9905.50" and payment["credits_applied"] == "0.00"
    assert bill_state(user, first) == ("paid", "4749.60", "0.00")
    assert bill_state(user, second) == ("paid", "4155.90", "0.00")
    # 2,374.80 - 1,000.00 = 1,374.80 left
    assert bill_state(user, third) == ("partially_paid", "1000.00", "1374.80")
    [row] = user.get("/api/v1/accounts-payable/aging/", {"as_of": "2026-11-25"}).json()["payees"]
    assert row["total"] == "1374.80"
    due = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2026-12-31"}).json()
    assert [(i["number"], i["balance_due"]) for i in due["items"]] == [(third.number, "1374.80")]

    # never more than the open balance: 1,374.80 is open on the third bill
    over = manager.post(
        URL,
        {**payload, "reference": "CHK 4411", "applications": [{"supplier_bill": third.pk, "amount": "1374.81"}]},
        format="json",
    )
    assert over.status_code == 400
    assert third.number in str(over.json()["applications"]["0"]["amount"])
    # a paid bill is not paid again
    paid_again = manager.post(
        URL,
        {**payload, "reference": "CHK 4412", "applications": [{"supplier_bill": first.pk, "amount": "1.00"}]},
        format="json",
    )
    assert paid_again.status_code == 400 and first.number in str(paid_again.json())

    voided = manager.post(f"{URL}{payment['id']}/void/", {"reason": "Check lost in the mail."}, format="json")
    assert voided.status_code == 200, voided.content
    assert voided.json()["status"] == "void"
    for bill, total in ((first, "4749.60"), (second, "4155.90"), (third, "2374.80")):
        assert bill_state(user, bill) == ("approved", "0.00", total)
    [row] = user.get("/api/v1/accounts-payable/aging/", {"as_of": "2026-11-25"}).json()["payees"]
    assert row["total"] == "11280.30"  # 4,749.60 + 4,155.90 + 2,374.80
    again = manager.post(f"{URL}{payment['id']}/void/", {"reason": "twice"}, format="json")
    assert again.status_code == 409


def test_currencies_are_never_mixed_and_a_debit_memo_is_a_credit(tenant, manager, user):
    supplier = SupplierFactory(tenant=tenant)
    usd = approved_bill(tenant, supplier, "4.0000")  # 4,749.60 USD
    cad = approved_bill(tenant, supplier, "5.0000", currency="CAD")  # 5,937.00 CAD
    memo = DebitMemoFactory(tenant=tenant, supplier=supplier, amount=Decimal("212.40"), currency="USD")
    mixed = manager.post(
        URL,
        {
            "method": "ach",
            "supplier": supplier.pk,
            "currency": "USD",
            "applications": [{"supplier_bill": usd.pk, "amount": "100.00"}, {"supplier_bill": cad.pk, "amount": "1"}],
        },
        format="json",
    )
    assert mixed.status_code == 400
    assert cad.number in mixed.json()["applications"]["1"]["supplier_bill"][0]
    assert bill_state(user, usd) == ("approved", "0.00", "4749.60")  # nothing written

    with_credit = manager.post(
        URL,
        {
            "method": "ach",
            "supplier": supplier.pk,
            "currency": "USD",
            "reference": "ACH 0099812",
            "applications": [
                {"supplier_bill": usd.pk, "amount": "4749.60"},
                {"debit_memo": memo.pk, "amount": "212.40"},
            ],
        },
        format="json",
    )
    assert with_credit.status_code == 201, with_credit.content
    # the money sent: 4,749.60 - 212.40 = 4,537.20
    assert with_credit.json()["amount"] == "4537.20"
    assert bill_state(user, usd) == ("paid", "4749.60", "0.00")
    memo_body = user.get(f"/api/v1/debit-memos/{memo.pk}/").json()
    assert (memo_body["status"], memo_body["balance"]) == ("applied", "0.00")
    # a debit memo applied by a payment cannot be voided until the payment is
    assert manager.post(f"/api/v1/debit-memos/{memo.pk}/void/", {"reason": "x"}, format="json").status_code == 409
    # the CAD bill stays on its own
    totals = {t["currency"]: t["total"] for t in user.get("/api/v1/accounts-payable/aging/").json()["totals"]}
    assert totals == {"USD": "0.00", "CAD": "5937.00"}

    manager.post(f"{URL}{with_credit.json()['id']}/void/", {"reason": "ACH returned"}, format="json")
    memo_body = user.get(f"/api/v1/debit-memos/{memo.pk}/").json()
    assert (memo_body["status"], memo_body["balance"]) == ("open", "212.40")


def test_another_payees_bill_and_credits_above_the_bills_are_400(tenant, manager):
    supplier, other = SupplierFactory(tenant=tenant), SupplierFactory(tenant=tenant)
    bill = approved_bill(tenant, supplier, "4.0000")
    others = approved_bill(tenant, other, "4.0000")
    memo = DebitMemoFactory(tenant=tenant, supplier=supplier, amount=Decimal("500.00"), currency="USD")
    wrong = manager.post(
        URL,
        {
            "method": "wire",
            "supplier": supplier.pk,
            "currency": "USD",
            "applications": [{"supplier_bill": others.pk, "amount": "10.00"}],
        },
        format="json",
    )
    assert wrong.status_code == 400 and others.number in str(wrong.json())
    credit_only = manager.post(
        URL,
        {
            "method": "wire",
            "supplier": supplier.pk,
            "currency": "USD",
            "applications": [
                {"supplier_bill": bill.pk, "amount": "100.00"},
                {"debit_memo": memo.pk, "amount": "500.00"},
            ],
        },
        format="json",
    )
    assert credit_only.status_code == 400 and "applications" in credit_only.json()


def test_the_dashboard_shows_payables_due_in_the_next_7_days_per_currency(tenant, user):
    from django.utils import timezone

    today = timezone.localdate()
    supplier = SupplierFactory(tenant=tenant, payment_terms_days=0)  # due on the bill date
    for price, currency, days in (("4.0000", "USD", 3), ("5.0000", "CAD", 6), ("2.0000", "USD", 9)):
        order = received_order(
            tenant, supplier=supplier, currency=currency, lines=[received_line(unit_price=Decimal(price))]
        )
        bill = SupplierBillFactory(tenant=tenant, purchase_order=order, bill_date=today, submit=True)
        bill.due_date = today + datetime.timedelta(days=days)
        bill.save(update_fields=["due_date"])
    DebitMemoFactory(tenant=tenant, supplier=supplier, amount=Decimal("49.60"), currency="USD")
    due = user.get("/api/v1/dashboard/").json()["payables_due_7_days"]
    # USD: 4,749.60 (due in 3 days) - 49.60 debit memo = 4,700.00; the 2,374.80 due in 9 days is not in it
    # CAD: 1,187.40 x 5.00 = 5,937.00
    assert due == [
        {"currency": "USD", "items": 2, "balance_due": "4700.00"},
        {"currency": "CAD", "items": 1, "balance_due": "5937.00"},
    ]
