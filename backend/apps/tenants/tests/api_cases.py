"""Resource cases for the generic API tests: tenants (my memberships) and members."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.core.testing.factories import MembershipFactory
from apps.tenants.models import Invitation

_emails = itertools.count(1)

register(
    ResourceCase(
        basename="tenant",
        factory=lambda tenant: tenant,
        update_payload=lambda tenant: {"name": f"{tenant.name} (renamed)"},
        search_term=lambda tenant: tenant.name,
    ),
    ResourceCase(
        basename="member",
        factory=lambda tenant: MembershipFactory(tenant=tenant),
        update_payload=lambda membership: {"role": "manager"},
        search_term=lambda membership: membership.user.username,
        soft_delete=True,
    ),
)


def _invitation(tenant):
    from datetime import timedelta

    from django.utils import timezone

    from apps.tenants.invitations import hash_token

    number = next(_emails)
    return Invitation.objects.create(
        tenant=tenant,
        email=f"invited{number}@example.com",
        role="user",
        token_hash=hash_token(f"{tenant.pk}.case-{number}"),
        expires_at=timezone.now() + timedelta(days=7),
    )


register(
    ResourceCase(
        basename="invitation",
        factory=_invitation,
        create_payload=lambda tenant: {"email": f"invitee{next(_emails)}@example.com", "role": "manager"},
        search_term=lambda invitation: invitation.email,
    )
)
