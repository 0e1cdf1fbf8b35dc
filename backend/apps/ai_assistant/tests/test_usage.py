"""Usage per tenant, provider and model, readable by admins; the optional monthly cap answers 429."""

import base64
from decimal import Decimal

import pytest

from apps.ai_assistant.models import UsageRecord
from apps.tenants.models import Role
from conftest import client_for

from .factories import UsageRecordFactory, unique_pdf

pytestmark = pytest.mark.django_db
USAGE = "/api/v1/ai-assistant/usage/"


def test_usage_is_for_admins_and_summarised_per_provider_and_model(world):
    tenant, users = world
    UsageRecordFactory(
        tenant=tenant,
        provider="openai",
        model_name="gpt-4o-mini",
        tokens_in=1000,
        tokens_out=200,
        estimated_cost=Decimal("0.000270"),
    )
    UsageRecordFactory(
        tenant=tenant,
        provider="openai",
        model_name="gpt-4o-mini",
        tokens_in=500,
        tokens_out=100,
        estimated_cost=Decimal("0.000135"),
    )
    UsageRecordFactory(tenant=tenant, provider="offline", model_name="rules-v1", tokens_in=0, tokens_out=0)
    assert client_for(users[Role.MANAGER], tenant).get(USAGE).status_code == 403
    admin = client_for(users[Role.ADMIN], tenant)
    assert admin.get(USAGE).json()["count"] == 3
    summary = admin.get(f"{USAGE}summary/").json()
    rows = {(r["provider"], r["model_name"]): r for r in summary["rows"]}
    assert rows[("openai", "gpt-4o-mini")]["calls"] == 2
    assert rows[("openai", "gpt-4o-mini")]["tokens_in"] == 1500
    assert Decimal(str(rows[("openai", "gpt-4o-mini")]["estimated_cost"])) == Decimal("0.000405")
    assert rows[("offline", "rules-v1")]["tokens_out"] == 0


def test_offline_extraction_and_chat_are_recorded_at_zero_cost(world, client):
    client.post(
        "/api/v1/ai-assistant/documents/",
        {"file_name": "po.pdf", "content_base64": base64.b64encode(unique_pdf()).decode()},
        format="json",
    )
    record = UsageRecord.objects.get()
    assert (record.provider, record.operation, record.estimated_cost) == ("offline", "extraction", 0)


def test_monthly_cap_reached_answers_429_for_uploads_and_chat(world, client):
    tenant, users = world
    tenant.settings = {"ai_monthly_cap_usd": "1.00"}
    tenant.save()
    UsageRecordFactory(tenant=tenant, estimated_cost=Decimal("1.20"))
    response = client.post(
        "/api/v1/ai-assistant/documents/",
        {"file_name": "po.pdf", "content_base64": base64.b64encode(unique_pdf()).decode()},
        format="json",
    )
    assert response.status_code == 429
    assert "budget" in response.json()["detail"]
    session = client.post("/api/v1/ai-assistant/chat/sessions/", {}, format="json").json()
    chat = client.post(
        f"/api/v1/ai-assistant/chat/sessions/{session['id']}/messages/", {"content": "AR aging"}, format="json"
    )
    assert chat.status_code == 429


def test_provider_choice_follows_tenant_setting_then_environment(world, monkeypatch):
    from apps.ai_assistant.providers import provider_name_for

    tenant, _ = world
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert provider_name_for(tenant) == "offline"
    tenant.settings = {"ai_provider": "openai"}
    assert provider_name_for(tenant) == "offline"  # no key: offline serves
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert provider_name_for(tenant) == "openai"
    tenant.settings = {"ai_provider": "offline"}
    assert provider_name_for(tenant) == "offline"
    tenant.settings = {}
    monkeypatch.setenv("AI_PROVIDER", "offline")
    assert provider_name_for(tenant) == "offline"
