"""Supplier bills through the API: bill a PO at catch weight, the three-way match, held / approved, the manager's
approval with a reason, tenant walls, AP aging per currency and the cash requirements. Expected figures are
worked out by hand in the comments, never with the code under test."""

import datetime
from decimal import Decimal

import pytest

from apps.core.testing.factories import member
from apps.payables.models import SupplierBill
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import SupplierBillFactory, received_line, received_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/supplier-bills/"


def detail(bill_id, action=""):
    return f"{URL}{bill_id}/" + (f"{action}/" if action else "")


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def bill_this_po(client, order, number="PKR-88120", **extra):
    response = client.post(
        URL,
        {"purchase_order": order.pk, "supplier_invoice_number": number, "bill_date": "2026-11-20", **extra},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_bill_this_po_copies_the_lines_at_catch_weight_with_due_date_from_the_supplier_terms(tenant, user):
    supplier = SupplierFactory(tenant=tenant, payment_terms_days=14)
    order = received_order(tenant, supplier=supplier)
    body = bill_this_po(user, order)
    assert body["status"] == "draft"
    assert body["number"].startswith("BILL-2026-")
    assert body["supplier"] == supplier.pk
    assert body["currency"] == "USD"
    assert body["due_date"] == "2026-12-04"  # Nov 20 + 14 days
    [line] = body["lines"]
    assert line["purchase_order_line"] == order.lines.get().pk
    assert Decimal(line["weight_lb"]) == Decimal("1187.40")  # the catch weight, not the 1,200 lb estimate
    assert line["boxes"] == 20
    # 1,187.40 lb x $4.25 = $5,046.45
    assert Decimal(line["line_total"]) == Decimal("5046.45")
    assert Decimal(body["total"]) == Decimal("5046.45")
    assert Decimal(body["balance_due"]) == Decimal("5046.45")


def test_price_variance_holds_the_bill_and_a_manager_approves_it_with_a_reason(tenant, user, manager):
    order = received_order(tenant)
    order_line = order.lines.get()
    body = bill_this_po(user, order, lines=[{"purchase_order_line": order_line.pk, "unit_price": "4.4000"}])
    # 1,187.40 lb x $4.40 = $5,224.56
    assert Decimal(body["total"]) == Decimal("5224.56")

    submitted = user.post(detail(body["id"], "submit"), {}, format="json")
    assert submitted.status_code == 200, submitted.content
    held = submitted.json()
    assert held["status"] == "held"
    assert held["has_variances"] is True
    [line] = held["lines"]
    # ordered $4.25, billed $4.40: +$0.15 = +3.53 % of 4.25, beyond the default 0.5 %
    assert line["variances"] == [
        {
            "kind": "price",
            "ordered": "4.2500",
            "billed": "4.4000",
            "difference": "0.1500",
            "percent": "3.53",
            "tolerance": "0.5",
        }
    ]
    assert Decimal(line["expected_total"]) == Decimal("5046.45")  # PO price x weight received
    assert [a["name"] for a in held["allowed_actions"]] == ["reopen"]  # a plain user may not approve

    refused = user.post(detail(body["id"], "approve"), {"reason": "ok"}, format="json")
    assert refused.status_code == 403
    assert "manager" in refused.json()["detail"].lower()
    assert SupplierBill.objects.get(pk=body["id"]).status == "held"

    no_reason = manager.post(detail(body["id"], "approve"), {}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()

    approved = manager.post(
        detail(body["id"], "approve"), {"reason": "Market moved; packer's price agreed by phone."}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert approved.json()["approval_reason"] == "Market moved; packer's price agreed by phone."
    timeline = user.get(detail(body["id"], "timeline")).json()
    event = next(e for e in timeline if e["to_status"] == "approved")
    assert event["from_status"] == "held"
    assert event["reason"] == "Market moved; packer's price agreed by phone."
    history = user.get(detail(body["id"], "history")).json()
    assert history, "the approval leaves a history row"

    # approved = payable: it is in the cash requirements
    due = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2027-01-31"}).json()
    assert [row["number"] for row in due["items"]] == [body["number"]]
    assert due["totals"] == [{"currency": "USD", "items": 1, "balance_due": "5224.56"}]


def test_bill_within_tolerance_is_approved_at_submit(tenant, user):
    """Chosen rule: a bill whose every line matches within tolerance is approved directly (no manager)."""
    order = received_order(tenant)
    order_line = order.lines.get()
    # $4.27 vs $4.25 = +0.47 % (tolerance 0.5 %); 1,190 lb vs 1,187.40 lb received = +0.22 % (tolerance 1 %)
    body = bill_this_po(
        user,
        order,
        lines=[{"purchase_order_line": order_line.pk, "unit_price": "4.2700", "weight_lb": "1190.00"}],
    )
    submitted = user.post(detail(body["id"], "submit"), {}, format="json").json()
    assert submitted["status"] == "approved"
    assert submitted["has_variances"] is False
    assert submitted["lines"][0]["variances"] == []
    assert submitted["approval_reason"] == ""
    # 1,190 x 4.27 = 5,081.30
    assert Decimal(submitted["balance_due"]) == Decimal("5081.30")


def test_weight_and_box_variances_and_the_tenant_tolerances(tenant, user):
    order = received_order(tenant)
    order_line = order.lines.get()
    # 1,212 lb billed vs 1,187.40 received = +24.60 lb = +2.07 %; 21 boxes billed vs 20
    lines = [{"purchase_order_line": order_line.pk, "weight_lb": "1212.00", "boxes": 21}]
    body = bill_this_po(user, order, lines=lines)
    held = user.post(detail(body["id"], "submit"), {}, format="json").json()
    assert held["status"] == "held"
    kinds = {v["kind"]: v for v in held["lines"][0]["variances"]}
    assert set(kinds) == {"weight", "boxes"}
    assert kinds["weight"]["received"] == "1187.40"
    assert kinds["weight"]["difference"] == "24.60"
    assert kinds["weight"]["percent"] == "2.07"
    assert kinds["boxes"]["difference"] == "1"

    # the same bill under looser tenant tolerances: 3 % weight, 1 box
    tenant.settings = {"bill_weight_tolerance_pct": 3, "bill_boxes_tolerance": 1}
    tenant.save()
    other = received_order(tenant)
    body = bill_this_po(user, other, "PKR-88121", lines=[{**lines[0], "purchase_order_line": other.lines.get().pk}])
    assert user.post(detail(body["id"], "submit"), {}, format="json").json()["status"] == "approved"


def test_a_line_without_catch_weight_is_not_received_and_holds_the_bill(tenant, user):
    order = received_order(tenant, lines=[received_line(actual_weight_lb=None)])
    body = bill_this_po(user, order)
    held = user.post(detail(body["id"], "submit"), {}, format="json").json()
    assert held["status"] == "held"
    assert [v["kind"] for v in held["lines"][0]["variances"]] == ["not_received"]
    # billed at the 1,200 lb estimate, $4.25 = $5,100.00
    assert Decimal(held["total"]) == Decimal("5100.00")


def test_tolerance_settings_are_validated(tenant):
    owner = client_for(member(tenant, Role.OWNER), tenant)
    response = owner.patch(
        f"/api/v1/tenants/{tenant.pk}/", {"settings": {"bill_price_tolerance_pct": "lots"}}, format="json"
    )
    assert response.status_code == 400
    assert "bill_price_tolerance_pct" in str(response.json())


def test_another_tenants_purchase_order_or_line_is_refused(tenant, other_tenant, user):
    foreign = received_order(other_tenant)
    response = user.post(URL, {"purchase_order": foreign.pk, "supplier_invoice_number": "X-1"}, format="json")
    assert response.status_code == 400
    assert "purchase_order" in response.json()
    own = received_order(tenant)
    response = user.post(
        URL,
        {
            "purchase_order": own.pk,
            "supplier_invoice_number": "X-2",
            "lines": [{"purchase_order_line": foreign.lines.get().pk, "unit_price": "4.25"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert SupplierBill.objects.count() == 0


def test_a_po_line_is_billed_once_and_an_invoice_number_once_per_supplier(tenant, user):
    order = received_order(tenant)
    bill_this_po(user, order, "PKR-1")
    again = user.post(URL, {"purchase_order": order.pk, "supplier_invoice_number": "PKR-2"}, format="json")
    assert again.status_code == 409
    other = received_order(tenant, supplier=order.supplier)
    duplicate = user.post(URL, {"purchase_order": other.pk, "supplier_invoice_number": "PKR-1"}, format="json")
    assert duplicate.status_code == 400
    assert "supplier_invoice_number" in duplicate.json()
    assert SupplierBill.objects.count() == 1


def test_a_draft_po_cannot_be_billed_and_a_submitted_bill_keeps_its_figures(tenant, user, manager):
    from apps.purchase_orders.tests.factories import PurchaseOrderFactory

    draft = PurchaseOrderFactory(tenant=tenant)
    assert (
        user.post(URL, {"purchase_order": draft.pk, "supplier_invoice_number": "D-1"}, format="json").status_code == 409
    )
    body = bill_this_po(user, received_order(tenant))
    user.post(detail(body["id"], "submit"), {}, format="json")
    locked = user.patch(detail(body["id"]), {"due_date": "2027-02-01"}, format="json")
    assert locked.status_code == 409
    assert manager.delete(detail(body["id"])).status_code == 409
    voided = manager.post(detail(body["id"], "void"), {"reason": "Entered twice"}, format="json")
    assert voided.json()["status"] == "void"
    assert Decimal(voided.json()["balance_due"]) == Decimal("0.00")


def test_ap_aging_keeps_currencies_apart(tenant, user):
    supplier = SupplierFactory(tenant=tenant, payment_terms_days=10)
    usd = SupplierBillFactory(
        tenant=tenant, purchase_order=received_order(tenant, supplier=supplier), bill_date=datetime.date(2026, 10, 1)
    )
    cad_order = received_order(
        tenant, supplier=supplier, currency="CAD", lines=[received_line(unit_price=Decimal("5.0000"))]
    )
    cad = SupplierBillFactory(tenant=tenant, purchase_order=cad_order, bill_date=datetime.date(2026, 11, 1))
    for bill in (usd, cad):
        assert user.post(detail(bill.pk, "submit"), {}, format="json").json()["status"] == "approved"
    report = user.get("/api/v1/accounts-payable/aging/", {"as_of": "2026-11-15"}).json()
    rows = {row["currency"]: row for row in report["payees"]}
    assert set(rows) == {"USD", "CAD"}
    # USD: $5,046.45 due Oct 11, 35 days past due on Nov 15
    assert rows["USD"]["days_31_60"] == "5046.45"
    assert rows["USD"]["total"] == "5046.45"
    # CAD: 1,187.40 lb x 5.00 = 5,937.00, due Nov 11: 4 days past due
    assert rows["CAD"]["days_1_30"] == "5937.00"
    assert rows["CAD"]["total"] == "5937.00"
    totals = {row["currency"]: row["total"] for row in report["totals"]}
    assert totals == {"USD": "5046.45", "CAD": "5937.00"}  # never 10,983.45
    assert report["totals"][0]["currency"] == "USD"  # the reporting currency first

    due = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2026-11-11"}).json()
    assert {row["currency"]: row["balance_due"] for row in due["totals"]} == {"USD": "5046.45", "CAD": "5937.00"}
    earlier = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2026-11-10"}).json()
    assert [row["currency"] for row in earlier["items"]] == ["USD"]
    bad = user.get("/api/v1/accounts-payable/cash-requirements/", {"currency": "EUR"})
    assert bad.status_code == 400 and "currency" in bad.json()


def test_mark_paid_takes_the_bill_out_of_payables(tenant, user, manager):
    bill = SupplierBillFactory(tenant=tenant, submit=True)
    assert bill.status == "approved"
    assert user.post(detail(bill.pk, "mark-paid"), {"reason": "CHK 5521"}, format="json").status_code == 403
    paid = manager.post(detail(bill.pk, "mark-paid"), {"reason": "CHK 5521"}, format="json").json()
    assert paid["status"] == "paid"
    assert Decimal(paid["amount_paid"]) == Decimal("5046.45")
    assert Decimal(paid["balance_due"]) == Decimal("0.00")
    report = user.get("/api/v1/accounts-payable/aging/").json()
    assert report["payees"] == []


def test_a_held_bill_goes_back_to_draft_is_corrected_and_then_matches(tenant, user):
    order = received_order(tenant)
    order_line = order.lines.get()
    body = bill_this_po(user, order, lines=[{"purchase_order_line": order_line.pk, "unit_price": "4.4000"}])
    assert user.post(detail(body["id"], "submit"), {}, format="json").json()["status"] == "held"
    assert user.post(detail(body["id"], "reopen"), {}, format="json").json()["status"] == "draft"
    # the packer's corrected invoice: $4.25 and 538.60 kg (= 1,187.40 lb at 2.20462 lb/kg, rounded to 1,187.41)
    corrected = user.patch(
        detail(body["id"]),
        {"lines": [{"purchase_order_line": order_line.pk, "weight_lb": "538.60", "weight_unit": "kg"}]},
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    assert Decimal(corrected.json()["lines"][0]["weight_lb"]) == Decimal("1187.41")
    # 1,187.41 x 4.25 = 5,046.4925 -> 5,046.49
    assert Decimal(corrected.json()["total"]) == Decimal("5046.49")
    final = user.post(detail(body["id"], "submit"), {}, format="json").json()
    assert final["status"] == "approved"
    verbs = [event["verb"] for event in user.get(detail(body["id"], "timeline")).json()]
    assert {"created", "held", "reopened", "updated", "approved"} <= set(verbs)
