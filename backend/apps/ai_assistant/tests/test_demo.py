"""The demo seeder is idempotent: two documents with drafts and one chat, however often it runs."""

import pytest

from apps.ai_assistant import demo
from apps.ai_assistant.models import ChatMessage, Document
from apps.core.testing.factories import TenantFactory, member
from apps.tenants.models import Role


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    tenant = TenantFactory()
    users = {role: member(tenant, role) for role in Role}
    demo.seed(tenant, users)
    demo.seed(tenant, users)
    assert Document.objects.filter(tenant=tenant, status="extracted").count() == 2
    assert ChatMessage.objects.filter(tenant=tenant).count() == 2
