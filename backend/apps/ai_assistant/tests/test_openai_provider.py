"""The OpenAI provider over real HTTP, against a local OpenAI-compatible server (see conftest.py)."""

import base64
import json

import pytest

from apps.ai_assistant.models import Document, UsageRecord
from apps.ai_assistant.schema import F, empty_extraction, empty_line

from .conftest import completion
from .factories import unique_pdf

pytestmark = pytest.mark.django_db


def model_extraction() -> dict:
    data = empty_extraction()
    data["document_type"] = F("purchase_order", 0.97)
    data["document_number"] = F("77-12345", 0.95)
    data["document_date"] = F("2026-03-14", 0.9)
    data["counterparty"]["name"] = F("Heartland Foods Distributors", 0.9)
    data["counterparty"]["role"] = F("customer", 0.9)
    line = empty_line()
    line.update(
        description=F("Beef Chuck Roll 116A Choice", 0.9),
        boxes=F(40, 0.9),
        weight_lb=F(2480.0, 0.9),
        unit_price=F(3.25, 0.9),
        price_unit=F("lb", 0.9),
        line_total=F(8060.0, 0.9),
    )
    data["line_items"] = [line]
    data["totals"]["total"] = F(8060.0, 0.9)
    return data


def upload(client):
    payload = {"file_name": "po.pdf", "content_base64": base64.b64encode(unique_pdf()).decode()}
    return client.post("/api/v1/ai-assistant/documents/", payload, format="json")


def test_structured_extraction_uses_strict_json_schema_and_records_usage(client, fake_openai):
    fake_openai.script = [completion(json.dumps(model_extraction()), prompt_tokens=900, completion_tokens=300)]
    response = upload(client)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "extracted", body["failure_reason"]
    assert body["provider"] == "openai" and body["model_name"] == "local-test-model"
    assert body["extraction"]["document_number"]["value"] == "77-12345"
    assert body["document_type"] == "purchase_order"
    sent = fake_openai.requests[0]
    assert sent["auth"] == "Bearer sk-local-test"
    assert sent["body"]["response_format"]["type"] == "json_schema"
    assert sent["body"]["response_format"]["json_schema"]["strict"] is True
    assert "<document>" in sent["body"]["messages"][1]["content"]  # the document goes in as data
    usage = UsageRecord.objects.get(document_id=body["id"])
    assert (usage.provider, usage.model_name, usage.tokens_in, usage.tokens_out) == (
        "openai",
        "local-test-model",
        900,
        300,
    )
    assert usage.estimated_cost > 0


def test_server_without_strict_schemas_gets_json_object_and_the_answer_is_validated(client, fake_openai):
    def reply(body):
        if body.get("response_format", {}).get("type") == "json_schema":
            return 400, {
                "error": {"message": "response_format json_schema is not supported", "type": "invalid_request_error"}
            }
        return completion(json.dumps(model_extraction()))

    fake_openai.script = [reply]
    body = upload(client).json()
    assert body["status"] == "extracted", body["failure_reason"]
    assert [r["body"]["response_format"]["type"] for r in fake_openai.requests] == ["json_schema", "json_object"]


def test_retries_after_429_and_503_then_succeeds(client, fake_openai):
    fake_openai.script = [
        (429, {"error": {"message": "rate limited", "type": "rate_limit"}}),
        (503, {"error": {"message": "overloaded"}}),
        completion(json.dumps(model_extraction())),
    ]
    body = upload(client).json()
    assert body["status"] == "extracted", body["failure_reason"]
    assert len(fake_openai.requests) == 3


def test_timeout_fails_the_document_with_a_reason(client, fake_openai, monkeypatch):
    monkeypatch.setenv("OPENAI_TIMEOUT", "0.3")
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "1")
    fake_openai.script = [("sleep", 1.5, completion(json.dumps(model_extraction())))]
    body = upload(client).json()
    assert body["status"] == "failed"
    assert "did not answer within 0.3 s" in body["failure_reason"]
    assert len(fake_openai.requests) == 2  # the first try and one retry


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Sure! Here is the data: {not json", "not JSON"),
        (
            json.dumps({"document_type": {"value": "purchase_order", "confidence": 0.9}}),
            "does not follow the extraction schema",
        ),
        (json.dumps({**model_extraction(), "document_type": {"value": "recipe", "confidence": 0.9}}), "not one of"),
    ],
)
def test_malformed_model_output_fails_the_document_and_saves_no_draft(client, fake_openai, content, reason):
    fake_openai.script = [completion(content)]
    body = upload(client).json()
    assert body["status"] == "failed"
    assert reason in body["failure_reason"]
    document = Document.objects.get(pk=body["id"])
    assert document.extraction == {} and document.matches == {}
    assert UsageRecord.objects.filter(document=document, succeeded=False).exists()


