"""Claims through the API: a shortage claim approved into a credit memo to the customer and a chargeback to the
supplier, seen in AR (the customer's balance), AP (the supplier's aging) and the load's margin; the workflow's
roles and reasons; documents attached; an open claim holds the settlement. Expected cents by hand (the load's
figures are in apps/settlement/tests/factories.py)."""

from decimal import Decimal

import pytest

from apps.ai_assistant.tests.factories import DocumentFactory
from apps.core.testing.factories import member
from apps.settlement.tests.factories import delivered_load
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/claims/"


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def shortage(client, made) -> dict:
    invoice_line = made["invoice"].lines.get()
    response = client.post(
        URL,
        {
            "invoice": made["invoice"].pk,
            "kind": "shortage",
            "description": "Two boxes short on delivery.",
            "responsible_supplier": made["supplier"].pk,
            "chargeback_amount": "252.32",  # 59.37 lb x $4.25 (the packer's price)
            "lines": [{"invoice_line": invoice_line.pk, "boxes": 2, "weight_lb": "59.37", "amount": "445.28"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_shortage_claim_becomes_a_credit_memo_and_a_chargeback_in_ar_ap_and_the_margin(tenant, user, manager):
    made = delivered_load(tenant)
    claim = shortage(user, made)
    assert claim["number"].startswith("CL-") and claim["status"] == "open"
    assert claim["amount"] == "445.28"  # the line's amount
    assert claim["load"] == made["load"].pk and claim["currency"] == "USD"

    assert user.post(f"{URL}{claim['id']}/review/").status_code == 200
    assert user.post(f"{URL}{claim['id']}/approve/", {"reason": "POD shows 18 boxes"}, format="json").status_code == 403
    assert manager.post(f"{URL}{claim['id']}/approve/", {}, format="json").status_code == 400  # a reason is required
    approved = manager.post(f"{URL}{claim['id']}/approve/", {"reason": "POD shows 18 of 20 boxes."}, format="json")
    assert approved.status_code == 200, approved.content
    claim = approved.json()
    assert claim["status"] == "approved" and claim["approved_amount"] == "445.28"
    assert claim["credit_memo_number"].startswith("CM-") and claim["debit_memo_number"].startswith("DM-")

    # AR: the invoice (8,905.50 + 150.00 = 9,055.50) owes 9,055.50 - 445.28 = 8,610.22
    invoice = user.get(f"/api/v1/invoices/{made['invoice'].pk}/").json()
    assert (invoice["credited_amount"], invoice["balance_due"]) == ("445.28", "8610.22")
    aging = user.get("/api/v1/accounts-receivables/aging/").json()
    [row] = [row for row in aging["customers"] if row["customer"] == made["customer"].pk]
    assert row["total"] == "8610.22"

    # AP: the supplier's approved bill 5,046.45 less the chargeback 252.32 = 4,794.13
    ap = user.get("/api/v1/accounts-payable/aging/").json()
    [payee] = [row for row in ap["payees"] if row["payee_name"] == made["supplier"].name]
    assert payee["total"] == "4794.13"

    # The load's margin: claims 445.28 - 252.32 = 192.96; revenue stays 9,055.50 (the claim's memo is a claim);
    # margin 9,055.50 - 5,046.45 - 0 freight billed - 100.50 cold storage - 192.96 = 3,715.59
    settlement = user.post("/api/v1/load-settlements/", {"load": made["load"].pk}, format="json").json()
    totals = user.get(f"/api/v1/load-settlements/{settlement['id']}/").json()["statement"]["totals"]
    [usd] = totals
    assert usd["claims"]["actual"] == "192.96"
    assert usd["revenue"]["actual"] == "9055.50"
    assert usd["margin"]["actual"] == "3715.59"


def test_an_open_claim_holds_the_settlement_and_a_rejected_one_credits_nothing(tenant, user, manager):
    made = delivered_load(tenant)
    claim = user.post(
        URL,
        {"invoice": made["invoice"].pk, "kind": "quality", "amount": "300.00", "description": "Off colour"},
        format="json",
    ).json()
    settlement = user.post("/api/v1/load-settlements/", {"load": made["load"].pk}, format="json").json()
    missing = user.get(f"/api/v1/load-settlements/{settlement['id']}/").json()["statement"]["missing"]
    assert {
        "kind": "claim",
        "document": claim["number"],
        "message": f"Claim {claim['number']} is still open.",
    } in missing

    assert manager.post(f"{URL}{claim['id']}/reject/", {}, format="json").status_code == 400
    rejected = manager.post(f"{URL}{claim['id']}/reject/", {"reason": "Colour within spec."}, format="json").json()
    assert rejected["status"] == "rejected" and rejected["credit_memo"] is None
    assert user.get(f"/api/v1/invoices/{made['invoice'].pk}/").json()["credited_amount"] == "0.00"
    assert manager.post(f"{URL}{claim['id']}/approve/", {"reason": "x"}, format="json").status_code == 409
    statement = user.get(f"/api/v1/load-settlements/{settlement['id']}/").json()["statement"]
    assert not [item for item in statement["missing"] if item["kind"] == "claim"]
    assert statement["totals"][0]["claims"]["actual"] == "0.00"


def test_claim_rules_name_the_field(tenant, user, manager):
    made = delivered_load(tenant, cold_storage=False)
    base = {"invoice": made["invoice"].pk, "kind": "damage"}
    assert "amount" in user.post(URL, {**base, "amount": "0"}, format="json").json()
    assert "amount" in user.post(URL, {**base, "amount": "99999.00"}, format="json").json()  # over the invoice
    both = user.post(
        URL,
        {
            **base,
            "amount": "10.00",
            "responsible_supplier": made["supplier"].pk,
            "responsible_carrier": made["load"].carrier_id,
        },
        format="json",
    )
    assert both.status_code == 400 and "responsible_carrier" in both.json()
    claim = user.post(URL, {**base, "amount": "10.00"}, format="json").json()
    manager.post(f"{URL}{claim['id']}/review/")
    too_much = manager.post(f"{URL}{claim['id']}/approve/", {"reason": "ok", "approved_amount": "11.00"}, format="json")
    assert too_much.status_code == 400 and "approved_amount" in too_much.json()
    assert user.patch(f"{URL}{claim['id']}/", {"kind": "quality"}, format="json").status_code == 409


def test_a_carriers_temperature_claim_is_charged_back_to_the_carrier(tenant, user, manager):
    made = delivered_load(tenant, cold_storage=False)
    claim = user.post(
        URL,
        {
            "invoice": made["invoice"].pk,
            "kind": "temperature",
            "amount": "600.00",
            "responsible_carrier": made["load"].carrier_id,
        },
        format="json",
    ).json()
    user.post(f"{URL}{claim['id']}/review/")
    claim = manager.post(
        f"{URL}{claim['id']}/approve/", {"reason": "Reefer log 45 °F", "approved_amount": "500.00"}, format="json"
    ).json()
    # credit 500.00 to the customer; the carrier is charged the approved 500.00 (no chargeback amount given)
    assert claim["approved_amount"] == "500.00" and claim["chargeback_amount"] == "500.00"
    ap = user.get("/api/v1/accounts-payable/aging/").json()
    [carrier] = [row for row in ap["payees"] if row["payee_kind"] == "carrier"]
    assert carrier["total"] == "-500.00"


def test_photos_and_documents_are_attached(tenant, user):
    made = delivered_load(tenant, cold_storage=False)
    claim = user.post(URL, {"invoice": made["invoice"].pk, "kind": "damage", "amount": "75.00"}, format="json").json()
    photo = DocumentFactory(tenant=tenant)
    attached = user.post(f"{URL}{claim['id']}/documents/", {"document": photo.pk, "kind": "photo"}, format="json")
    assert attached.status_code == 201, attached.content
    listed = user.get(f"{URL}{claim['id']}/documents/").json()
    assert [(row["document"], row["kind"]) for row in listed] == [(photo.pk, "photo")]
    assert Decimal(claim["amount"]) == Decimal("75.00")
