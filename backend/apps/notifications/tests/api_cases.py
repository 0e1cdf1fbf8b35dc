"""Resource cases for the generic API tests: the caller's notifications and push devices."""

from apps.core.testing.cases import ResourceCase, register

from .factories import NotificationFactory, PushDeviceFactory, expo_token


def check_read_all(ctx, path, method) -> None:
    """Reading all in tenant A leaves tenant B's notification unread."""
    response = ctx.client.post(path)
    if response.status_code != 200:
        ctx.fail(f"POST {path}: {response.status_code}")
        return
    row = ctx.rows_b["notification"]
    row.refresh_from_db()
    if row.read_at is not None:
        ctx.fail(f"POST {path}: tenant B's notification was marked read")


register(
    ResourceCase(
        basename="notification",
        factory=lambda tenant: NotificationFactory(tenant=tenant),
        search_term=lambda notification: notification.title,
        extra_operations={"post read-all": check_read_all},
    ),
    ResourceCase(
        basename="push-device",
        factory=lambda tenant: PushDeviceFactory(tenant=tenant),
        create_payload=lambda tenant: {"token": expo_token(), "platform": "ios", "device_name": "Cab phone"},
    ),
)
