"""The journal through the API: entries read-only with their filters, the account mapping (admins edit, a user gets
403, bad codes are a 400 naming the field), export batches (incremental: a second export has nothing new), their CSV
and IIF files parsed back to the rows expected by hand, currencies kept apart."""

import csv
import datetime
import io

import pytest

from apps.carriers.tests.factories import CarrierFactory
from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.invoices.tests.factories import InvoiceFactory
from apps.loads.tests.factories import LoadFactory
from apps.payables.tests.factories import FreightBillFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db
ENTRIES, EXPORTS, MAPPING = "/api/v1/journal-entries/", "/api/v1/journal-exports/", "/api/v1/account-mappings/"


@pytest.fixture
def manager(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


@pytest.fixture
def books(tenant):
    """November: a USD invoice (Nov 3, $5,000.00), a CAD invoice (Nov 4, C$5,000.00), a freight bill (Nov 5,
    $2,635.00) and one in December (Dec 1, $5,000.00) that a November export leaves out."""
    usd = CustomerFactory(tenant=tenant, name="Gulf Coast Meats")
    cad = CustomerFactory(tenant=tenant, name="Maple Leaf Provisions", currency="CAD")
    carrier = CarrierFactory(tenant=tenant, name="Reefer Express")
    return {
        "usd": InvoiceFactory(tenant=tenant, customer=usd, issued=True, invoice_date=datetime.date(2026, 11, 3)),
        "cad": InvoiceFactory(
            tenant=tenant, customer=cad, currency="CAD", issued=True, invoice_date=datetime.date(2026, 11, 4)
        ),
        "freight": FreightBillFactory(
            tenant=tenant,
            load=LoadFactory(tenant=tenant, carrier=carrier),
            bill_date=datetime.date(2026, 11, 5),
            carrier_invoice_number="PRO-7781",
            submit=True,
        ),
        "december": InvoiceFactory(tenant=tenant, customer=usd, issued=True, invoice_date=datetime.date(2026, 12, 1)),
    }


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_entries_are_listed_with_their_lines_and_filtered(tenant, manager, books):
    listed = manager.get(ENTRIES, {"ordering": "number"})
    assert numbers(listed) == ["JE-2026-000001", "JE-2026-000002", "JE-2026-000003", "JE-2026-000004"]
    first = listed.json()["results"][0]
    assert (first["source_kind"], first["source_number"], first["partner_name"]) == (
        "invoice",
        books["usd"].number,
        "Gulf Coast Meats",
    )
    assert first["lines"] == [
        {
            "line_number": 1,
            "account_role": "accounts_receivable",
            "account_code": "1100",
            "account_name": "Accounts Receivable",
            "debit": "5000.00",
            "credit": "0.00",
            "memo": "",
        },
        {
            "line_number": 2,
            "account_role": "sales",
            "account_code": "4000",
            "account_name": "Sales",
            "debit": "0.00",
            "credit": "5000.00",
            "memo": "",
        },
    ]
    detail = manager.get(f"{ENTRIES}{first['id']}/").json()
    assert detail["amount"] == "5000.00" and detail["exported"] is False

    def only(**params):
        return numbers(manager.get(ENTRIES, {"ordering": "number", **params}))

    assert only(entry_date_from="2026-11-04", entry_date_to="2026-11-30") == ["JE-2026-000002", "JE-2026-000003"]
    assert only(source_kind="freight_bill") == ["JE-2026-000003"]
    assert only(account="5100") == ["JE-2026-000003"]
    assert only(currency="CAD") == ["JE-2026-000002"]
    assert only(search="Maple Leaf") == ["JE-2026-000002"]
    assert only(search="JE-2026-000004") == ["JE-2026-000004"]
    assert only(exported="true") == []
    # Read-only: no create, update or delete route.
    assert manager.post(ENTRIES, {}, format="json").status_code == 405
    assert manager.delete(f"{ENTRIES}{first['id']}/").status_code == 405


def test_an_export_takes_what_is_new_and_a_second_one_has_nothing(tenant, manager, books):
    created = manager.post(EXPORTS, {"to_date": "2026-11-30"}, format="json")
    assert created.status_code == 201, created.content
    batch = created.json()
    assert (batch["number"], batch["entry_count"], batch["line_count"]) == ("EXP-2026-000001", 3, 6)
    assert batch["totals"] == {"CAD": "5000.00", "USD": "7635.00"}  # 5,000.00 + 2,635.00; CAD apart
    assert batch["currencies"] == ["CAD", "USD"]

    again = manager.post(EXPORTS, {"to_date": "2026-11-30"}, format="json")
    assert again.status_code == 409
    assert "Nothing new to export up to 2026-11-30" in again.json()["detail"]
    assert numbers(manager.get(ENTRIES, {"exported": "false"})) == ["JE-2026-000004"]  # December's

    december = manager.post(EXPORTS, {"to_date": "2026-12-31"}, format="json").json()
    assert (december["entry_count"], december["totals"]) == (1, {"USD": "5000.00"})
    listed = manager.get(EXPORTS).json()
    assert [row["number"] for row in listed["results"]] == ["EXP-2026-000002", "EXP-2026-000001"]
    assert manager.post(EXPORTS, {"to_date": "2026-12-31"}, format="json").status_code == 409

    bad = manager.post(EXPORTS, {"to_date": "2026-11-01", "from_date": "2026-11-30"}, format="json")
    assert bad.status_code == 400 and "from_date" in bad.json()
    assert "to_date" in manager.post(EXPORTS, {}, format="json").json()


def test_the_csv_carries_one_row_per_line_with_its_currency(tenant, manager, books):
    batch = manager.post(EXPORTS, {"to_date": "2026-11-30"}, format="json").json()
    response = manager.get(f"{EXPORTS}{batch['id']}/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="journal-EXP-2026-000001.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "date",
        "entry_number",
        "source_kind",
        "source_number",
        "event",
        "partner",
        "account_code",
        "account_name",
        "debit",
        "credit",
        "currency",
        "memo",
    ]
    usd, cad, freight = books["usd"].number, books["cad"].number, books["freight"].number
    freight_memo = f"Freight bill {freight} (pro PRO-7781, load {books['freight'].load.number})"
    assert rows[1:] == [
        ["2026-11-03", "JE-2026-000001", "invoice", usd, "issued", "Gulf Coast Meats", "1100", "Accounts Receivable",
         "5000.00", "", "USD", f"Invoice {usd} issued"],
        ["2026-11-03", "JE-2026-000001", "invoice", usd, "issued", "Gulf Coast Meats", "4000", "Sales",
         "", "5000.00", "USD", f"Invoice {usd} issued"],
        ["2026-11-04", "JE-2026-000002", "invoice", cad, "issued", "Maple Leaf Provisions", "1100",
         "Accounts Receivable", "5000.00", "", "CAD", f"Invoice {cad} issued"],
        ["2026-11-04", "JE-2026-000002", "invoice", cad, "issued", "Maple Leaf Provisions", "4000", "Sales",
         "", "5000.00", "CAD", f"Invoice {cad} issued"],
        ["2026-11-05", "JE-2026-000003", "freight_bill", freight, "approved", "Reefer Express", "5100",
         "Cost of Goods Sold - Freight", "2635.00", "", "USD", freight_memo],
        ["2026-11-05", "JE-2026-000003", "freight_bill", freight, "approved", "Reefer Express", "2000",
         "Accounts Payable", "", "2635.00", "USD", freight_memo],
    ]  # fmt: skip
    # The same file on every download.
    assert manager.get(f"{EXPORTS}{batch['id']}/csv/").content == response.content
    only_cad = manager.get(f"{EXPORTS}{batch['id']}/csv/", {"currency": "CAD"})
    assert [row[10] for row in csv.reader(io.StringIO(only_cad.content.decode()))][1:] == ["CAD", "CAD"]


def test_a_partner_named_like_a_formula_is_escaped_in_the_csv(tenant, manager):
    customer = CustomerFactory(tenant=tenant, name="=HYPERLINK(1)")
    InvoiceFactory(tenant=tenant, customer=customer, issued=True, invoice_date=datetime.date(2026, 11, 3))
    batch = manager.post(EXPORTS, {"to_date": "2026-11-30"}, format="json").json()
    rows = list(csv.reader(io.StringIO(manager.get(f"{EXPORTS}{batch['id']}/csv/").content.decode())))
    assert {row[5] for row in rows[1:]} == {"'=HYPERLINK(1)"}


def parse_iif(text: str) -> list[dict]:
    """IIF back into transactions: each {header..., splits: [...]}, from the !TRNS / !SPL column lists."""
    lines = text.split("\r\n")
    assert lines[-1] == ""
    records = [line.split("\t") for line in lines[:-1]]
    columns = {record[0].lstrip("!"): record[1:] for record in records if record[0].startswith("!")}
    assert set(columns) == {"TRNS", "SPL", "ENDTRNS"}
    transactions, current = [], None
    for record in records:
        kind = record[0]
        if kind.startswith("!"):
            continue
        if kind == "TRNS":
            current = {"lines": [dict(zip(columns["TRNS"], record[1:], strict=True))]}
        elif kind == "SPL":
            current["lines"].append(dict(zip(columns["SPL"], record[1:], strict=True)))
        else:
            assert kind == "ENDTRNS"
            transactions.append(current)
            current = None
    assert current is None
    return transactions


def test_the_iif_file_parses_back_to_general_journal_transactions(tenant, manager, books):
    batch = manager.post(EXPORTS, {"to_date": "2026-11-30"}, format="json").json()
    both = manager.get(f"{EXPORTS}{batch['id']}/iif/")
    assert both.status_code == 400 and "currency" in both.json()  # IIF has no currency column: one per file
    response = manager.get(f"{EXPORTS}{batch['id']}/iif/", {"currency": "USD"})
    assert response.status_code == 200 and response["Content-Type"] == "application/x-iif"
    text = response.content.decode()
    assert text.startswith(
        "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\r\n"
        "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\r\n"
        "!ENDTRNS\r\n"
    )
    transactions = parse_iif(text)
    keys = ("TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM")
    simple = [[tuple(line[key] for key in keys) for line in t["lines"]] for t in transactions]
    assert simple == [
        [
            ("GENERAL JOURNAL", "11/03/2026", "Accounts Receivable", "Gulf Coast Meats", "5000.00", "JE26000001"),
            ("GENERAL JOURNAL", "11/03/2026", "Sales", "Gulf Coast Meats", "-5000.00", "JE26000001"),
        ],
        [
            (
                "GENERAL JOURNAL",
                "11/05/2026",
                "Cost of Goods Sold - Freight",
                "Reefer Express",
                "2635.00",
                "JE26000003",
            ),
            ("GENERAL JOURNAL", "11/05/2026", "Accounts Payable", "Reefer Express", "-2635.00", "JE26000003"),
        ],
    ]
    cad = parse_iif(manager.get(f"{EXPORTS}{batch['id']}/iif/", {"currency": "CAD"}).content.decode())
    assert [[line["AMOUNT"] for line in t["lines"]] for t in cad] == [["5000.00", "-5000.00"]]
    assert manager.get(f"{EXPORTS}{batch['id']}/iif/", {"currency": "MXN"}).status_code == 400


def test_the_mapping_is_edited_by_admins_and_applies_to_later_entries(tenant, books):
    user = client_for(member(tenant, Role.USER), tenant)
    manager = client_for(member(tenant, Role.MANAGER), tenant)
    admin = client_for(member(tenant, Role.ADMIN), tenant)
    rows = user.get(MAPPING, {"page_size": 50}).json()["results"]
    assert [(row["role"], row["code"], row["name"]) for row in rows] == [
        ("cash", "1000", "Cash"),
        ("accounts_receivable", "1100", "Accounts Receivable"),
        ("accounts_payable", "2000", "Accounts Payable"),
        ("sales_tax_payable", "2200", "Sales Tax Payable"),
        ("sales", "4000", "Sales"),
        ("sales_credits", "4100", "Sales Returns and Credits"),
        ("freight_income", "4200", "Freight Income"),
        ("product_cost", "5000", "Cost of Goods Sold - Product"),
        ("freight_cost", "5100", "Cost of Goods Sold - Freight"),
        ("claims_recovery", "5200", "Claims Recovery"),
    ]
    sales = next(row for row in rows if row["role"] == "sales")
    url = f"{MAPPING}{sales['id']}/"
    assert user.patch(url, {"code": "4010"}, format="json").status_code == 403
    assert manager.patch(url, {"code": "4010"}, format="json").status_code == 403
    empty = admin.patch(url, {"code": "  "}, format="json")
    assert empty.status_code == 400 and list(empty.json()) == ["code"]
    long = admin.patch(url, {"name": "x" * 101}, format="json")
    assert long.status_code == 400 and list(long.json()) == ["name"]
    tab = admin.patch(url, {"name": "Sales\tBeef"}, format="json")
    assert tab.status_code == 400 and list(tab.json()) == ["name"]
    changed = admin.patch(url, {"code": " 4010 ", "name": "Sales - Beef"}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["code"], changed.json()["name"]) == ("4010", "Sales - Beef")

    later = InvoiceFactory(tenant=tenant, issued=True, invoice_date=datetime.date(2026, 12, 2))
    [new_entry] = admin.get(ENTRIES, {"source_kind": "invoice", "source_id": later.pk}).json()["results"]
    assert [line["account_code"] for line in new_entry["lines"]] == ["1100", "4010"]
    [old_entry] = admin.get(ENTRIES, {"source_kind": "invoice", "source_id": books["usd"].pk}).json()["results"]
    assert [line["account_code"] for line in old_entry["lines"]] == ["1100", "4000"]  # posted before: kept
    history = admin.get(f"{url}history/").json()["results"]
    assert history[0]["action"] == "update"


def test_a_user_may_not_export(tenant, books):
    user = client_for(member(tenant, Role.USER), tenant)
    assert user.post(EXPORTS, {"to_date": "2026-11-30"}, format="json").status_code == 403
    assert user.get(ENTRIES, {"exported": "true"}).json()["count"] == 0
