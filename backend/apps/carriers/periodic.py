"""Carrier insurance warnings on the beat schedule (apps.core.periodic): a carrier whose insurance expires within
`carrier_insurance_warning_days` (Tenant.settings, default 30) gets one warning while it is expiring and one once
it has expired (it can take no new loads then, apps/carriers/services.py): an in-app notification and an e-mail to
the tenant's managers, admins and owners. On unless the tenant sets `carrier_insurance_warnings: false`. Keyed by
carrier, expiry date and stage, so a renewed policy (a new date) is warned about afresh and nothing twice."""

from __future__ import annotations

import datetime

from apps.core.delivery import already_sent, send_document_once
from apps.core.periodic import tenant_setting

DEFAULT_WARNING_DAYS = 30


def staff(tenant):
    """Active members of the tenant who manage carriers (manager and above)."""
    from apps.tenants.models import ROLE_RANK, Role, TenantUser

    roles = [role for role in Role if ROLE_RANK[role] >= ROLE_RANK[Role.MANAGER]]
    memberships = TenantUser.objects.filter(tenant=tenant, is_active=True, role__in=roles, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user").order_by("pk")]


def insurance_warnings_for(tenant, today: datetime.date) -> int:
    from apps.notifications.services import notify

    from .models import Carrier

    if tenant_setting(tenant, "carrier_insurance_warnings", True) is False:
        return 0
    days = int(tenant_setting(tenant, "carrier_insurance_warning_days") or DEFAULT_WARNING_DAYS)
    carriers = (
        Carrier.objects.for_tenant(tenant)
        .filter(is_active=True, insurance_expires_on__lte=today + datetime.timedelta(days=days))
        .order_by("insurance_expires_on", "pk")
    )
    users = staff(tenant)
    recipients = list(dict.fromkeys(user.email for user in users if user.email))
    sent = 0
    for carrier in carriers:
        expires = carrier.insurance_expires_on
        stage = "expired" if expires < today else "expiring"
        key = f"insurance:{carrier.pk}:{expires.isoformat()}:{stage}"
        if already_sent(tenant.pk, key) or not recipients:
            continue
        if stage == "expired":
            title = f"{carrier.name} ({carrier.code}): insurance expired on {expires.isoformat()}"
            body = "The carrier can take no new loads until the renewed policy's expiry date is recorded."
        else:
            left = (expires - today).days
            title = f"{carrier.name} ({carrier.code}): insurance expires on {expires.isoformat()} ({left} days)"
            body = "Ask the carrier for the renewed certificate and record its new expiry date."
        policy = " ".join(part for part in (carrier.insurance_provider, carrier.insurance_policy_number) if part)
        delivery = send_document_once(
            key,
            document_obj=carrier,
            kind="insurance_warning",
            to=recipients,
            subject=title,
            body=f"{title}.\n{f'Policy: {policy}.' if policy else ''}\n{body}\n\n{tenant.name}",
        )
        if delivery is not None:
            notify(
                tenant=tenant, users=users, kind=f"carrier.insurance_{stage}", title=title, body=body, target=carrier
            )
            sent += 1
    return sent
