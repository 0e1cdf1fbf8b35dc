"""Optimistic concurrency (CONTRACTS C5): ETag on detail reads and writes, If-Match honoured on every
tenant-owned resource, the lost update of the issue refused with 412 and the first edit kept."""

import pytest

from apps.core.testing.api import detail_url, tenant_resources
from apps.core.testing.cases import CASES, load_cases
from apps.core.testing.factories import member
from apps.purchase_orders.models import PurchaseOrder
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role, TenantUser
from conftest import client_for

pytestmark = pytest.mark.django_db

load_cases()
RESOURCES = {basename: viewset for _, viewset, basename in tenant_resources()}


def put_body(response) -> dict:
    """What a client that read the order sends back in a PUT: the writable fields of its copy."""
    body = response.json()
    keep = {
        "supplier",
        "plant",
        "order_date",
        "pickup_date",
        "delivery_date",
        "freight_terms",
        "notes",
        "currency",
        "supplier_confirmation_number",
    }
    lines = [
        {
            k: v
            for k, v in line.items()
            if k in {"description", "price_unit", "unit_price", "boxes", "estimated_weight_lb"}
        }
        for line in body["lines"]
    ]
    return {**{k: v for k, v in body.items() if k in keep}, "lines": lines}


def test_the_lost_update_is_refused_and_the_first_edit_kept(tenant):
    order = PurchaseOrderFactory(tenant=tenant, notes="")
    alice = member(tenant, Role.USER, first_name="Alice", last_name="Buyer")
    bob = member(tenant, Role.USER, first_name="Bob", last_name="Late")
    a, b = client_for(alice, tenant), client_for(bob, tenant)
    url = f"/api/v1/purchase-orders/{order.pk}/"

    a_read, b_read = a.get(url), b.get(url)
    assert a_read["ETag"] and a_read["ETag"] == b_read["ETag"]

    a_write = a.patch(
        url, {"notes": "Dock 4, call ahead", "pickup_date": "2026-12-09"}, format="json", HTTP_IF_MATCH=a_read["ETag"]
    )
    assert a_write.status_code == 200, a_write.content
    assert a_write["ETag"] != a_read["ETag"]
    assert a.get(url)["ETag"] == a_write["ETag"]  # the write's ETag is the version a new read sees

    stale = put_body(b_read)
    stale["notes"] = "Bob's note"
    b_write = b.put(url, stale, format="json", HTTP_IF_MATCH=b_read["ETag"])
    assert b_write.status_code == 412, b_write.content
    body = b_write.json()
    assert body["code"] == "stale"
    assert body["changed_by"] == "Alice Buyer"
    assert "Alice Buyer" in body["detail"]
    assert body["changed_at"]
    assert body["current"]["notes"] == "Dock 4, call ahead"
    assert body["current"]["id"] == order.pk

    order.refresh_from_db()
    assert (order.notes, str(order.pickup_date)) == ("Dock 4, call ahead", "2026-12-09")

    # Bob reloads (the new ETag) and overwrites on purpose: accepted.
    fresh = b.get(url)
    again = b.put(url, {**put_body(fresh), "notes": "Bob's note"}, format="json", HTTP_IF_MATCH=fresh["ETag"])
    assert again.status_code == 200, again.content
    assert PurchaseOrder.objects.get(pk=order.pk).notes == "Bob's note"


def test_writes_without_if_match_stay_accepted_and_star_matches(tenant):
    supplier = SupplierFactory(tenant=tenant)
    client = client_for(member(tenant, Role.MANAGER), tenant)
    url = f"/api/v1/suppliers/{supplier.pk}/"
    assert client.patch(url, {"notes": "one"}, format="json").status_code == 200
    assert client.patch(url, {"notes": "two"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    weak = "W/" + client.get(url)["ETag"]
    assert client.patch(url, {"notes": "three"}, format="json", HTTP_IF_MATCH=weak).status_code == 200


def test_stale_delete_is_refused_and_nothing_deleted(tenant):
    supplier = SupplierFactory(tenant=tenant)
    client = client_for(member(tenant, Role.MANAGER), tenant)
    url = f"/api/v1/suppliers/{supplier.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"notes": "changed"}, format="json").status_code == 200
    response = client.delete(url, HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["current"]["notes"] == "changed"
    supplier.refresh_from_db()
    assert supplier.is_active if hasattr(supplier, "is_active") else True


def test_a_stale_workflow_action_is_refused(tenant):
    order = PurchaseOrderFactory(tenant=tenant)
    client = client_for(member(tenant, Role.MANAGER), tenant)
    url = f"/api/v1/purchase-orders/{order.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"notes": "changed"}, format="json").status_code == 200
    response = client.post(f"{url}cancel/", {"reason": "Supplier out of stock"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412, response.content
    order.refresh_from_db()
    assert order.status != "cancelled"


@pytest.mark.parametrize("basename", sorted(b for b, v in RESOURCES.items() if hasattr(v, "retrieve")))
def test_every_tenant_resource_has_an_etag_and_honours_if_match(basename, tenant):
    case = CASES[basename]
    row = case.factory(tenant=tenant)
    client = client_for(member(tenant, Role.OWNER), tenant)
    url = detail_url(basename, row.pk)
    read = client.get(url)
    if read.status_code == 404 and getattr(row, "user", None) is not None:  # a row only its own user sees
        TenantUser.objects.get_or_create(tenant=tenant, user=row.user, defaults={"role": Role.OWNER})
        client = client_for(row.user, tenant)
        read = client.get(url)
    assert read.status_code == 200, read.content
    assert read["ETag"].startswith('"') and read["ETag"].endswith('"'), basename
    viewset = RESOURCES[basename]
    if hasattr(viewset, "partial_update") and case.update_payload is not None:
        stale = client.patch(url, case.update_payload(row), format="json", HTTP_IF_MATCH='"1"')
        assert stale.status_code == 412, (basename, stale.status_code, stale.content[:300])
        assert stale.json()["current"]["id"] == row.pk
        ok = client.patch(url, case.update_payload(row), format="json", HTTP_IF_MATCH=read["ETag"])
        assert ok.status_code == 200, (basename, ok.content[:300])
        assert ok["ETag"] and ok["ETag"] == client.get(url)["ETag"]
    elif hasattr(viewset, "destroy"):
        stale = client.delete(url, HTTP_IF_MATCH='"1"')
        assert stale.status_code == 412, (basename, stale.status_code, stale.content[:300])


def test_tenant_settings_are_protected_too(tenant):
    client = client_for(member(tenant, Role.OWNER), tenant)
    url = f"/api/v1/tenants/{tenant.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"name": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = client.patch(url, {"name": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    tenant.refresh_from_db()
    assert tenant.name == "First"
