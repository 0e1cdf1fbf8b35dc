"""Notifications: the caller's own list, read / read-all, push-device registration (idempotent per token),
and pushing through a local server speaking Expo's push protocol."""

import pytest
from django.db import transaction

from apps.core.testing.factories import member
from apps.loads.tests.factories import LoadFactory
from apps.notifications.models import Notification, PushDevice, PushStatus
from apps.notifications.services import notify
from apps.tenants.models import Role
from conftest import client_for

from .expo_server import ExpoPushServer
from .factories import PushDeviceFactory

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/notifications/"
DEVICES = "/api/v1/push-devices/"
TOKEN = "ExponentPushToken[abcdefghij0123456789]"


def test_list_is_own_newest_first_and_read_state(tenant, other_tenant):
    me, colleague = member(tenant, Role.READONLY), member(tenant, Role.USER)
    member(other_tenant, Role.USER)
    load = LoadFactory(tenant=tenant)
    first = notify(tenant=tenant, users=[me], kind="load.accepted", title="first", target=load)[0]
    notify(tenant=tenant, users=[me, colleague, None], kind="document.processed", title="second")
    notify(tenant=other_tenant, users=[me], kind="x", title="not a member there")  # skipped: not a member
    client = client_for(me, tenant)
    rows = client.get(URL).json()["results"]
    assert [row["title"] for row in rows] == ["second", "first"]
    assert rows[1]["url"] == f"/loads/{load.pk}" and rows[1]["target_type"] == "loads.load"
    assert client.post(f"{URL}{first.pk}/read/").json()["read"] is True
    assert [row["title"] for row in client.get(URL, {"unread": "true"}).json()["results"]] == ["second"]
    assert client.post(f"{URL}read-all/").json() == {"marked": 1}
    assert client.get(URL, {"unread": "true"}).json()["results"] == []
    # The colleague's copy stays unread; nobody reads another member's notification.
    other = Notification.objects.get(user=colleague)
    assert other.read_at is None
    assert client.post(f"{URL}{other.pk}/read/").status_code == 404
    assert not Notification.objects.filter(tenant=other_tenant).exists()


def test_push_device_registration_is_idempotent_per_token(tenant):
    me, colleague = member(tenant, Role.READONLY), member(tenant, Role.USER)
    client = client_for(me, tenant)
    body = {"token": TOKEN, "platform": "android", "device_name": "Pixel 8"}
    first = client.post(DEVICES, body, format="json")
    assert first.status_code == 201, first.content
    again = client.post(DEVICES, {**body, "device_name": "Pixel 8 (dock)"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert PushDevice.objects.get().device_name == "Pixel 8 (dock)"
    # The phone changes hands: the row follows the member who registered last.
    moved = client_for(colleague, tenant).post(DEVICES, body, format="json")
    assert moved.status_code == 200 and PushDevice.objects.get().user == colleague
    assert client.get(DEVICES).json()["results"] == []
    assert client.post(DEVICES, {**body, "token": "not-a-token"}, format="json").status_code == 400
    assert client.post(DEVICES, {**body, "platform": "palm"}, format="json").status_code == 400
    device_id = moved.json()["id"]
    assert client.delete(f"{DEVICES}{device_id}/").status_code == 404  # not mine
    assert client_for(colleague, tenant).delete(f"{DEVICES}{device_id}/").status_code == 204


def test_push_goes_through_expo_after_commit(tenant, settings):
    me, colleague = member(tenant, Role.USER), member(tenant, Role.USER)
    phone = PushDeviceFactory(tenant=tenant, user=me, token=TOKEN)
    gone = PushDeviceFactory(tenant=tenant, user=me)
    PushDeviceFactory(tenant=tenant, user=colleague)
    with ExpoPushServer() as expo:
        settings.EXPO_PUSH_URL, settings.EXPO_ACCESS_TOKEN = expo.url, "expo-secret"
        expo.unregistered.add(gone.token)
        with transaction.atomic():
            notification = notify(
                tenant=tenant, users=[me], kind="document.processed", title="BOL read", body="3 lines"
            )[0]
            assert expo.requests == []  # nothing leaves before the change commits
        assert [m["to"] for m in expo.messages] == [phone.token, gone.token]
        message = expo.messages[0]
        assert (message["title"], message["body"], message["data"]["notification_id"]) == (
            "BOL read",
            "3 lines",
            notification.pk,
        )
        assert expo.requests[0]["headers"]["Authorization"] == "Bearer expo-secret"
    notification.refresh_from_db()
    assert notification.push_status == PushStatus.SENT and "DeviceNotRegistered" in notification.push_error
    gone.refresh_from_db()
    phone.refresh_from_db()
    assert not gone.is_active and phone.is_active


def test_rolled_back_change_pushes_nothing_and_expo_down_is_recorded(tenant, settings):
    me = member(tenant, Role.USER)
    PushDeviceFactory(tenant=tenant, user=me, token=TOKEN)
    with ExpoPushServer() as expo:
        settings.EXPO_PUSH_URL = expo.url
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(tenant=tenant, users=[me], kind="x", title="never")
            raise RuntimeError("the change failed")
        assert expo.requests == [] and not Notification.objects.exists()
        expo.fail_with = 503
        notification = notify(tenant=tenant, users=[me], kind="x", title="Expo is down")[0]
    notification.refresh_from_db()
    assert notification.push_status == PushStatus.FAILED and "503" in notification.push_error


def test_push_off_when_not_configured(tenant, settings):
    me = member(tenant, Role.USER)
    PushDeviceFactory(tenant=tenant, user=me, token=TOKEN)
    with ExpoPushServer() as expo:
        settings.EXPO_PUSH_URL = ""
        notification = notify(tenant=tenant, users=[me], kind="x", title="in-app only")[0]
        assert expo.requests == []
    notification.refresh_from_db()
    assert notification.push_status == PushStatus.NONE
