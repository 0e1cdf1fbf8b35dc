"""notify(): the one way any app tells members about an event (in-app list, and Expo push when configured).

    from apps.notifications.services import notify
    notify(tenant=load.tenant, users=[load.assigned_to], kind="load.accepted", title="LD-2026-000042 accepted",
           target=load)

Rows are written in the caller's transaction; the push is sent after it commits (a Celery task, eager when no
broker is configured), so a rolled-back change never pushes and a push failure never breaks the caller."""

from collections.abc import Iterable

from django.db import transaction

from apps.tenants.models import TenantUser

from .models import Notification, PushDevice

# Where a target opens in the web app: model label -> path prefix (the web app's routes).
WEB_PATHS = {
    "loads.load": "/loads/",
    "purchase_orders.purchaseorder": "/purchase-orders/",
    "sales_orders.salesorder": "/sales-orders/",
    "invoices.invoice": "/invoices/",
    "ai_assistant.document": "/assistant/documents/",
    "suppliers.supplier": "/suppliers/",
    "customers.customer": "/customers/",
    "carriers.carrier": "/carriers/",
}


def web_path(target) -> str:
    if target is None:
        return ""
    prefix = WEB_PATHS.get(target._meta.label_lower)
    return f"{prefix}{target.pk}" if prefix else ""


def notify(*, tenant, users: Iterable, kind: str, title: str, body: str = "", target=None) -> list[Notification]:
    """One notification per distinct active member of `tenant` among `users` (None and non-members skipped)."""
    wanted = {user.pk for user in users if user is not None}
    if not wanted:
        return []
    members = TenantUser.objects.filter(tenant=tenant, user_id__in=wanted, is_active=True).values_list(
        "user_id", flat=True
    )
    target_type = target._meta.label_lower if target is not None else ""
    target_id = target.pk if target is not None else None
    rows = [
        Notification(
            tenant=tenant,
            user_id=user_id,
            kind=kind[:50],
            title=title[:200],
            body=body,
            target_type=target_type,
            target_id=target_id,
            url=web_path(target),
        )
        for user_id in sorted(set(members))
    ]
    # One INSERT per row (not bulk_create): SQLite returns no primary keys from a bulk insert here.
    for row in rows:
        row.save()
    if rows:
        from .push import push_enabled

        if push_enabled():
            ids = [row.pk for row in rows]
            transaction.on_commit(lambda: _enqueue_push(tenant.pk, ids))
    return rows


def _enqueue_push(tenant_id: int, notification_ids: list[int]) -> None:
    from .tasks import push_notifications_task

    push_notifications_task.delay(tenant_id, notification_ids)


def register_device(*, tenant, user, token: str, platform: str, device_name: str = "") -> tuple[PushDevice, bool]:
    """Idempotent per token within the tenant: the same token again updates the row (and moves it to this
    user: a phone changed hands or another member signed in on it). Returns (device, created)."""
    device = PushDevice.objects.select_for_update().filter(tenant=tenant, token=token).first()
    if device is None:
        device = PushDevice.objects.create(
            tenant=tenant, created_by=user, user=user, token=token, platform=platform, device_name=device_name
        )
        return device, True
    device.user = user
    device.platform = platform
    device.device_name = device_name
    device.is_active = True
    device.last_error = ""
    device.save()
    return device, False


def mark_read(notifications) -> int:
    from django.utils import timezone

    return notifications.filter(read_at__isnull=True).update(read_at=timezone.now())


def deliver_push(notification_ids: list[int]) -> None:
    """Send the notifications to their members' active devices; record the outcome on each notification and
    switch off devices Expo says are gone. Raises PushUnavailable when Expo cannot be reached (retry)."""
    from .models import PushStatus
    from .push import send_messages

    notifications = list(Notification.objects.filter(pk__in=notification_ids).exclude(push_status=PushStatus.SENT))
    if not notifications:
        return
    devices: dict[int, list[PushDevice]] = {}
    for device in PushDevice.objects.filter(
        tenant_id=notifications[0].tenant_id, user_id__in={n.user_id for n in notifications}, is_active=True
    ).order_by("pk"):
        devices.setdefault(device.user_id, []).append(device)
    messages, pairs = [], []
    for notification in notifications:
        for device in devices.get(notification.user_id, []):
            messages.append(
                {
                    "to": device.token,
                    "title": notification.title,
                    "body": notification.body,
                    "sound": "default",
                    "data": {
                        "notification_id": notification.pk,
                        "kind": notification.kind,
                        "target_type": notification.target_type,
                        "target_id": notification.target_id,
                    },
                }
            )
            pairs.append((notification, device))
    if not messages:
        return
    tickets = send_messages(messages)
    outcome: dict[int, list[str]] = {}
    for (notification, device), ticket in zip(pairs, tickets, strict=True):
        errors = outcome.setdefault(notification.pk, [])
        if ticket.ok:
            continue
        errors.append(f"{device}: {ticket.error} {ticket.message}".strip())
        if ticket.error == "DeviceNotRegistered":
            device.is_active = False
            device.last_error = ticket.message or ticket.error
            device.save(update_fields=["is_active", "last_error", "updated_at"])
    for notification in notifications:
        if notification.pk not in outcome:
            continue
        errors = outcome[notification.pk]
        sent_any = len(errors) < len(devices.get(notification.user_id, []))
        notification.push_status = PushStatus.SENT if sent_any else PushStatus.FAILED
        notification.push_error = "\n".join(errors)
        notification.save(update_fields=["push_status", "push_error", "updated_at"])
