"""Receivables endpoints: payments (CRUD, apply, unapply, timeline), the AR reports (aging, overdue list,
customer credits) and the customer statement (JSON, PDF, e-mail)."""

import datetime

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from apps.core.choices import Currency
from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.fields import date_param
from apps.core.pdf import BusinessDocument, render
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import TenantModelViewSet, TenantScopedMixin
from apps.customers.models import Customer
from apps.tenants.models import Role

from . import reports, services
from .documents import statement_document
from .filters import PaymentFilter
from .models import Payment, PaymentApplication
from .serializers import (
    AgingReportSerializer,
    ApplyPaymentSerializer,
    CustomerCreditSerializer,
    OverdueInvoiceSerializer,
    PaymentSerializer,
    StatementSerializer,
    UnapplyPaymentSerializer,
)


class PaymentViewSet(TimelineMixin, TenantModelViewSet):
    """Customer payments. Applying spreads one payment over invoices in one transaction; what is not applied
    stays as the customer's credit (`?has_credit=true`)."""

    queryset = Payment.objects.select_related("customer").prefetch_related(
        Prefetch("applications", queryset=PaymentApplication.objects.select_related("invoice").order_by("id"))
    )
    serializer_class = PaymentSerializer
    filterset_class = PaymentFilter
    search_fields = ["number", "reference", "customer__name", "customer__code", "notes"]
    ordering_fields = ["payment_date", "amount", "unapplied_amount", "number", "created_at", "customer__name"]
    ordering = ["-payment_date", "-id"]
    csv_import_key = None  # money received is booked one payment at a time
    action_roles = {"apply": Role.USER, "unapply": Role.MANAGER}

    def perform_create(self, serializer):
        serializer.instance = services.record_payment(
            tenant=self.request.tenant, by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_payment(
            serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_payment(instance, by=self.request.user)

    def _fresh(self, payment):
        return Response(
            PaymentSerializer(self.get_queryset().get(pk=payment.pk), context=self.get_serializer_context()).data
        )

    @extend_schema(request=ApplyPaymentSerializer, responses={200: PaymentSerializer}, filters=False)
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def apply(self, request, pk=None):
        """Apply the payment to one or many invoices (all or nothing); 409 when an invoice would be overpaid
        or the payment has not enough left."""
        payment = self.get_object()
        body = ApplyPaymentSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        allocations = [(row["invoice"], row["amount"]) for row in body.validated_data["allocations"]]
        return self._fresh(services.apply_payment(payment, allocations, by=request.user))

    @extend_schema(request=UnapplyPaymentSerializer, responses={200: PaymentSerializer}, filters=False)
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def unapply(self, request, pk=None):
        """Take the payment back off one invoice (`invoice`) or all of them (managers); the money returns to
        customer credit and the invoices' balances reopen."""
        payment = self.get_object()
        body = UnapplyPaymentSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        payment = services.unapply_payment(
            payment,
            invoice=body.validated_data.get("invoice"),
            reason=body.validated_data.get("reason", ""),
            by=request.user,
        )
        return self._fresh(payment)


def _date_param(request, name: str, default: datetime.date) -> datetime.date:
    return date_param(request, name, default)


AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Aging as of this day (default today).")


class AccountsReceivableViewSet(TenantScopedMixin, viewsets.GenericViewSet):
    """AR reports of the request's tenant; every member may read them."""

    queryset = Payment.objects.none()  # reports only; keeps the schema generator happy
    reporting_actions = frozenset({"aging", "overdue", "credits"})

    @extend_schema(parameters=[AS_OF], responses=AgingReportSerializer, filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def aging(self, request):
        """Open invoice balances as of a date, per customer and in total, in buckets of days past due:
        current, 1-30, 31-60, 61-90, over 90."""
        as_of = _date_param(request, "as_of", timezone.localdate())
        return Response(AgingReportSerializer(reports.aging(request.tenant, as_of)).data)

    @extend_schema(responses=OverdueInvoiceSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], filter_backends=[])
    def overdue(self, request):
        """Invoices past their due date with money owed, most overdue first (paginated)."""
        today = timezone.localdate()
        page = self.paginate_queryset(reports.overdue_invoices(request.tenant, today))
        rows = [
            {
                "invoice": invoice.pk,
                "number": invoice.number,
                "customer": invoice.customer_id,
                "customer_name": invoice.customer.name,
                "invoice_date": invoice.invoice_date,
                "due_date": invoice.due_date,
                "days_past_due": (today - invoice.due_date).days,
                "total": invoice.total,
                "balance_due": invoice.balance_due,
            }
            for invoice in page
        ]
        return self.get_paginated_response(OverdueInvoiceSerializer(rows, many=True).data)

    @extend_schema(responses=CustomerCreditSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def credits(self, request):
        """Customers with unapplied payments (credit on account), largest first."""
        return Response(CustomerCreditSerializer(reports.customer_credits(request.tenant), many=True).data)


class PdfRenderer(BaseRenderer):
    """Lets `?format=pdf` reach the statement view (which answers with the PDF bytes itself)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            # An error under ?format=pdf (a customer that does not exist, say) is the API's JSON error body,
            # not an empty "PDF".
            response["Content-Type"] = "application/json"
            return JSONRenderer().render(data)
        return b""


STATEMENT_PERIOD = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="First day (default: 90 days before `end`)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day (default today)."),
    OpenApiParameter(
        "currency", OpenApiTypes.STR, enum=list(Currency.values), description="Default: the customer's currency."
    ),
]


class CustomerStatementViewSet(TenantScopedMixin, PdfDocumentMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A customer's statement of account, keyed by the customer id: `GET statement/{customer_id}/` (JSON;
    `?format=pdf` or `pdf/` for the PDF) and `POST statement/{customer_id}/send/` to e-mail it."""

    queryset = Customer.objects.all()
    document_name = "statement"
    action_roles = {"send": Role.USER}
    reporting_actions = frozenset({"retrieve", "pdf"})  # sending records a delivery: on the primary

    def get_renderers(self):
        renderers = [JSONRenderer(), BrowsableAPIRenderer()]
        return [*renderers, PdfRenderer()] if self.action == "retrieve" else renderers

    def handle_exception(self, exc):
        # An error is JSON whatever ?format= asked for: the PDF renderer has nothing to say about a 404 or a 400.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return response

    def period(self) -> tuple[datetime.date, datetime.date]:
        end = _date_param(self.request, "end", timezone.localdate())
        start = _date_param(self.request, "start", end - datetime.timedelta(days=90))
        if start > end:
            raise serializers.ValidationError({"start": ["The start must be on or before the end."]})
        return start, end

    def currency(self, customer) -> str:
        currency = self.request.query_params.get("currency") or customer.currency
        if currency not in Currency.values:
            raise serializers.ValidationError(
                {"currency": [f"Unknown currency {currency[:10]!r}; one of {', '.join(Currency.values)}."]}
            )
        return currency

    def statement_for(self, customer) -> dict:
        start, end = self.period()
        return reports.statement(self.request.tenant, customer, start, end, self.currency(customer))

    @extend_schema(
        parameters=[
            *STATEMENT_PERIOD,
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "pdf"], description="pdf: the PDF."),
        ],
        responses={200: StatementSerializer, (200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def retrieve(self, request, *args, **kwargs):
        customer = self.get_object()
        if request.query_params.get("format") == "pdf":
            response = HttpResponse(render(self.build_document(customer)), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{self.pdf_filename(customer)}"'
            return response
        return Response(StatementSerializer(self.statement_for(customer)).data)

    def pdf_filename(self, customer) -> str:
        return f"statement-{customer.code}-{self.currency(customer)}-{self.period()[1].isoformat()}.pdf"

    def default_recipients(self, customer) -> list[str]:
        return [customer.email] if customer.email else []

    def build_document(self, customer) -> BusinessDocument:
        return statement_document(self.request.tenant, customer, self.statement_for(customer))

    @extend_schema(
        parameters=STATEMENT_PERIOD, responses={(200, "application/pdf"): OpenApiTypes.BINARY}, filters=False
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def pdf(self, request, *args, **kwargs):
        """The statement as a PDF."""
        return super().pdf(request, *args, **kwargs)
