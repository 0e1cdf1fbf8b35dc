"""Comments on records: tenant scoping of the target, roles, @mentions and their notifications, attachments
(type and size checked, downloadable), and the audit history the timeline shows beside them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.comments.models import Comment, CommentAttachment
from apps.core.testing.factories import TenantFactory, member
from apps.notifications.models import Notification
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.tenants.models import Role
from conftest import client_for

from .factories import PDF_BYTES, PNG_BYTES

URL = "/api/v1/comments/"


def target(order) -> str:
    return f"purchase_orders.purchaseorder:{order.pk}"


@pytest.fixture
def world(db):
    tenant = TenantFactory()
    author = member(tenant, Role.USER, username="sam", first_name="Sam", last_name="Reyes")
    ana = member(tenant, Role.USER, username="ana", first_name="Ana", last_name="Ortiz")
    order = PurchaseOrderFactory(tenant=tenant, by=author)
    return tenant, author, ana, order


def post(client, order, body="", files=(), **extra):
    data = {"target": target(order), "body": body, **extra}
    if files:
        data["attachments"] = list(files)
    return client.post(URL, data, format="multipart")


def test_a_comment_on_another_tenants_record_is_refused_and_its_comments_never_shown(world):
    tenant, author, _ana, order = world
    other = TenantFactory()
    stranger = member(other, Role.OWNER)
    theirs = PurchaseOrderFactory(tenant=other, by=stranger)
    client_for(stranger, other).post(URL, {"target": target(theirs), "body": "ours"}, format="json")
    assert Comment.objects.filter(tenant=other).count() == 1
    client = client_for(author, tenant)

    listing = client.get(URL, {"target": target(theirs)})
    assert listing.status_code == 404
    assert "ours" not in listing.content.decode()
    # Posting on it: the same answer as for a record that does not exist (a field error), nothing written.
    for name in (target(theirs), "purchase_orders.purchaseorder:987654321"):
        refused = client.post(URL, {"target": name, "body": "hello"}, format="json")
        assert refused.status_code == 400, refused.content
        assert refused.json()["target"] == ["No such record."]
    assert client.get(f"{URL}{Comment.objects.get(tenant=other).pk}/").status_code == 404
    assert Comment.objects.filter(tenant=tenant).count() == 0


def test_malformed_and_unsupported_targets_are_field_errors(world):
    tenant, author, _ana, _order = world
    client = client_for(author, tenant)
    for name in ("purchase order 1", "tenants.tenant:1", "core.timelineevent:1"):
        response = client.post(URL, {"target": name, "body": "x"}, format="json")
        assert response.status_code == 400
        assert "target" in response.json()


def test_readonly_reads_but_cannot_post(world):
    tenant, author, _ana, order = world
    post(client_for(author, tenant), order, "Pickup moved to Friday")
    reader = client_for(member(tenant, Role.READONLY), tenant)
    listing = reader.get(URL, {"target": target(order)})
    assert listing.status_code == 200
    assert [row["body"] for row in listing.json()["results"]] == ["Pickup moved to Friday"]
    refused = post(reader, order, "me too")
    assert refused.status_code == 403
    assert Comment.objects.count() == 1


def test_a_mentioned_member_is_notified_with_a_link_to_the_record_and_non_members_are_not(world):
    tenant, author, ana, order = world
    other = TenantFactory()
    outsider = member(other, Role.OWNER, username="olga")
    response = post(client_for(author, tenant), order, "@ana the BOL is in. @olga @nobody and @sam (me).")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mentions"] == [{"id": ana.pk, "username": "ana"}, {"id": author.pk, "username": "sam"}]
    assert body["body"] == "@ana the BOL is in. @olga @nobody and @sam (me)."  # unknown names stay text

    mentioned = Notification.objects.get(user=ana, kind="comment.mentioned")
    assert mentioned.url == f"/purchase-orders/{order.pk}"
    assert mentioned.tenant_id == tenant.pk
    assert mentioned.title == f"Sam Reyes mentioned you on purchase order {order.number}"
    assert not Notification.objects.filter(user=outsider).exists()
    assert not Notification.objects.filter(user=author).exists()  # the author, creator of the order, wrote it


def test_the_records_creator_hears_of_a_comment_and_an_edit_notifies_only_new_mentions(world):
    tenant, author, ana, order = world
    ben = member(tenant, Role.USER, username="ben")
    created = post(client_for(ana, tenant), order, "Plant called: @ben")
    assert created.status_code == 201
    assert Notification.objects.filter(user=author, kind="comment.added").count() == 1
    assert Notification.objects.filter(user=ben, kind="comment.mentioned").count() == 1
    edited = client_for(ana, tenant).patch(
        f"{URL}{created.json()['id']}/", {"body": "Plant called: @ben and @sam"}, format="json"
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["edited_at"]
    assert Notification.objects.filter(user=ben).count() == 1  # not again
    assert Notification.objects.filter(user=author, kind="comment.mentioned").count() == 1


def test_only_the_author_edits_and_the_author_or_a_manager_deletes(world):
    tenant, author, ana, order = world
    comment_id = post(client_for(author, tenant), order, "first").json()["id"]
    ana_client = client_for(ana, tenant)
    assert ana_client.patch(f"{URL}{comment_id}/", {"body": "changed"}, format="json").status_code == 403
    assert ana_client.delete(f"{URL}{comment_id}/").status_code == 403
    assert Comment.objects.get(pk=comment_id).body == "first"
    manager = client_for(member(tenant, Role.MANAGER), tenant)
    assert manager.delete(f"{URL}{comment_id}/").status_code == 204
    assert not Comment.objects.filter(pk=comment_id).exists()


def test_attachments_are_stored_and_downloaded_by_members_only(world):
    tenant, author, _ana, order = world
    client = client_for(author, tenant)
    response = post(
        client,
        order,
        "BOL and a photo of the load",
        files=[
            SimpleUploadedFile("BOL 4471.pdf", PDF_BYTES, content_type="application/pdf"),
            SimpleUploadedFile("dock.png", PNG_BYTES, content_type="image/png"),
        ],
        attachment_kind="bol",
    )
    assert response.status_code == 201, response.content
    files = response.json()["attachments"]
    assert [(f["name"], f["content_type"], f["kind"], f["size"]) for f in files] == [
        ("BOL 4471.pdf", "application/pdf", "bol", len(PDF_BYTES)),
        ("dock.png", "image/png", "bol", len(PNG_BYTES)),
    ]
    download = client.get(files[0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert 'filename="BOL 4471.pdf"' in download["Content-Disposition"]
    other = TenantFactory()
    assert client_for(member(other, Role.OWNER), other).get(files[0]["url"]).status_code == 404


def test_a_refused_file_is_a_field_error_and_nothing_is_written(world, settings):
    tenant, author, _ana, order = world
    client = client_for(author, tenant)
    fake = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = post(client, order, "see file", files=[fake])
    assert response.status_code == 400
    assert response.json()["attachments"] == [
        "invoice.pdf: attach a PDF or a photo (PNG, JPEG, TIFF, HEIC); the type is judged from the file's "
        "content, not its name."
    ] or response.json()["attachments"] == [
        "invoice.pdf: attach a PDF or a photo (PNG, JPEG, TIFF); the type is judged from the file's content, "
        "not its name."
    ]
    big = SimpleUploadedFile("scan.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    too_big = post(client, order, "", files=[big])
    assert too_big.status_code == 400
    assert too_big.json()["attachments"] == ["scan.pdf is 10.0 MB; the limit is 10 MB per file."]
    empty = client.post(URL, {"target": "bogus", "body": "  "}, format="json")
    assert set(empty.json()) == {"target", "body"}  # every problem in one answer
    assert Comment.objects.count() == 0
    assert CommentAttachment.objects.count() == 0


def test_the_mention_picker_lists_the_tenants_active_members(world):
    tenant, author, _ana, _order = world
    other = TenantFactory()
    member(other, Role.OWNER, username="anabel")
    gone = member(tenant, Role.USER, username="anton")
    gone.memberships.filter(tenant=tenant).update(is_active=False)
    response = client_for(author, tenant).get(f"{URL}members/", {"search": "an"})
    assert response.status_code == 200
    assert [row["username"] for row in response.json()] == ["ana"]
    assert response.json()[0]["display"] == "Ana Ortiz"


def test_history_entries_name_the_changed_fields_in_words(world):
    tenant, author, _ana, order = world
    client = client_for(author, tenant)
    changed = client.patch(
        f"/api/v1/purchase-orders/{order.pk}/",
        {"notes": "Call before pickup", "pickup_date": "2026-12-11"},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    entries = client.get(f"/api/v1/purchase-orders/{order.pk}/history/").json()["results"]
    # The save that recomputes the totals writes a row with no field change; the timeline leaves such rows out.
    entry = next(entry for entry in entries if entry["changes"])
    assert entry["action"] == "update"
    assert entry["user"]["display"] == "Sam Reyes"
    changes = {change["field"]: change for change in entry["changes"]}
    assert changes["notes"] == {"field": "notes", "label": "notes", "old": "", "new": "Call before pickup"}
    assert changes["pickup_date"]["label"] == "pickup date"
    assert changes["pickup_date"]["new"] == "2026-12-11"
