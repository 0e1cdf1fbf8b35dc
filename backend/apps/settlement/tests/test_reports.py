"""Settled-margin reports and commissions over frozen settlement entries. The entries are written here as the
settle action leaves them (kind, basis, currency, amount, dimensions); the expected sums are added up by hand in
the comments, never with the code under test."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.loads.tests.factories import LoadFactory
from apps.settlement.models import LoadSettlement, SettlementEntry
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role, TenantUser
from conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/settlement-reports/"


def settled(tenant, day, rows):
    """A settled load with the given frozen entries: (kind, basis, currency, amount, dims)."""
    settlement = LoadSettlement.objects.create(
        tenant=tenant, load=LoadFactory(tenant=tenant), status="settled", period_date=day, figures={"totals": []}
    )
    for kind, basis, currency, amount, dims in rows:
        SettlementEntry.objects.create(
            tenant=tenant,
            settlement=settlement,
            kind=kind,
            basis=basis,
            currency=currency,
            amount=Decimal(amount),
            **dims,
        )
    return settlement


@pytest.fixture
def world(tenant):
    rep_user = member(tenant, Role.USER)
    rep = TenantUser.objects.get(tenant=tenant, user=rep_user)
    rep_user.first_name, rep_user.last_name = "Dana", "Rep"
    rep_user.save()
    acme = CustomerFactory(tenant=tenant, name="Acme Foods")
    maple = CustomerFactory(tenant=tenant, name="=Maple Meats")  # a name a spreadsheet would run as a formula
    packer = SupplierFactory(tenant=tenant)
    a = {"customer": acme, "sales_rep": rep, "supplier": packer, "lane": "Greeley, CO → Houston, TX"}
    m = {"customer": maple, "supplier": packer, "lane": "Greeley, CO → Toronto, ON"}
    # Load 1 (USD, Acme, rep): revenue 9,030.50; product 5,046.45; freight 2,700.00; cold 100.50; claims 60.00
    # -> margin 1,123.55; estimate 8,905.50 - 5,046.45 - 2,635.00 - 100.50 = 1,123.55
    settled(
        tenant,
        datetime.date(2026, 11, 10),
        [
            ("revenue", "actual", "USD", "9030.50", a),
            ("revenue", "estimate", "USD", "8905.50", a),
            ("product_cost", "actual", "USD", "5046.45", a),
            ("product_cost", "estimate", "USD", "5046.45", a),
            ("freight", "actual", "USD", "2700.00", a),
            ("freight", "estimate", "USD", "2635.00", a),
            ("cold_storage", "actual", "USD", "100.50", a),
            ("cold_storage", "estimate", "USD", "100.50", a),
            ("claims", "actual", "USD", "60.00", a),
        ],
    )
    # Load 2 (USD, Acme, rep): revenue 4,000.00; product 3,500.00; freight 800.00 -> margin -300.00 (a loss)
    settled(
        tenant,
        datetime.date(2026, 11, 15),
        [
            ("revenue", "actual", "USD", "4000.00", a),
            ("revenue", "estimate", "USD", "4100.00", a),
            ("product_cost", "actual", "USD", "3500.00", a),
            ("product_cost", "estimate", "USD", "3500.00", a),
            ("freight", "actual", "USD", "800.00", a),
            ("freight", "estimate", "USD", "750.00", a),
        ],
    )
    # Load 3 (sold in CAD to Maple, bought in USD): CAD revenue 7,200.00; USD product 4,100.00, freight 1,250.00
    settled(
        tenant,
        datetime.date(2026, 11, 20),
        [
            ("revenue", "actual", "CAD", "7200.00", m),
            ("revenue", "estimate", "CAD", "7000.00", m),
            ("product_cost", "actual", "USD", "4100.00", m),
            ("product_cost", "estimate", "USD", "4000.00", m),
            ("freight", "actual", "USD", "1250.00", {**m, "customer": None}),
            ("freight", "estimate", "USD", "1250.00", {**m, "customer": None}),
        ],
    )
    # Outside the period (December) and an open settlement: never counted.
    settled(tenant, datetime.date(2026, 12, 2), [("revenue", "actual", "USD", "999.00", a)])
    LoadSettlement.objects.create(tenant=tenant, load=LoadFactory(tenant=tenant))
    return {"acme": acme, "maple": maple, "rep": rep}


PERIOD = "date_from=2026-11-01&date_to=2026-11-30"


def test_margin_by_customer_per_currency_equals_hand_sums(tenant, world):
    client = client_for(member(tenant, Role.READONLY), tenant)
    report = client.get(f"{URL}margin/?by=customer&{PERIOD}").json()
    rows = {(row["label"], row["currency"]): row for row in report["rows"]}
    acme = rows[("Acme Foods", "USD")]
    # revenue 9,030.50 + 4,000.00 = 13,030.50; product 5,046.45 + 3,500.00 = 8,546.45; freight 2,700 + 800 = 3,500
    assert (acme["loads"], acme["revenue"], acme["product_cost"], acme["freight"]) == (
        2,
        "13030.50",
        "8546.45",
        "3500.00",
    )
    # margin 1,123.55 - 300.00 = 823.55; estimate 1,123.55 + (4,100 - 3,500 - 750 = -150.00) = 973.55
    assert (acme["cold_storage"], acme["claims"], acme["margin"], acme["margin_estimate"]) == (
        "100.50",
        "60.00",
        "823.55",
        "973.55",
    )
    assert rows[("=Maple Meats", "CAD")]["margin"] == "7200.00"
    assert rows[("=Maple Meats", "USD")]["margin"] == "-4100.00"
    assert rows[("(not attributed)", "USD")]["freight"] == "1250.00"  # load 3's freight names no one customer
    totals = {row["currency"]: row for row in report["totals"]}
    assert list(totals) == ["USD", "CAD"]
    # USD: 823.55 - 4,100.00 - 1,250.00 = -4,526.45; CAD 7,200.00 — never added together
    assert totals["USD"]["margin"] == "-4526.45"
    assert totals["CAD"]["margin"] == "7200.00"
    assert totals["USD"]["loads"] == 3


def test_margin_csv_is_streamed_with_hand_summed_rows_and_formulas_escaped(tenant, world):
    client = client_for(member(tenant, Role.READONLY), tenant)
    response = client.get(f"{URL}margin/?by=customer&{PERIOD}&format=csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    by_label = {(row["label"], row["currency"]): row for row in rows}
    assert by_label[("Acme Foods", "USD")]["margin"] == "823.55"
    assert by_label[("Acme Foods", "USD")]["revenue"] == "13030.50"
    assert ("'=Maple Meats", "CAD") in by_label  # exported as text, not run as a formula
    assert by_label[("'=Maple Meats", "CAD")]["revenue"] == "7200.00"
    # by lane: load 1 + 2 are Greeley -> Houston: 13,030.50 revenue
    lanes = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get(f"{URL}margin/?by=lane&{PERIOD}&format=csv").streaming_content).decode())
        )
    )
    houston = next(row for row in lanes if row["label"] == "Greeley, CO → Houston, TX")
    assert houston["revenue"] == "13030.50"


def test_bad_parameters_are_400(tenant, world):
    client = client_for(member(tenant, Role.READONLY), tenant)
    assert client.get(f"{URL}margin/?by=colour").status_code == 400
    assert client.get(f"{URL}margin/?date_from=2026-12-01&date_to=2026-11-01").status_code == 400
    assert client.get(f"{URL}margin/?currency=XYZ&format=csv").status_code == 400


def test_commissions_by_the_tenant_rule_per_rep_and_period(tenant, world):
    tenant.settings = {"commission_percent": "10", "commission_floor": "25.00"}
    tenant.save()
    client = client_for(member(tenant, Role.MANAGER), tenant)
    report = client.get(f"{URL}commissions/?{PERIOD}").json()
    # load 1: 10 % of 1,123.55 = 112.355 -> 112.36; load 2: 10 % of -300.00 = -30.00 -> the floor 25.00
    loads = {row["load_number"]: row["commission"] for row in report["loads"]}
    assert sorted(loads.values()) == ["112.36", "25.00"]
    (dana,) = report["reps"]
    assert (dana["sales_rep_name"], dana["currency"], dana["loads"]) == ("Dana Rep", "USD", 2)
    assert (dana["margin"], dana["commission"]) == ("823.55", "137.36")  # 112.36 + 25.00
    assert client_for(member(tenant, Role.USER), tenant).get(f"{URL}commissions/").status_code == 403


def test_commission_settings_are_validated(tenant):
    from apps.tenants.settings_schema import settings_errors

    assert settings_errors({"commission_percent": "12.5", "commission_floor": "0"}) == []
    assert settings_errors({"commission_percent": 150})
    assert settings_errors({"commission_floor": "-5"})
