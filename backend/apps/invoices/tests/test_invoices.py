"""Invoice rules: invoicing a delivered order at catch weight, due dates from terms, overdue, issue / void /
delete, credit memos, applying and unapplying payments, the PDF and sending it."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.contacts.tests.factories import ContactFactory
from apps.core.exceptions import Conflict
from apps.core.models import DocumentDelivery
from apps.core.testing.factories import member
from apps.core.workflow import timeline_for
from apps.customers.tests.factories import CustomerFactory
from apps.invoices import services
from apps.invoices.models import Invoice
from apps.products.tests.factories import ProductFactory
from apps.sales_orders.tests.factories import SalesOrderFactory, line
from apps.tenants.models import Role
from conftest import client_for

from .factories import CreditMemoFactory, InvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(tenant):
    return member(tenant, Role.USER)


@pytest.fixture
def manager(tenant):
    return member(tenant, Role.MANAGER)


def url(invoice, action=None):
    if action is None:
        return reverse("invoice-detail", args=[invoice.pk])
    return reverse(f"invoice-{action}", args=[invoice.pk])


def delivered_order(tenant, *, customer=None, lines=None):
    customer = customer or CustomerFactory(tenant=tenant, payment_terms_days=21)
    product = ProductFactory(tenant=tenant)
    lines = lines or [
        # 24 boxes sold at $5.1275/lb on 1,450 lb estimated; 1,437.63 lb delivered (catch weight)
        line(product, boxes=24, estimated_weight_lb=Decimal("1450.00"), unit_price=Decimal("5.1275")),
        # 10 cases of patties at $38.50 a case
        line(
            product, boxes=10, estimated_weight_lb=Decimal("200.00"), unit_price=Decimal("38.5000"), price_unit="case"
        ),
        # 3,000 lb of pork trim at $84.75/cwt; 2,987.5 lb delivered
        line(
            product, boxes=50, estimated_weight_lb=Decimal("3000.00"), unit_price=Decimal("84.7500"), price_unit="cwt"
        ),
    ]
    order = SalesOrderFactory(tenant=tenant, customer=customer, lines=lines, status="delivered")
    return order


def enter_catch_weights(order, weights):
    for order_line, weight in zip(order.lines.order_by("line_number"), weights, strict=True):
        order_line.actual_weight_lb = weight
        order_line.save()


# --- from a sales order ---------------------------------------------------------------------------


def test_invoice_from_delivered_order_is_priced_at_catch_weight_to_the_cent(tenant, user):
    order = delivered_order(tenant)
    enter_catch_weights(order, [Decimal("1437.63"), None, Decimal("2987.50")])
    payload = {"freight_amount": "425.00", "tax_amount": "0.00", "invoice_date": "2026-11-20"}
    response = client_for(user, tenant).post(reverse("sales-order-invoice", args=[order.pk]), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    # 1,437.63 x 5.1275 = 7,371.4478 -> 7,371.45; 10 x 38.50 = 385.00; 29.875 cwt x 84.75 = 2,531.90625 -> 2,531.91
    assert [row["line_total"] for row in body["lines"]] == ["7371.45", "385.00", "2531.91"]
    assert [row["weight_lb"] for row in body["lines"]] == ["1437.63", "200.00", "2987.50"]
    assert (body["subtotal"], body["freight_amount"], body["total"]) == ("10288.36", "425.00", "10713.36")
    assert (body["balance_due"], body["amount_paid"], body["status"]) == ("10713.36", "0.00", "draft")
    assert body["number"].startswith("INV-") and body["sales_order"] == order.pk
    assert body["due_date"] == "2026-12-11"  # net 21
    order.refresh_from_db()
    assert order.status == "invoiced"


def test_invoicing_an_order_that_is_not_delivered_is_a_conflict(tenant, user):
    for status in (None, "confirmed", "shipped", "cancelled"):
        order = SalesOrderFactory(tenant=tenant, status=status)
        response = client_for(user, tenant).post(reverse("sales-order-invoice", args=[order.pk]), {}, format="json")
        assert response.status_code == 409
        assert not Invoice.objects.filter(sales_order=order).exists()


def test_invoicing_twice_is_a_conflict(tenant, user):
    order = delivered_order(tenant)
    enter_catch_weights(order, [Decimal("1400"), None, Decimal("3000")])
    client = client_for(user, tenant)
    assert client.post(reverse("sales-order-invoice", args=[order.pk]), {}, format="json").status_code == 201
    assert client.post(reverse("sales-order-invoice", args=[order.pk]), {}, format="json").status_code == 409


def test_a_weight_priced_line_without_actual_weight_blocks_invoicing(tenant, user):
    order = delivered_order(tenant)
    enter_catch_weights(order, [Decimal("1437.63"), None, None])
    response = client_for(user, tenant).post(reverse("sales-order-invoice", args=[order.pk]), {}, format="json")
    assert response.status_code == 409
    assert response.json()["lines_without_actual_weight"] == [3]
    order.refresh_from_db()
    assert order.status == "delivered"


def test_issue_on_creation_and_timeline_on_both_documents(tenant, user):
    order = delivered_order(tenant, lines=[line(ProductFactory(tenant=tenant), actual_weight_lb=Decimal("1000"))])
    response = client_for(user, tenant).post(
        reverse("sales-order-invoice", args=[order.pk]), {"issue": True}, format="json"
    )
    invoice = Invoice.objects.get(pk=response.json()["id"])
    assert invoice.status == "issued" and invoice.issued_at is not None
    assert [e.verb for e in timeline_for(invoice)] == ["created", "issued"]
    assert [e.verb for e in timeline_for(order)][-1] == "invoiced"
    order_body = client_for(user, tenant).get(reverse("sales-order-detail", args=[order.pk])).json()
    assert (order_body["invoice_id"], order_body["invoice_number"]) == (invoice.pk, invoice.number)


# --- by hand, dates, overdue ----------------------------------------------------------------------


def test_due_date_follows_the_customer_terms(tenant, user):
    customer = CustomerFactory(tenant=tenant, payment_terms_days=30)
    payload = {
        "customer": customer.pk,
        "invoice_date": "2026-01-15",
        "lines": [
            {"product": ProductFactory(tenant=tenant).pk, "boxes": 5, "unit_price": "40.00", "price_unit": "case"}
        ],
    }
    response = client_for(user, tenant).post(reverse("invoice-list"), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["due_date"], body["payment_terms_days"], body["total"]) == ("2026-02-14", 30, "200.00")
    # a new invoice date moves the due date with it
    response = client_for(user, tenant).patch(
        url(Invoice.objects.get(pk=body["id"])), {"invoice_date": "2026-02-01"}, format="json"
    )
    assert response.json()["due_date"] == "2026-03-03"


def test_overdue_is_derived_from_the_due_date_and_filterable(tenant, user):
    today = timezone.localdate()
    customer = CustomerFactory(tenant=tenant, payment_terms_days=14)
    late = InvoiceFactory(
        tenant=tenant, customer=customer, invoice_date=today - datetime.timedelta(days=20), issued=True
    )
    current = InvoiceFactory(
        tenant=tenant, customer=customer, invoice_date=today - datetime.timedelta(days=3), issued=True
    )
    draft_late = InvoiceFactory(tenant=tenant, customer=customer, invoice_date=today - datetime.timedelta(days=60))
    paid_late = InvoiceFactory(
        tenant=tenant, customer=customer, invoice_date=today - datetime.timedelta(days=60), issued=True
    )
    services.apply_payment_to_invoice(paid_late, paid_late.balance_due, by=None)
    client = client_for(user, tenant)
    overdue = client.get(reverse("invoice-list"), {"overdue": "true"}).json()["results"]
    assert [row["id"] for row in overdue] == [late.pk]
    assert overdue[0]["is_overdue"] is True and overdue[0]["days_overdue"] == 6
    not_overdue = {row["id"] for row in client.get(reverse("invoice-list"), {"overdue": "false"}).json()["results"]}
    assert not_overdue == {current.pk, draft_late.pk, paid_late.pk}


# --- issue, edit, delete, void --------------------------------------------------------------------


def test_an_issued_invoice_cannot_be_deleted(tenant, manager):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    response = client_for(manager, tenant).delete(url(invoice))
    assert response.status_code == 409
    assert Invoice.objects.filter(pk=invoice.pk).exists()


def test_a_voided_invoice_is_kept_too(tenant, manager):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    client = client_for(manager, tenant)
    assert client.post(url(invoice, "void"), {"reason": "Billed the wrong customer"}).status_code == 200
    assert client.delete(url(invoice)).status_code == 409


def test_managers_delete_drafts_and_the_order_can_be_invoiced_again(tenant, user, manager):
    order = delivered_order(tenant, lines=[line(ProductFactory(tenant=tenant), actual_weight_lb=Decimal("900"))])
    invoice = services.create_invoice_from_sales_order(order, by=user)
    assert client_for(user, tenant).delete(url(invoice)).status_code == 403
    assert client_for(manager, tenant).delete(url(invoice)).status_code == 204
    order.refresh_from_db()
    assert order.status == "delivered"
    assert services.create_invoice_from_sales_order(order, by=user).total == Decimal("4590.00")


def test_issued_figures_are_fixed_but_notes_may_change(tenant, user):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    client = client_for(user, tenant)
    assert client.patch(url(invoice), {"tax_amount": "10.00"}, format="json").status_code == 409
    assert client.patch(url(invoice), {"notes": "Lockbox 4471"}, format="json").status_code == 200


def test_void_only_while_nothing_is_paid_and_the_order_reopens(tenant, user, manager):
    order = delivered_order(tenant, lines=[line(ProductFactory(tenant=tenant), actual_weight_lb=Decimal("1000"))])
    invoice = services.issue_invoice(services.create_invoice_from_sales_order(order, by=user), by=user)
    services.apply_payment_to_invoice(invoice, Decimal("100.00"), by=user)
    client = client_for(manager, tenant)
    assert client.post(url(invoice, "void"), {"reason": "wrong price"}).status_code == 409
    services.unapply_payment_from_invoice(invoice, Decimal("100.00"), by=user)
    assert client_for(user, tenant).post(url(invoice, "void"), {"reason": "wrong price"}).status_code == 403
    response = client.post(url(invoice, "void"), {"reason": "wrong price"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["balance_due"]) == ("void", "0.00")
    order.refresh_from_db()
    assert order.status == "delivered"


@pytest.mark.parametrize("status", ["issued", "partially_paid", "paid", "void"])
def test_issuing_anything_but_a_draft_is_a_conflict(tenant, user, status):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    if status == "partially_paid":
        services.apply_payment_to_invoice(invoice, Decimal("1.00"), by=user)
    elif status == "paid":
        services.apply_payment_to_invoice(invoice, invoice.balance_due, by=user)
    elif status == "void":
        services.void_invoice(invoice, by=None, reason="billed twice")
    response = client_for(user, tenant).post(url(invoice, "issue"))
    assert response.status_code == 409
    assert response.json()["current_status"] == status


@pytest.mark.parametrize("status", ["partially_paid", "paid", "void"])
def test_voiding_a_paid_or_void_invoice_is_a_conflict(tenant, manager, status):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    if status == "partially_paid":
        services.apply_payment_to_invoice(invoice, Decimal("1.00"), by=manager)
    elif status == "paid":
        services.apply_payment_to_invoice(invoice, invoice.balance_due, by=manager)
    else:
        services.void_invoice(invoice, by=manager, reason="billed twice")
    assert client_for(manager, tenant).post(url(invoice, "void"), {"reason": "x"}).status_code == 409


# --- credit memos ---------------------------------------------------------------------------------


def test_credit_memo_reduces_the_balance_and_keeps_the_invoice_intact(tenant, manager):
    invoice = InvoiceFactory(tenant=tenant, issued=True)  # $5,000.00
    lines_before = list(invoice.lines.values("id", "weight_lb", "unit_price", "line_total"))
    response = client_for(manager, tenant).post(
        reverse("credit-memo-list"),
        {"invoice": invoice.pk, "reason": "temperature_rejection", "amount": "1250.40", "notes": "2 boxes at 45F"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"].startswith("CM-") and response.json()["customer"] == invoice.customer_id
    invoice.refresh_from_db()
    assert (invoice.total, invoice.credited_amount, invoice.balance_due) == (
        Decimal("5000.00"),
        Decimal("1250.40"),
        Decimal("3749.60"),
    )
    assert list(invoice.lines.values("id", "weight_lb", "unit_price", "line_total")) == lines_before
    assert invoice.status == "issued"
    body = client_for(manager, tenant).get(url(invoice)).json()
    assert body["credit_memos"][0]["amount"] == "1250.40"


def test_credit_memo_cannot_exceed_the_balance(tenant, manager):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    services.apply_payment_to_invoice(invoice, Decimal("4000.00"), by=manager)
    response = client_for(manager, tenant).post(
        reverse("credit-memo-list"), {"invoice": invoice.pk, "reason": "short_weight", "amount": "1000.01"}
    )
    assert response.status_code == 409
    assert response.json()["balance_due"] == "1000.00"
    invoice.refresh_from_db()
    assert invoice.credited_amount == Decimal("0.00")


def test_credit_memo_only_on_issued_invoices_and_only_by_managers(tenant, user, manager):
    draft = InvoiceFactory(tenant=tenant)
    payload = {"invoice": draft.pk, "reason": "price_adjustment", "amount": "10.00"}
    assert client_for(manager, tenant).post(reverse("credit-memo-list"), payload).status_code == 409
    payload["invoice"] = InvoiceFactory(tenant=tenant, issued=True).pk
    assert client_for(user, tenant).post(reverse("credit-memo-list"), payload).status_code == 403


def test_crediting_the_whole_balance_settles_the_invoice_and_voiding_the_memo_reopens_it(tenant, manager):
    memo = CreditMemoFactory(tenant=tenant, amount=Decimal("5000.00"))
    memo.invoice.refresh_from_db()
    assert (memo.invoice.status, memo.invoice.balance_due) == ("paid", Decimal("0.00"))
    response = client_for(manager, tenant).delete(reverse("credit-memo-detail", args=[memo.pk]))
    assert response.status_code == 204
    memo.refresh_from_db()
    memo.invoice.refresh_from_db()
    assert memo.status == "void"
    assert (memo.invoice.status, memo.invoice.balance_due, memo.invoice.credited_amount) == (
        "issued",
        Decimal("5000.00"),
        Decimal("0.00"),
    )


def test_credit_memo_amount_cannot_be_edited(tenant, manager):
    memo = CreditMemoFactory(tenant=tenant)
    response = client_for(manager, tenant).patch(
        reverse("credit-memo-detail", args=[memo.pk]), {"amount": "1.00"}, format="json"
    )
    assert response.status_code == 400


# --- payments (the receivables service interface) -------------------------------------------------


def test_apply_payment_refuses_overpayment(tenant, user):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    with pytest.raises(Conflict) as caught:
        services.apply_payment_to_invoice(invoice, Decimal("5000.01"), by=user)
    assert caught.value.status_code == 409
    assert caught.value.extra["balance_due"] == "5000.00"
    invoice.refresh_from_db()
    assert (invoice.amount_paid, invoice.status) == (Decimal("0.00"), "issued")


def test_partial_then_full_payment_moves_the_status_and_is_recorded(tenant, user):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    invoice = services.apply_payment_to_invoice(invoice, Decimal("1999.99"), by=user, reference="check 10442")
    assert (invoice.status, invoice.balance_due) == ("partially_paid", Decimal("3000.01"))
    invoice = services.apply_payment_to_invoice(invoice, Decimal("3000.01"), by=user)
    assert (invoice.status, invoice.balance_due, invoice.amount_paid) == ("paid", Decimal("0.00"), Decimal("5000.00"))
    assert invoice.paid_at is not None
    with pytest.raises(Conflict):
        services.apply_payment_to_invoice(invoice, Decimal("0.01"), by=user)
    invoice = services.unapply_payment_from_invoice(invoice, Decimal("3000.01"), by=user, reference="bounced")
    assert (invoice.status, invoice.balance_due, invoice.paid_at) == ("partially_paid", Decimal("3000.01"), None)
    with pytest.raises(Conflict):
        services.unapply_payment_from_invoice(invoice, Decimal("2000.00"), by=user)
    verbs = [(e.verb, e.reason) for e in timeline_for(invoice) if e.verb.startswith("payment")]
    assert verbs[0] == ("payment_applied", "check 10442") and verbs[-1] == ("payment_unapplied", "bounced")


def test_payments_apply_only_to_issued_invoices(tenant, user):
    with pytest.raises(Conflict):
        services.apply_payment_to_invoice(InvoiceFactory(tenant=tenant), Decimal("10.00"), by=user)


def test_the_database_refuses_paid_plus_credited_above_the_total(tenant):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(amount_paid=Decimal("5000.01"), balance_due=Decimal("-0.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(
            amount_paid=Decimal("3000.00"), credited_amount=Decimal("2500.00"), balance_due=Decimal("0.00")
        )


# --- the document ---------------------------------------------------------------------------------


def test_invoice_pdf_downloads(tenant, user):
    invoice = InvoiceFactory(tenant=tenant, issued=True)
    response = client_for(user, tenant).get(url(invoice, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert invoice.number in response["Content-Disposition"]


def test_send_goes_to_the_customer_accounting_contact_and_is_recorded(tenant, user):
    customer = CustomerFactory(tenant=tenant, email="orders@lonestar.example")
    ContactFactory(tenant=tenant, supplier=None, customer=customer, contact_types=["sales"], email="buyer@x.example")
    ContactFactory(tenant=tenant, supplier=None, customer=customer, contact_types=["accounting"], email="ap@x.example")
    invoice = InvoiceFactory(tenant=tenant, customer=customer, issued=True)
    response = client_for(user, tenant).post(url(invoice, "send"), {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["sent_to"] == ["ap@x.example"]
    [message] = mail.outbox
    assert message.to == ["ap@x.example"]
    assert message.attachments[0][0] == f"{invoice.number}.pdf" and message.attachments[0][1].startswith(b"%PDF")
    delivery = DocumentDelivery.objects.get(object_id=invoice.pk, document="invoice")
    assert delivery.recipients == ["ap@x.example"] and delivery.created_by == user
    assert [e.verb for e in timeline_for(invoice)][-1] == "sent"


def test_send_without_an_address_on_file_asks_for_one(tenant, user):
    invoice = InvoiceFactory(tenant=tenant, customer=CustomerFactory(tenant=tenant, email=""), issued=True)
    response = client_for(user, tenant).post(url(invoice, "send"), {}, format="json")
    assert response.status_code == 400
    assert "to" in response.json()


def test_sales_order_pdf_and_send_to_the_buyer(tenant, user):
    customer = CustomerFactory(tenant=tenant, email="purchasing@lonestar.example")
    order = SalesOrderFactory(tenant=tenant, customer=customer)
    client = client_for(user, tenant)
    pdf = client.get(reverse("sales-order-pdf", args=[order.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    response = client.post(reverse("sales-order-send", args=[order.pk]), {}, format="json")
    assert response.status_code == 200
    assert mail.outbox[0].to == ["purchasing@lonestar.example"]


def test_manual_invoice_line_needs_a_weight_when_priced_by_weight(tenant, user):
    product = ProductFactory(tenant=tenant)
    payload = {
        "customer": CustomerFactory(tenant=tenant).pk,
        "lines": [{"product": product.pk, "boxes": 20, "unit_price": "5.0000", "price_unit": "lb"}],
    }
    response = client_for(user, tenant).post(reverse("invoice-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json()["lines"]["0"] == {"weight_lb": ["A price per lb needs the billed weight."]}


def test_manual_invoice_takes_kg(tenant, user):
    payload = {
        "customer": CustomerFactory(tenant=tenant).pk,
        "lines": [
            {
                "product": ProductFactory(tenant=tenant).pk,
                "weight_lb": "500",
                "weight_unit": "kg",
                "unit_price": "10.0000",
                "price_unit": "kg",
            }
        ],
    }
    body = client_for(user, tenant).post(reverse("invoice-list"), payload, format="json").json()
    # 500 kg = 1,102.31 lb; priced back per kg: 1,102.31 / 2.20462 = 500.0000 kg x $10 = $5,000.00
    assert (body["lines"][0]["weight_lb"], body["total"]) == ("1102.31", "5000.00")
