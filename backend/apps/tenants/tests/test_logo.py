"""The brokerage logo: the owner uploads, replaces and removes it through the API; a file that is not a PNG or
JPEG, is over 1 MB, or is too small or too large in pixels is refused (400, a message on `logo`, nothing
stored); any member reads it back; it is kept through Django's storage (here a temporary media folder)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role, Tenant
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (240, 80), colour=(159, 29, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=kind)
    return buffer.getvalue()


def upload(data: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def tenant():
    return TenantFactory(name="Prime Cut Brokerage")


@pytest.fixture
def owner(tenant):
    return client_for(member(tenant, Role.OWNER), tenant)


def url(tenant) -> str:
    return f"/api/v1/tenants/{tenant.pk}/logo/"


def image_url(tenant) -> str:
    return f"/api/v1/tenants/{tenant.pk}/logo/image/"


def test_the_owner_uploads_replaces_and_removes_the_logo(tenant, owner):
    png = image_bytes()
    response = owner.post(url(tenant), {"logo": upload(png)}, format="multipart")
    assert response.status_code == 200, response.content
    first_url = response.json()["logo_url"]
    assert first_url.startswith(image_url(tenant) + "?v=")
    stored = Tenant.objects.get(pk=tenant.pk).logo
    assert stored.name.startswith(f"tenant-logos/{tenant.pk}/") and stored.name.endswith(".png")
    assert owner.get(f"/api/v1/tenants/{tenant.pk}/").json()["logo_url"] == first_url

    # Any member reads it back, byte for byte, in its type.
    reader = client_for(member(tenant, Role.READONLY), tenant)
    served = reader.get(image_url(tenant))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png

    jpeg = image_bytes("JPEG", (300, 300))
    replaced = owner.post(url(tenant), {"logo": upload(jpeg, "new.jpg", "image/jpeg")}, format="multipart")
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["logo_url"] != first_url
    assert not stored.storage.exists(stored.name), "the replaced file is removed from storage"
    assert reader.get(image_url(tenant))["Content-Type"] == "image/jpeg"

    assert owner.delete(url(tenant)).status_code == 204
    assert owner.get(f"/api/v1/tenants/{tenant.pk}/").json()["logo_url"] is None
    assert reader.get(image_url(tenant)).status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"GIF89a" + b"\x00" * 200, "logo.png", "must be a PNG or JPEG"),  # a GIF named .png: judged by content
        (b"%PDF-1.4 not an image at all", "logo.pdf", "must be a PNG or JPEG"),
        ("gif", "logo.gif", "not GIF"),  # a real image, of another type
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 10), "big.png", "at most 1 MB"),
        ("tiny", "tiny.png", "between 16 and 4000 pixels"),
        ("huge", "huge.png", "between 16 and 4000 pixels"),
    ],
)
def test_a_bad_logo_is_a_400_on_the_logo_field_and_nothing_is_stored(tenant, owner, data, name, message):
    if data == "gif":
        buffer = io.BytesIO()
        Image.new("RGB", (100, 40)).save(buffer, format="GIF")
        data = buffer.getvalue()
    elif data == "tiny":
        data = image_bytes(size=(12, 40))
    elif data == "huge":
        data = image_bytes(size=(4200, 100))
    response = owner.post(url(tenant), {"logo": upload(data, name)}, format="multipart")
    assert response.status_code == 400, response.content
    assert message in response.json()["logo"][0], response.json()
    assert not Tenant.objects.get(pk=tenant.pk).logo


def test_a_missing_file_is_a_field_error(tenant, owner):
    response = owner.post(url(tenant), {}, format="multipart")
    assert response.status_code == 400
    assert "logo" in response.json()


def test_only_the_owner_changes_the_logo(tenant):
    admin = client_for(member(tenant, Role.ADMIN), tenant)
    response = admin.post(url(tenant), {"logo": upload(image_bytes())}, format="multipart")
    assert response.status_code == 403
    assert "owner" in response.json()["detail"]
    assert admin.delete(url(tenant)).status_code == 403
    assert not Tenant.objects.get(pk=tenant.pk).logo


def test_another_tenants_logo_is_not_reachable(tenant, owner):
    other = TenantFactory()
    assert owner.get(image_url(other)).status_code == 404
    assert owner.post(url(other), {"logo": upload(image_bytes())}, format="multipart").status_code == 404