def test_retry_action_processes_a_failed_document_again(client, fake_openai):
    fake_openai.script = [completion("garbage"), completion(json.dumps(model_extraction()))]
    body = upload(client).json()
    assert body["status"] == "failed"
    retried = client.post(f"/api/v1/ai-assistant/documents/{body['id']}/retry/")
    assert retried.status_code == 200
    assert retried.json()["status"] == "extracted"
    assert retried.json()["attempts"] == 2


def test_chat_uses_function_calling_with_read_only_tools(world, fake_openai):
    from apps.purchase_orders.tests.factories import PurchaseOrderFactory
    from apps.tenants.models import Role
    from conftest import client_for

    tenant, users = world
    order = PurchaseOrderFactory(tenant=tenant)
    fake_openai.script = [
        completion(None, tool_calls=[("open_purchase_orders", {"supplier": order.supplier.name})]),
        lambda body: completion(
            f"You have 1 open PO: {json.loads(body['messages'][-1]['content'])['orders'][0]['number']}"
        ),
    ]
    client = client_for(users[Role.READONLY], tenant)
    session = client.post("/api/v1/ai-assistant/chat/sessions/", {"title": ""}, format="json").json()
    response = client.post(
        f"/api/v1/ai-assistant/chat/sessions/{session['id']}/messages/",
        {"content": "Open POs for that supplier?"},
        format="json",
    )
    assert response.status_code == 201, response.content
    answer = response.json()["answer"]
    assert answer["content"] == f"You have 1 open PO: {order.number}"
    assert answer["tool_calls"] == [{"name": "open_purchase_orders", "arguments": {"supplier": order.supplier.name}}]
    first = fake_openai.requests[0]["body"]
    assert {t["function"]["name"] for t in first["tools"]} >= {"search_orders", "ar_aging", "document_extraction"}
    assert fake_openai.requests[1]["body"]["messages"][-1]["role"] == "tool"
    usage = UsageRecord.objects.get(session_id=session["id"])
    assert usage.calls == 2 and usage.tokens_in == 240


def test_chat_falls_back_to_the_offline_router_when_the_model_is_down(world, fake_openai, monkeypatch):
    from apps.tenants.models import Role
    from conftest import client_for

    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    fake_openai.script = [(500, {"error": {"message": "internal error"}})]
    tenant, users = world
    client = client_for(users[Role.USER], tenant)
    session = client.post("/api/v1/ai-assistant/chat/sessions/", {}, format="json").json()
    response = client.post(
        f"/api/v1/ai-assistant/chat/sessions/{session['id']}/messages/", {"content": "AR aging"}, format="json"
    )
    assert response.status_code == 201
    answer = response.json()["answer"]
    assert answer["content"].startswith("(The AI model is unavailable: The AI provider answered 500")
    assert answer["tool_calls"][0]["name"] == "ar_aging" and answer["provider"] == "offline"


def test_two_readers_disagreeing_fields_are_marked_for_review(client, fake_openai):
    """A model configured: the model's draft is kept, and where the offline reader read the same field
    differently the field drops to confidence 0.5 with a warning naming both readings."""
    from apps.ai_assistant.families import build, render

    doc = build("ruled_po", 7)
    data, _ext = render(doc)
    answer = model_extraction()
    answer["document_number"] = F("99-99999", 0.95)  # not what the document prints
    answer["counterparty"]["name"] = F(doc.counterparty, 0.9)  # what it prints
    answer["document_date"] = F(doc.doc_date.isoformat(), 0.9)
    answer["line_items"] = []
    answer["totals"]["total"] = F(round(doc.total + 100, 2), 0.9)
    fake_openai.script = [completion(json.dumps(answer))]
    payload = {"file_name": "po.pdf", "content_base64": base64.b64encode(data).decode()}
    body = client.post("/api/v1/ai-assistant/documents/", payload, format="json").json()
    assert body["status"] == "extracted", body["failure_reason"]
    disagree = {w["field"]: w["message"] for w in body["warnings"] if w["code"] == "readers_disagree"}
    assert set(disagree) == {"document_number", "totals.total"}
    assert doc.number in disagree["document_number"] and "99-99999" in disagree["document_number"]
    assert body["extraction"]["document_number"] == {"value": "99-99999", "confidence": 0.5}
    assert body["extraction"]["counterparty"]["name"]["confidence"] == 0.9  # agreed: untouched
