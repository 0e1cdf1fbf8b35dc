"""The dashboard in the cross-tenant sweep: a router resource whose list is one tenant's figures. The sweep's
list check finds no rows of tenant B in it; test_dashboard.py checks that B's money is not in A's figures."""

from apps.accounts_receivables.tests.factories import PaymentFactory
from apps.core.testing.cases import ResourceCase, register

register(ResourceCase(basename="dashboard", factory=lambda tenant: PaymentFactory(tenant=tenant)))
