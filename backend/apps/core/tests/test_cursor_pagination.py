"""Every row of a large list is reachable (issue #18 item 3): keyset pages walk each row exactly once in order,
ties on the sort key included, forwards and back; page numbers go past the count bound. Reachability is tested
by design with a small page size and a small bound, not with 10,001 rows."""

import base64
import json
from datetime import date, timedelta

import pytest

from apps.core import pagination
from apps.core.testing.factories import TenantFactory, member
from apps.loads.tests.factories import LoadFactory
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

POS = "/api/v1/purchase-orders/"
LOADS = "/api/v1/loads/"
pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
# 13 orders on 4 days: ties of 5, 4, 1 and 3 on order_date.
DAYS = [0] * 5 + [1] * 4 + [2] + [3] * 3


@pytest.fixture
def tenant():
    return TenantFactory()


@pytest.fixture
def client(tenant):
    return client_for(member(tenant, Role.READONLY), tenant)


@pytest.fixture
def orders(tenant):
    supplier, plant = SupplierFactory(tenant=tenant), PlantFactory(tenant=tenant)
    made = [
        PurchaseOrderFactory(tenant=tenant, supplier=supplier, plant=plant, order_date=DAY + timedelta(days=d))
        for d in DAYS
    ]
    PurchaseOrderFactory(tenant=TenantFactory())  # another tenant's order is never walked
    return made


def walk(client, url, params, direction="next"):
    pages, response = [], client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body  # no COUNT in keyset mode
        pages.append([row["id"] for row in body["results"]])
        if not body[direction]:
            return pages, body
        response = client.get(body[direction])


def test_the_cursor_walks_every_row_once_newest_first_with_ties(client, orders):
    # Written out: newest day first, and within a day the highest id first.
    by_day = {}
    for order, d in zip(orders, DAYS, strict=True):
        by_day.setdefault(d, []).append(order.pk)
    expected = [pk for d in (3, 2, 1, 0) for pk in sorted(by_day[d], reverse=True)]
    pages, last = walk(client, POS, {"cursor": "", "page_size": 4})
    assert [len(page) for page in pages] == [4, 4, 4, 1]
    assert [pk for page in pages for pk in page] == expected
    # And back from the last page through previous: the same pages in reverse.
    back, first = walk(client, last["previous"], {}, direction="previous") if last["previous"] else ([], None)
    assert back == pages[-2::-1]
    assert first["next"]


def test_the_cursor_walks_ascending_and_by_number(client, orders):
    by_date = [o.pk for o in sorted(orders, key=lambda o: (o.order_date, o.pk))]
    pages, _ = walk(client, POS, {"cursor": "", "page_size": 5, "ordering": "order_date"})
    assert [pk for page in pages for pk in page] == by_date
    by_number = [o.pk for o in sorted(orders, key=lambda o: o.number, reverse=True)]
    pages, _ = walk(client, POS, {"cursor": "", "page_size": 3, "ordering": "-number"})
    assert [pk for page in pages for pk in page] == by_number


def test_the_cursor_keeps_filters(client, orders):
    wanted = sorted((o.pk for o, d in zip(orders, DAYS, strict=True) if d == 1), reverse=True)
    params = {"cursor": "", "page_size": 3, "order_date_from": str(DAY + timedelta(days=1))}
    params["order_date_to"] = str(DAY + timedelta(days=1))
    pages, _ = walk(client, POS, params)
    assert [pk for page in pages for pk in page] == wanted


def test_loads_without_a_pickup_date_come_first_newest_first_and_last_oldest_first(tenant, client):
    dated = [LoadFactory(tenant=tenant, purchase_orders=[], pickup_date=DAY + timedelta(days=d)) for d in (1, 0, 1)]
    undated = [LoadFactory(tenant=tenant, purchase_orders=[], pickup_date=None) for _ in range(3)]
    newest = [*sorted((u.pk for u in undated), reverse=True), dated[2].pk, dated[0].pk, dated[1].pk]
    pages, _ = walk(client, LOADS, {"cursor": "", "page_size": 2})
    assert [pk for page in pages for pk in page] == newest
    pages, _ = walk(client, LOADS, {"cursor": "", "page_size": 2, "ordering": "pickup_date"})
    assert [pk for page in pages for pk in page] == newest[::-1]


def test_bad_cursors_and_orderings_are_a_400_naming_the_parameter(client, orders):
    assert client.get(POS, {"cursor": "not-a-cursor"}).json() == {
        "cursor": [pagination.CursorOrPageNumberPagination.invalid_cursor]
    }
    forged = base64.urlsafe_b64encode(json.dumps({"o": ["-order_date", "-id"], "v": ["x", 1], "b": False}).encode())
    response = client.get(POS, {"cursor": forged.decode()})
    assert response.status_code == 400 and "cursor" in response.json()
    next_link = client.get(POS, {"cursor": "", "page_size": 2}).json()["next"]
    other = client.get(next_link + "&ordering=number")
    assert other.status_code == 400 and "another ordering" in other.json()["cursor"][0]
    unindexed = client.get(POS, {"cursor": "", "ordering": "total"})
    assert unindexed.status_code == 400 and "ordering" in unindexed.json()


def test_page_numbers_reach_past_the_count_bound(client, orders, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 5)
    first = client.get(POS, {"page_size": 2}).json()
    assert (first["count"], first["count_is_exact"]) == (5, False)
    seen, url = [], POS + "?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == 13 and len(set(seen)) == 13  # before: rows past the bound were cut off (page 3 of 2 rows)
    last = client.get(POS, {"page_size": 2, "page": 7}).json()
    assert (len(last["results"]), last["count"], last["count_is_exact"], last["next"]) == (1, 13, True, None)
    assert client.get(POS, {"page_size": 2, "page": 8}).status_code == 404
