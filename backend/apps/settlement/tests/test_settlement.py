"""Load settlement through the API: the statement per currency (estimate vs actual), the settle rule (409 listing
what is missing), frozen figures. Expected cents are worked out by hand in the comments (see factories.py for the
figures), never with the code under test."""

from decimal import Decimal

import pytest

from apps.core.testing.factories import member
from apps.invoices import services as invoice_services
from apps.tenants.models import Role
from conftest import client_for

from .factories import delivered_load

pytestmark = pytest.mark.django_db
URL = "/api/v1/load-settlements/"


@pytest.fixture
def user(tenant):
    return client_for(member(tenant, Role.USER), tenant)


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def open_for(client, load) -> dict:
    response = client.post(URL, {"load": load.pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def by_currency(statement) -> dict:
    return {row["currency"]: row for row in statement["totals"]}


def test_the_statement_is_revenue_less_each_cost_to_the_cent(tenant, user):
    made = delivered_load(tenant)
    invoice_services.create_credit_memo(made["invoice"], by=None, amount=Decimal("25.00"), reason="price_adjustment")
    settlement = open_for(user, made["load"])
    statement = user.get(f"{URL}{settlement['id']}/").json()["statement"]
    usd = by_currency(statement)["USD"]
    # revenue: estimate the SO line 1,187.40 x 7.50 = 8,905.50; actual 8,905.50 + 150.00 freight charged - 25.00 CM
    assert usd["revenue"] == {"estimate": "8905.50", "actual": "9030.50", "variance": "125.00"}
    # product: PO line 1,187.40 x 4.25 = 5,046.45, billed the same
    assert usd["product_cost"] == {"estimate": "5046.45", "actual": "5046.45", "variance": "0.00"}
    # freight: rate con 2,450.00 + 185.00 = 2,635.00; no freight bill yet
    assert usd["freight"] == {"estimate": "2635.00", "actual": "0.00", "variance": "-2635.00"}
    assert usd["cold_storage"] == {"estimate": "100.50", "actual": "100.50", "variance": "0.00"}
    assert usd["claims"] == {"estimate": "0.00", "actual": "0.00", "variance": "0.00"}
    # estimate 8,905.50 - 5,046.45 - 2,635.00 - 100.50 = 1,123.55; actual 9,030.50 - 5,046.45 - 0 - 100.50 = 3,883.55
    assert usd["margin"] == {"estimate": "1123.55", "actual": "3883.55", "variance": "2760.00"}
    documents = {(entry["kind"], entry["basis"], entry["document"]) for entry in statement["entries"]}
    assert ("product_cost", "actual", made["bill"].number) in documents
    assert ("revenue", "actual", made["invoice"].number) in documents


def test_settle_is_refused_while_a_document_is_missing_and_names_it(tenant, user, manager):
    made = delivered_load(tenant, bill=False, invoice=False)
    settlement = open_for(user, made["load"])
    response = user.post(f"{URL}{settlement['id']}/settle/")
    assert response.status_code == 403  # managers settle
    response = manager.post(f"{URL}{settlement['id']}/settle/")
    assert response.status_code == 409, response.content
    missing = response.json()["missing"]
    kinds = {(item["kind"], item["document"]) for item in missing}
    assert ("invoice", made["sales_order"].number) in kinds
    assert ("supplier_bill", made["purchase_order"].number) in kinds
    assert ("freight_bill", made["load"].number) in kinds
    assert manager.get(f"{URL}{settlement['id']}/").json()["status"] == "open"
    assert manager.get(f"{URL}{settlement['id']}/").json()["statement"]["missing"] == missing


def test_currencies_are_kept_apart(tenant, user):
    # Sold in CAD, bought and hauled in USD: two rows, nothing converted.
    made = delivered_load(tenant, so_currency="CAD")
    statement = user.get(f"{URL}{open_for(user, made['load'])['id']}/").json()["statement"]
    rows = by_currency(statement)
    assert list(rows) == ["USD", "CAD"]  # the reporting currency first
    assert rows["CAD"]["revenue"]["actual"] == "9055.50"  # 8,905.50 + 150.00
    assert rows["CAD"]["product_cost"]["actual"] == "0.00"
    assert rows["CAD"]["margin"]["actual"] == "9055.50"
    assert rows["USD"]["revenue"]["actual"] == "0.00"
    # USD: 0 - 5,046.45 - 0 - 100.50
    assert rows["USD"]["margin"]["actual"] == "-5146.95"


def test_one_settlement_per_load(tenant, user):
    made = delivered_load(tenant, bill=False, invoice=False, cold_storage=False)
    open_for(user, made["load"])
    response = user.post(URL, {"load": made["load"].pk}, format="json")
    assert response.status_code == 400
    assert "load" in response.json()


def test_a_load_with_every_document_in_is_settled_frozen_and_reported(tenant, user, manager):
    from apps.payables.tests.factories import FreightBillFactory

    made = delivered_load(tenant)
    invoice_services.create_credit_memo(made["invoice"], by=None, amount=Decimal("25.00"), reason="price_adjustment")
    freight = FreightBillFactory(tenant=tenant, load=made["load"], submit=True)  # as agreed: 2,450.00 + 185.00
    settlement = open_for(user, made["load"])
    settled = manager.post(f"{URL}{settlement['id']}/settle/")
    assert settled.status_code == 200, settled.content
    body = settled.json()
    assert body["status"] == "settled" and body["period_date"] == "2026-11-20"
    [usd] = body["statement"]["totals"]
    assert usd["freight"] == {"estimate": "2635.00", "actual": "2635.00", "variance": "0.00"}
    # 9,030.50 - 5,046.45 - 2,635.00 - 100.50 = 1,248.55
    assert usd["margin"]["actual"] == "1248.55"
    assert body["margin"] == {"USD": "1248.55"}
    assert ("freight", "actual", freight.number) in {
        (e["kind"], e["basis"], e["document"]) for e in body["statement"]["entries"]
    }

    # Frozen: a later credit memo does not move the settled figures
    invoice_services.create_credit_memo(made["invoice"], by=None, amount=Decimal("40.00"), reason="other")
    again = user.get(f"{URL}{settlement['id']}/").json()
    assert again["statement"]["totals"][0]["margin"]["actual"] == "1248.55"
    report = user.get("/api/v1/settlement-reports/margin/?by=customer").json()
    assert [(row["label"], row["margin"]) for row in report["rows"]] == [(made["customer"].name, "1248.55")]

    # Reopened (with a reason): live again, the new memo counts: 1,248.55 - 40.00 = 1,208.55; the report is empty
    assert manager.post(f"{URL}{settlement['id']}/reopen/", {}, format="json").status_code == 400
    reopened = manager.post(f"{URL}{settlement['id']}/reopen/", {"reason": "Late credit memo"}, format="json").json()
    assert reopened["status"] == "open" and reopened["margin"] == {}
    assert reopened["statement"]["totals"][0]["margin"]["actual"] == "1208.55"
    assert user.get("/api/v1/settlement-reports/margin/?by=customer").json()["rows"] == []
    history = user.get(f"{URL}{settlement['id']}/history/").json()
    assert len(history["results"]) >= 3  # created, settled, reopened
