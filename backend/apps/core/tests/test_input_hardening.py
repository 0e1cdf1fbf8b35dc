"""Ordinary bad input that used to be a 500 (issue "Nothing lost, nothing guessable, no 500"): each case is the
exact request, answered with a 4xx naming the problem, and nothing written."""

import csv
import io
import json

import pytest
from django.urls import reverse

from apps.core.testing.api import response_body
from apps.core.testing.factories import member
from apps.customers.tests.factories import CustomerFactory
from apps.products.tests.factories import ProductFactory
from apps.purchase_orders.models import PurchaseOrder, PurchaseOrderLine
from apps.suppliers.models import Supplier
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def owner(tenant):
    return member(tenant, Role.OWNER)


@pytest.fixture
def client(tenant, owner):
    return client_for(owner, tenant)


def nested(depth: int) -> str:
    return '{"notes": ' + "[" * depth + "]" * depth + "}"


def test_deeply_nested_json_is_a_400(client, tenant):
    supplier = SupplierFactory(tenant=tenant)
    for depth in (40, 100_000):
        response = client.generic(
            "PATCH", f"/api/v1/suppliers/{supplier.pk}/", nested(depth), content_type="application/json"
        )
        assert response.status_code == 400, (depth, response.content[:200])
        assert "nested" in response.json()["detail"]


def test_ordinary_nesting_still_parses(client, tenant):
    supplier = SupplierFactory(tenant=tenant)
    response = client.patch(f"/api/v1/suppliers/{supplier.pk}/", {"notes": "Dock 4"}, format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("header", ["²", "١٢", "99999999999999999999999", "1\x00"])
def test_odd_tenant_header_is_403_not_500(owner, tenant, header):
    client = client_for(owner)
    client.credentials(HTTP_X_TENANT_ID=header)
    response = client.get("/api/v1/suppliers/")
    assert response.status_code == 403, response.content


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_aging_as_of_out_of_range_is_a_400(client, value):
    response = client.get("/api/v1/accounts-receivables/aging/", {"as_of": value})
    assert response.status_code == 400, response.content
    assert "as_of" in response.json()


@pytest.mark.parametrize("param", ["start", "end"])
def test_statement_period_out_of_range_is_a_400(client, tenant, param):
    customer = CustomerFactory(tenant=tenant)
    response = client.get(f"/api/v1/accounts-receivables/statement/{customer.pk}/", {param: "0001-01-01"})
    assert response.status_code == 400, response.content
    assert param in response.json()


def test_invoice_date_at_the_end_of_time_is_a_400_on_the_field(client, tenant):
    customer = CustomerFactory(tenant=tenant, payment_terms_days=30)
    payload = {
        "customer": customer.pk,
        "invoice_date": "9999-12-31",
        "lines": [
            {"product": ProductFactory(tenant=tenant).pk, "boxes": 5, "unit_price": "40.00", "price_unit": "case"}
        ],
    }
    response = client.post(reverse("invoice-list"), payload, format="json")
    assert response.status_code == 400, response.content
    assert "invoice_date" in response.json()


def po_payload(tenant, **line) -> dict:
    return {
        "supplier": SupplierFactory(tenant=tenant).pk,
        "order_date": "2026-11-02",
        "lines": [{"description": "Beef chuck roll 116A", "price_unit": "lb", **line}],
    }


def test_weight_times_price_overflowing_the_total_is_a_400(client, tenant):
    payload = po_payload(tenant, estimated_weight_lb="9999999999.99", unit_price="99999999.9999")
    response = client.post("/api/v1/purchase-orders/", payload, format="json")
    assert response.status_code == 400, response.content
    assert "lines" in response.json()
    assert not PurchaseOrder.objects.filter(tenant=tenant).exists()


def test_many_boxes_at_a_case_price_overflowing_the_total_is_a_400(client, tenant):
    payload = po_payload(tenant, price_unit="case", boxes=2_000_000_000, unit_price="99999.0000")
    response = client.post("/api/v1/purchase-orders/", payload, format="json")
    assert response.status_code == 400, response.content
    assert not PurchaseOrder.objects.filter(tenant=tenant).exists()


def test_negative_line_weight_is_a_400_on_the_field_not_a_409(client, tenant):
    payload = po_payload(tenant, estimated_weight_lb="-5.00", unit_price="4.2500")
    response = client.post("/api/v1/purchase-orders/", payload, format="json")
    assert response.status_code == 400, response.content
    assert "estimated_weight_lb" in json.dumps(response.json()["lines"]), response.json()
    assert not PurchaseOrderLine.objects.filter(tenant=tenant).exists()


def test_nul_character_in_tenant_settings_is_a_400(client, tenant):
    response = client.patch(f"/api/v1/tenants/{tenant.pk}/", {"settings": {"note": "a\u0000b"}}, format="json")
    assert response.status_code == 400, response.content
    assert "settings" in response.json()
    response = client.patch(f"/api/v1/tenants/{tenant.pk}/", {"settings": {"a\u0000": "b"}}, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "-5", True, [1]])
