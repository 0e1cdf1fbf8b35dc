"""Carrier freight bills through the API: billed against the rate confirmation (the load's line haul and
accessorials), detention above the rate con held for a manager, approved -> payable with the carrier's terms;
the load's freight costs for the settlement. Expected figures are worked out by hand in the comments."""

from decimal import Decimal

import pytest

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import member
from apps.loads.tests.factories import LoadFactory
from apps.payables import services
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/freight-bills/"


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def agreed_load(tenant, **fields):
    """Rate con: $2,450.00 line haul, $185.00 fuel, $150.00 detention (2 hours agreed) = $2,785.00."""
    carrier = CarrierFactory(tenant=tenant, payment_terms_days=30)
    return LoadFactory(
        tenant=tenant,
        carrier=carrier,
        accessorials=[
            {"charge_type": "fuel", "amount": Decimal("185.00")},
            {"charge_type": "detention", "amount": Decimal("150.00"), "description": "2 h at the packer"},
        ],
        **fields,
    )


def test_billed_as_agreed_is_approved_at_submit_and_due_on_the_carriers_terms(tenant, user):
    load = agreed_load(tenant)
    created = user.post(
        URL, {"load": load.pk, "carrier_invoice_number": "PRO-1001", "bill_date": "2026-11-20"}, format="json"
    )
    assert created.status_code == 201, created.content
    bill = created.json()
    assert bill["number"].startswith("FB-2026-")
    assert bill["carrier"] == load.carrier_id
    assert bill["due_date"] == "2026-12-20"  # Nov 20 + 30 days
    assert [(c["charge_type"], c["amount"]) for c in bill["charges"]] == [
        ("linehaul", "2450.00"),
        ("fuel", "185.00"),
        ("detention", "150.00"),
    ]
    assert bill["total"] == "2785.00"  # 2,450 + 185 + 150
    submitted = user.post(f"{URL}{bill['id']}/submit/", {}, format="json").json()
    assert submitted["status"] == "approved"
    assert submitted["variances"] == []


def test_detention_above_the_rate_con_is_flagged_and_held_for_a_manager(tenant, user, manager):
    load = agreed_load(tenant)
    charges = [
        {"charge_type": "linehaul", "amount": "2450.00"},
        {"charge_type": "fuel", "amount": "185.00"},
        {"charge_type": "detention", "amount": "375.00", "description": "5 h at the packer"},
    ]
    bill = user.post(
        URL,
        {"load": load.pk, "carrier_invoice_number": "PRO-1002", "bill_date": "2026-11-20", "charges": charges},
        format="json",
    ).json()
    assert bill["total"] == "3010.00"  # 2,450 + 185 + 375
    held = user.post(f"{URL}{bill['id']}/submit/", {}, format="json").json()
    assert held["status"] == "held"
    assert held["has_variances"] is True
    # detention: billed 375.00, agreed 150.00 -> +225.00, beyond the default tolerance of 0
    assert held["variances"] == [
        {
            "charge_type": "detention",
            "agreed": "150.00",
            "billed": "375.00",
            "difference": "225.00",
            "tolerance": "0.00",
        }
    ]
    assert held["expected_total"] == "2785.00"
    # not payable while held
    due = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2027-01-31"}).json()
    assert due["items"] == []

    assert user.post(f"{URL}{bill['id']}/approve/", {"reason": "ok"}, format="json").status_code == 403
    missing = manager.post(f"{URL}{bill['id']}/approve/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    approved = manager.post(
        f"{URL}{bill['id']}/approve/", {"reason": "Packer held the truck 5 h; detention agreed."}, format="json"
    ).json()
    assert approved["status"] == "approved"
    due = user.get("/api/v1/accounts-payable/cash-requirements/", {"due_by": "2027-01-31"}).json()
    assert [(i["document_type"], i["number"], i["balance_due"]) for i in due["items"]] == [
        ("freight_bill", bill["number"], "3010.00")
    ]
    [row] = user.get("/api/v1/accounts-payable/aging/", {"as_of": "2026-11-30"}).json()["payees"]
    assert (row["payee_kind"], row["carrier"], row["current"]) == ("carrier", load.carrier_id, "3010.00")


def test_tonu_has_nothing_agreed_and_a_tolerance_lets_small_differences_through(tenant, user):
    tenant.settings = {**(tenant.settings or {}), "freight_tolerance_amount": "10.00"}
    tenant.save()
    load = agreed_load(tenant)
    charges = [
        {"charge_type": "linehaul", "amount": "2450.00"},
        {"charge_type": "fuel", "amount": "192.00"},  # +7.00: within $10
        {"charge_type": "detention", "amount": "150.00"},
        {"charge_type": "tonu", "amount": "250.00"},  # nothing agreed: +250.00
    ]
    bill = user.post(
        URL, {"load": load.pk, "carrier_invoice_number": "PRO-1003", "charges": charges}, format="json"
    ).json()
    held = user.post(f"{URL}{bill['id']}/submit/", {}, format="json").json()
    assert [(v["charge_type"], v["difference"]) for v in held["variances"]] == [("tonu", "250.00")]


def test_charge_errors_are_keyed_by_index_and_a_carrier_invoice_is_entered_once(tenant, user):
    load = agreed_load(tenant)
    bad = user.post(
        URL,
        {
            "load": load.pk,
            "carrier_invoice_number": "PRO-1004",
            "charges": [{"charge_type": "linehaul", "amount": "2450.00"}, {"charge_type": "teleport", "amount": "1"}],
        },
        format="json",
    )
    assert bad.status_code == 400
    assert "charge_type" in str(bad.json()["charges"])
    assert user.post(URL, {"load": load.pk, "carrier_invoice_number": "PRO-1004"}, format="json").status_code == 201
    again = user.post(URL, {"load": load.pk, "carrier_invoice_number": "PRO-1004"}, format="json")
    assert again.status_code == 400 and "carrier_invoice_number" in again.json()


def test_a_draft_keeps_its_charge_ids_when_edited(tenant, user):
    load = agreed_load(tenant)
    bill = user.post(URL, {"load": load.pk, "carrier_invoice_number": "PRO-1005"}, format="json").json()
    linehaul, fuel, _detention = bill["charges"]
    edited = user.patch(
        f"{URL}{bill['id']}/",
        {"charges": [{"id": linehaul["id"], "charge_type": "linehaul", "amount": "2400.00"}, fuel]},
        format="json",
    )
    assert edited.status_code == 200, edited.content
    body = edited.json()
    assert [c["id"] for c in body["charges"]] == [linehaul["id"], fuel["id"]]  # updated in place, detention removed
    assert body["total"] == "2585.00"  # 2,400 + 185


def test_a_loads_freight_bills_are_its_freight_costs(tenant):
    from apps.payables.tests.factories import FreightBillFactory

    load = agreed_load(tenant)
    bill = FreightBillFactory(tenant=tenant, load=load, submit=True)
    costs = services.posted_costs_for_load(load)
    assert costs == [
        {"kind": "freight", "currency": "USD", "amount": Decimal("2785.00"), "document": bill.number, "final": True}
    ]
