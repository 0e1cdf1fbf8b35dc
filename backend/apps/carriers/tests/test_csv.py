"""Carrier CSV import/export: dry-run report, all-or-nothing, update by code, export -> import round trip."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.carriers.models import Carrier
from apps.core.testing.api import response_body
from apps.core.testing.factories import member
from apps.tenants.models import Role
from conftest import client_for

from .factories import CarrierFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/carriers/"
IMPORT_URL = f"{URL}import/"
HEADER = "code,name,carrier_type,mc_number,dot_number,scac,insurance_expires_on,state,postal_code,rating\n"


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.MANAGER), tenant)


def upload(text: str) -> dict:
    return {"file": SimpleUploadedFile("carriers.csv", text.encode(), content_type="text/csv")}


def test_dry_run_reports_each_bad_row_and_field_and_writes_nothing(tenant, client):
    text = (
        HEADER
        + "HRX,Heartland Reefer Express,reefer_truck,MC 612874,1843350,hrxp,2030-01-31,KS,67801,5\n"
        + "BAD,Broken Carrier,spaceship,MC-12,1843350,HRXP,2030-01-31,KS,67801,9\n"
    )
    response = client.post(f"{IMPORT_URL}?dry_run=1", upload(text), format="multipart")
    assert response.status_code == 400
    report = response.json()
    assert report["dry_run"] is True and report["committed"] is False and report["total_rows"] == 2
    assert {(error["row"], error["field"]) for error in report["errors"]} == {
        (3, "carrier_type"),
        (3, "mc_number"),
        (3, "rating"),
    }
    assert not Carrier.objects.filter(tenant=tenant).exists()


def test_clean_dry_run_counts_rows_without_writing(tenant, client):
    text = HEADER + "HRX,Heartland Reefer Express,reefer_truck,MC 612874,1843350,hrxp,2030-01-31,KS,67801,5\n"
    response = client.post(f"{IMPORT_URL}?dry_run=1", upload(text), format="multipart")
    assert response.status_code == 200
    assert (response.json()["created"], response.json()["committed"]) == (1, False)
    assert not Carrier.objects.filter(tenant=tenant).exists()


def test_import_is_all_or_nothing(tenant, client):
    text = (
        HEADER
        + "HRX,Heartland Reefer Express,reefer_truck,MC 612874,1843350,hrxp,2030-01-31,KS,67801,5\n"
        + "PCC,Prime Cold Chain,reefer_truck,MC-778203,2390117,PCCL,2030-06-30,NE,68107,4\n"
        + "SSR,Sooner State Reefer,reefer_truck,MC-904418,301,SSRF,2030-06-30,OK,73533,3\n"
    )
    response = client.post(IMPORT_URL, upload(text), format="multipart")
    assert response.status_code == 400
    assert [(error["row"], error["field"]) for error in response.json()["errors"]] == [(4, "dot_number")]
    assert not Carrier.objects.filter(tenant=tenant).exists()


def test_import_normalises_numbers_and_reimport_updates_by_code(tenant, client):
    text = HEADER + "HRX,Heartland Reefer Express,reefer_truck,mc 612874,USDOT 1843350,hrxp,2030-01-31,KS,67801,5\n"
    first = client.post(IMPORT_URL, upload(text), format="multipart")
    assert first.status_code == 200, first.content
    carrier = Carrier.objects.get(tenant=tenant, code="HRX")
    assert (carrier.mc_number, carrier.dot_number, carrier.scac) == ("MC-612874", "1843350", "HRXP")

    again = client.post(IMPORT_URL, upload(text.replace("Express,", "Express LLC,")), format="multipart")
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["updated"]) == (0, 1)
    assert Carrier.objects.filter(tenant=tenant).count() == 1
    assert Carrier.objects.get(pk=carrier.pk).name == "Heartland Reefer Express LLC"


def test_export_then_import_recreates_identical_carriers(tenant, client):
    CarrierFactory(tenant=tenant, code="HRX", insurance_expires_on=None, rating=None, lanes="KS -> GA, FL")
    CarrierFactory(tenant=tenant, code="BNR", carrier_type="intermodal", reefer_capable=False, notes='Say "hi"')
    export = client.get(URL, {"format": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = response_body(export).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["code"] for row in rows} == {"HRX", "BNR"}
    assert "insurance_expired" in rows[0]
    before = {row["code"]: row for row in client.get(URL).json()["results"]}

    Carrier.objects.filter(tenant=tenant).delete()
    response = client.post(IMPORT_URL, upload(text), format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2

    after = {row["code"]: row for row in client.get(URL).json()["results"]}
    ignored = {"id", "created_at", "updated_at"}
    for code, row in before.items():
        assert {k: v for k, v in after[code].items() if k not in ignored} == {
            k: v for k, v in row.items() if k not in ignored
        }


def test_import_needs_manager_role(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    response = client.post(IMPORT_URL, upload(HEADER), format="multipart")
    assert response.status_code == 403