def test_ai_caps_must_be_non_negative_numbers(client, tenant, value):
    for key in ("ai_monthly_cap_usd", "ai_monthly_cap_tokens"):
        response = client.patch(f"/api/v1/tenants/{tenant.pk}/", {"settings": {key: value}}, format="json")
        assert response.status_code == 400, (key, value, response.content)
        assert key in json.dumps(response.json())


def test_valid_ai_caps_and_provider_are_kept(client, tenant):
    settings = {"ai_provider": "openai", "ai_monthly_cap_usd": "50", "ai_monthly_cap_tokens": 100000}
    response = client.patch(f"/api/v1/tenants/{tenant.pk}/", {"settings": settings}, format="json")
    assert response.status_code == 200, response.content
    tenant.refresh_from_db()
    assert tenant.settings == settings


def test_a_bad_cap_already_stored_does_not_break_ai(tenant):
    from apps.ai_assistant.services import check_monthly_cap, monthly_caps

    tenant.settings = {"ai_monthly_cap_usd": "abc", "ai_monthly_cap_tokens": "NaN"}
    tenant.save()
    assert monthly_caps(tenant) == {}
    check_monthly_cap(tenant)  # no exception: an unusable cap is ignored (and logged)


def upload(client, url, text: str, **params):
    file = io.BytesIO(text.encode())
    file.name = "import.csv"
    query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    return client.post(url + query, {"file": file}, format="multipart")


def test_csv_cell_over_the_field_limit_is_a_row_error(client, tenant):
    text = "code,name\nS1,Good\nS2," + "x" * 140_000 + "\nS3,Fine\n"
    response = upload(client, "/api/v1/suppliers/import/", text)
    assert response.status_code == 400, response.content[:300]
    errors = response.json()["errors"]
    assert any(error["row"] == 3 and "long" in error["error"] for error in errors), errors
    assert not Supplier.objects.filter(tenant=tenant).exists()


def test_unterminated_csv_quote_is_a_row_error_not_one_created_row(client, tenant):
    text = 'code,name\nS1,"Good\nS2,Other\nS3,Third\n'
    response = upload(client, "/api/v1/suppliers/import/", text)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["created"] == 0
    assert any(error["row"] == 2 and "quote" in error["error"] for error in body["errors"]), body
    assert not Supplier.objects.filter(tenant=tenant).exists()


def test_options_on_the_statement_send_action_is_not_a_500(client, tenant):
    customer = CustomerFactory(tenant=tenant)
    response = client.options(f"/api/v1/accounts-receivables/statement/{customer.pk}/send/")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "path",
    ["/api/v1/suppliers/", "/api/v1/purchase-orders/", "/api/v1/accounts-receivables/aging/", "/api/auth/me/"],
)
def test_browsable_api_renders_for_a_browser(client, path):
    response = client.get(path, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/html")


def test_browsable_api_detail_renders(client, tenant):
    supplier = SupplierFactory(tenant=tenant)
    response = client.get(f"/api/v1/suppliers/{supplier.pk}/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200, response.content[:500]
    assert supplier.name.encode() in response.content


@pytest.mark.parametrize("value", ["maybe", "yes please", "2"])
def test_garbage_boolean_filter_is_a_400(client, value):
    response = client.get("/api/v1/purchase-orders/", {"is_open": value})
    assert response.status_code == 400, response.content
    assert "is_open" in response.json()


@pytest.mark.parametrize("value", ["true", "false", "True", "1", "0"])
def test_boolean_filter_values_that_mean_something_work(client, value):
    assert client.get("/api/v1/purchase-orders/", {"is_open": value}).status_code == 200


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://evil")', "+1+cmd", "-2+3", "@SUM(A1)", "\tTab", "\rCR"])
def test_csv_export_escapes_formula_cells_and_import_takes_it_back(client, tenant, dangerous):
    SupplierFactory(tenant=tenant, code="S-1", name=dangerous + " Meats")
    response = client.get("/api/v1/suppliers/", {"format": "csv"})
    assert response.status_code == 200
    text = response_body(response).decode()
    assert "'" + dangerous[:4] in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["name"] == "'" + dangerous + " Meats"
    # Re-importing the export restores the original text.
    Supplier.objects.filter(tenant=tenant).update(name="Renamed")
    assert upload(client, "/api/v1/suppliers/import/", text).status_code == 200
    assert Supplier.objects.get(tenant=tenant, code="S-1").name == (dangerous + " Meats").strip()


def test_csv_export_keeps_plain_negative_numbers(tenant):
    from apps.core.csv_io import to_cell

    assert to_cell("-12.50") == "-12.50"
    assert to_cell("-") == "'-"
    assert to_cell("=1") == "'=1"
