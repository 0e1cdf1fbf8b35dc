"""Resource cases for the generic API tests: tenants (my memberships) and members."""

import itertools

from apps.core.testing.cases import ResourceCase, register
from apps.core.testing.factories import MembershipFactory

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
        read_back_from={"email": "user.email"},
        factory=lambda tenant: MembershipFactory(tenant=tenant),
        create_payload=lambda tenant: {"email": f"new.member{next(_emails)}@example.com", "role": "user"},
        update_payload=lambda membership: {"role": "manager"},
        search_term=lambda membership: membership.user.username,
        soft_delete=True,
    ),
)
