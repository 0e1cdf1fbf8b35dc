"""Bug report status workflow (services) and who may file, read and change reports (API)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.bug_reports.models import BugReport, Status
from apps.bug_reports.services import change_status
from apps.core.exceptions import Conflict
from apps.core.testing.api import response_body
from apps.core.testing.factories import member
from apps.tenants.models import Role
from conftest import client_for

from .factories import BugReportFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/bug-reports/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def body(**overrides) -> dict:
    return {"title": "Totals wrong", "description": "The invoice total ignores freight.", **overrides}


# --- services -------------------------------------------------------------------------------------


def test_full_workflow_sets_resolved_at_when_resolved():
    report = BugReportFactory()
    admin = member(report.tenant, Role.ADMIN)
    for target in (Status.TRIAGED, Status.IN_PROGRESS):
        report = change_status(report, target, by=admin)
        assert report.resolved_at is None
    report = change_status(report, Status.RESOLVED, by=admin)
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert report.resolved_at is not None and report.resolved_by == admin


def test_wont_fix_sets_resolved_at_and_reopening_clears_it():
    report = change_status(BugReportFactory(), Status.WONT_FIX, by=None)
    assert report.resolved_at is not None
    report = change_status(report, Status.TRIAGED, by=None)
    report.refresh_from_db()
    assert report.status == Status.TRIAGED and report.resolved_at is None


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.NEW, Status.RESOLVED),
        (Status.NEW, Status.IN_PROGRESS),
        (Status.TRIAGED, Status.RESOLVED),
        (Status.RESOLVED, Status.WONT_FIX),
        (Status.WONT_FIX, Status.RESOLVED),
    ],
)
def test_illegal_transition_is_refused_with_409(start, target):
    report = BugReportFactory(status=start)
    with pytest.raises(Conflict) as raised:
        change_status(report, target, by=None)
    assert raised.value.status_code == 409
    report.refresh_from_db()
    assert report.status == start


# --- API: who may do what ------------------------------------------------------------------------


def test_readonly_member_may_file_a_report_and_becomes_its_reporter(tenant):
    readonly = member(tenant, Role.READONLY)
    response = client_for(readonly, tenant).post(URL, body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["reporter"]["id"] == readonly.pk
    assert data["status"] == "new"
    assert BugReport.objects.get(pk=data["id"]).reporter == readonly


def test_client_cannot_choose_the_reporter_or_start_in_another_status(tenant):
    user = member(tenant, Role.USER)
    someone_else = member(tenant, Role.OWNER)
    client = client_for(user, tenant)
    response = client.post(URL, body(reporter=someone_else.pk), format="json")
    assert response.status_code == 201
    assert response.json()["reporter"]["id"] == user.pk
    response = client.post(URL, body(status="resolved"), format="json")
    assert response.status_code == 400
    assert "status" in response.json()


def test_members_see_every_report_of_their_tenant_only(tenant, other_tenant):
    mine = BugReportFactory(tenant=tenant)
    colleagues = BugReportFactory(tenant=tenant)
    BugReportFactory(tenant=other_tenant)
    response = client_for(member(tenant, Role.READONLY), tenant).get(URL)
    assert {row["id"] for row in response.json()["results"]} == {mine.pk, colleagues.pk}


@pytest.mark.parametrize("role", [Role.READONLY, Role.USER, Role.MANAGER])
def test_status_change_below_admin_is_forbidden(tenant, role):
    report = BugReportFactory(tenant=tenant, reporter=member(tenant, role))
    response = client_for(report.reporter, tenant).patch(f"{URL}{report.pk}/", {"status": "triaged"}, format="json")
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_admin_moves_a_report_through_the_workflow(tenant):
    report = BugReportFactory(tenant=tenant)
    client = client_for(member(tenant, Role.ADMIN), tenant)
    for target in ("triaged", "in_progress"):
        assert client.patch(f"{URL}{report.pk}/", {"status": target}, format="json").status_code == 200
    response = client.patch(f"{URL}{report.pk}/", {"status": "resolved"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "resolved"
    assert response.json()["resolved_at"] is not None


def test_illegal_status_change_through_the_api_is_409_and_changes_nothing(tenant):
    report = BugReportFactory(tenant=tenant, severity="low")
    client = client_for(member(tenant, Role.ADMIN), tenant)
    response = client.patch(f"{URL}{report.pk}/", {"status": "resolved", "severity": "high"}, format="json")
    assert response.status_code == 409
    assert "cannot become resolved" in response.json()["detail"]
    report.refresh_from_db()
    assert (report.status, report.severity, report.resolved_at) == ("new", "low", None)


def test_resolved_at_cannot_be_written_by_the_client(tenant):
    report = BugReportFactory(tenant=tenant)
    client = client_for(member(tenant, Role.OWNER), tenant)
    client.patch(f"{URL}{report.pk}/", {"resolved_at": "2020-01-01T00:00:00Z"}, format="json")
    report.refresh_from_db()
    assert report.resolved_at is None


def test_status_filter(tenant):
    triaged = BugReportFactory(tenant=tenant, status=Status.TRIAGED)
    BugReportFactory(tenant=tenant)
    response = client_for(member(tenant, Role.USER), tenant).get(URL, {"status": "triaged"})
    assert [row["id"] for row in response.json()["results"]] == [triaged.pk]


def test_screen_size_is_normalised_or_refused(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    assert client.post(URL, body(screen_size="390 × 844"), format="json").json()["screen_size"] == "390x844"
    response = client.post(URL, body(screen_size="big"), format="json")
    assert response.status_code == 400 and "screen_size" in response.json()


# --- screenshots ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "content_type"), [(PNG, "image/png"), (JPEG, "image/jpeg")])
def test_png_or_jpeg_screenshot_is_stored_and_served_to_members(tenant, content, content_type):
    client = client_for(member(tenant, Role.USER), tenant)
    upload = SimpleUploadedFile("my screen.img", content, content_type="application/octet-stream")
    response = client.post(URL, {**body(), "screenshot": upload}, format="multipart")
    assert response.status_code == 201, response.content
    url = response.json()["screenshot_url"]
    assert url.endswith(f"/api/v1/bug-reports/{response.json()['id']}/screenshot/")
    image = client.get(url)
    assert image.status_code == 200
    assert image["Content-Type"] == content_type
    assert b"".join(image.streaming_content) == content


def test_screenshot_that_is_not_png_or_jpeg_is_a_400(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    fake = SimpleUploadedFile("shot.png", b"GIF89a" + b"\x00" * 32, content_type="image/png")
    response = client.post(URL, {**body(), "screenshot": fake}, format="multipart")
    assert response.status_code == 400
    assert response.json()["screenshot"] == ["The screenshot must be a PNG or JPEG image."]
    assert not BugReport.objects.exists()


def test_screenshot_over_5_mb_is_a_400(tenant):
    client = client_for(member(tenant, Role.USER), tenant)
    big = SimpleUploadedFile("shot.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post(URL, {**body(), "screenshot": big}, format="multipart")
    assert response.status_code == 400
    assert "limit is 5 MB" in response.json()["screenshot"][0]


def test_screenshot_of_another_tenant_is_not_found(tenant, other_tenant):
    theirs = BugReportFactory(tenant=other_tenant, screenshot=SimpleUploadedFile("s.png", PNG))
    response = client_for(member(tenant, Role.OWNER), tenant).get(f"{URL}{theirs.pk}/screenshot/")
    assert response.status_code == 404


def test_report_without_screenshot_has_no_url_and_404s(tenant):
    report = BugReportFactory(tenant=tenant)
    client = client_for(member(tenant, Role.USER), tenant)
    assert client.get(f"{URL}{report.pk}/").json()["screenshot_url"] is None
    assert client.get(f"{URL}{report.pk}/screenshot/").status_code == 404


# --- CSV -----------------------------------------------------------------------------------------


def test_reports_export_to_csv_but_are_not_imported(tenant):
    BugReportFactory(tenant=tenant, title="Totals wrong on invoice PDF")
    client = client_for(member(tenant, Role.OWNER), tenant)
    export = client.get(URL, {"format": "csv"})
    assert export.status_code == 200
    content = response_body(export)
    assert "Totals wrong on invoice PDF" in content.decode()
    upload = SimpleUploadedFile("reports.csv", content, content_type="text/csv")
    response = client.post(f"{URL}import/", {"file": upload}, format="multipart")
    assert response.status_code == 405  # no import route: POST lands on a detail URL
    assert BugReport.objects.filter(tenant=tenant).count() == 1
