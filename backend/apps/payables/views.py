"""Supplier bill endpoints (CRUD through the services, the declared actions submit / approve / reopen / mark-paid /
void, the timeline) and the payables reports (AP aging, cash requirements)."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core.choices import Currency
from apps.core.concurrency import OptimisticConcurrencyMixin
from apps.core.csv_io import CsvImportExportMixin, CSVRenderer
from apps.core.documents import TimelineMixin
from apps.core.fields import date_param
from apps.core.renderers import BrowsableAPIRenderer
from apps.core.views import RecordHistoryMixin, TenantModelViewSet, TenantScopedMixin
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import reports, services
from .filters import DebitMemoFilter, FreightBillFilter, PaymentOutFilter, SupplierBillFilter
from .models import DebitMemo, FreightBill, PaymentOut, PaymentOutApplication, SupplierBill, SupplierBillLine
from .serializers import (
    ApAgingReportSerializer,
    CashRequirementsSerializer,
    DebitMemoSerializer,
    FreightBillSerializer,
    PaymentOutSerializer,
    SupplierBillSerializer,
)


def bill_queryset():
    return SupplierBill.objects.select_related("supplier", "purchase_order").prefetch_related(
        Prefetch("lines", queryset=SupplierBillLine.objects.select_related("product"))
    )


class SupplierBillViewSet(WorkflowViewSetMixin, TimelineMixin, TenantModelViewSet):
    """Supplier bills. POST with a purchase order and no lines bills the order as it stands ("bill this PO");
    submit runs the three-way match. Submitted bills are never deleted (409): void them."""

    queryset = bill_queryset()
    serializer_class = SupplierBillSerializer
    filterset_class = SupplierBillFilter
    search_fields = ["number", "supplier_invoice_number", "supplier__name", "supplier__code", "purchase_order__number"]
    ordering_fields = [
        "number",
        "bill_date",
        "due_date",
        "status",
        "total",
        "balance_due",
        "supplier__name",
        "created_at",
    ]
    ordering = ["-bill_date", "-id"]
    csv_import_key = None  # bills are entered from purchase orders through the API (numbers, totals, matching)

    def _fresh(self, bill):
        return bill_queryset().get(pk=bill.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        bill = services.create_bill(tenant=self.request.tenant, by=self.request.user, lines=lines, **data)
        serializer.instance = self._fresh(bill)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        bill = services.update_bill(
            serializer.instance, by=self.request.user, role=self.request.membership.role, lines=lines, **data
        )
        serializer.instance = self._fresh(bill)

    def perform_destroy(self, instance):
        services.delete_bill(instance, by=self.request.user)

    # submit, approve, reopen, mark-paid and void come from workflows.py.


class CreateOnlyViewSet(
    TenantScopedMixin,
    OptimisticConcurrencyMixin,
    RecordHistoryMixin,
    CsvImportExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """List, retrieve, create, CSV export and history: documents that are voided, never edited or deleted."""

    csv_import_key = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]


class FreightBillViewSet(WorkflowViewSetMixin, TimelineMixin, TenantModelViewSet):
    """Carrier freight bills for loads. POST with a load and no charges bills the rate confirmation as agreed;
    submit matches the charges against it. Submitted bills are never deleted (409): void them."""

    queryset = FreightBill.objects.select_related("carrier", "load").prefetch_related("charges")
    serializer_class = FreightBillSerializer
    filterset_class = FreightBillFilter
    search_fields = ["number", "carrier_invoice_number", "carrier__name", "carrier__code", "load__number"]
    ordering_fields = [
        "number",
        "bill_date",
        "due_date",
        "status",
        "total",
        "balance_due",
        "carrier__name",
        "created_at",
    ]
    ordering = ["-bill_date", "-id"]
    csv_import_key = None

    def _fresh(self, bill):
        return self.get_queryset().get(pk=bill.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        charges = data.pop("charges", None)
        bill = services.create_freight_bill(tenant=self.request.tenant, by=self.request.user, charges=charges, **data)
        serializer.instance = self._fresh(bill)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        charges = data.pop("charges", None)
        bill = services.update_freight_bill(
            serializer.instance, by=self.request.user, role=self.request.membership.role, charges=charges, **data
        )
        serializer.instance = self._fresh(bill)

    def perform_destroy(self, instance):
        services.delete_freight_bill(instance, by=self.request.user)

    # submit, approve, reopen, mark-paid and void come from workflows.py (the same as supplier bills').


class PaymentOutViewSet(WorkflowViewSetMixin, TimelineMixin, CreateOnlyViewSet):
    """Payments out (check, ACH, wire) to one supplier or carrier, applied across its approved bills, with its
    debit memos as credits. Entered by managers; voided (which reverses the applications), never edited."""

    queryset = PaymentOut.objects.select_related("supplier", "carrier").prefetch_related(
        Prefetch(
            "applications",
            queryset=PaymentOutApplication.objects.select_related("supplier_bill", "freight_bill", "debit_memo"),
        )
    )
    serializer_class = PaymentOutSerializer
    filterset_class = PaymentOutFilter
    search_fields = ["number", "reference", "supplier__name", "supplier__code", "carrier__name", "carrier__code"]
    ordering_fields = ["number", "payment_date", "amount", "method", "status", "created_at"]
    ordering = ["-payment_date", "-id"]
    required_roles = {"POST": Role.MANAGER}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["applications"] = [dict(application) for application in data.get("applications", [])]
        payment = services.create_payment_out(tenant=self.request.tenant, by=self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=payment.pk)

    # void comes from workflows.py.


class DebitMemoViewSet(WorkflowViewSetMixin, TimelineMixin, CreateOnlyViewSet):
    """Debit memos (chargebacks) against a supplier or a carrier. Entered by managers; never edited or deleted
    (void them, while no payment out has applied them)."""

    queryset = DebitMemo.objects.select_related("supplier", "carrier")
    serializer_class = DebitMemoSerializer
    filterset_class = DebitMemoFilter
    search_fields = ["number", "reason", "source", "supplier__name", "supplier__code", "carrier__name", "carrier__code"]
    ordering_fields = ["number", "memo_date", "amount", "balance", "status", "created_at"]
    ordering = ["-memo_date", "-id"]
    required_roles = {"POST": Role.MANAGER}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        memo = services.create_debit_memo(tenant=self.request.tenant, by=self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=memo.pk)

    # void comes from workflows.py.


AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Aging as of this day (default today).")
DUE_BY = OpenApiParameter(
    "due_by", OpenApiTypes.DATE, description="Bills due on or before this day (default: 7 days on)."
)
CURRENCY = OpenApiParameter("currency", OpenApiTypes.STR, enum=list(Currency.values), description="Only this currency.")


class AccountsPayableViewSet(TenantScopedMixin, viewsets.GenericViewSet):
    """AP reports of the request's tenant; every member may read them."""

    queryset = SupplierBill.objects.none()  # reports only; keeps the schema generator happy
    reporting_actions = frozenset({"aging", "cash_requirements"})

    @extend_schema(parameters=[AS_OF], responses=ApAgingReportSerializer, filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def aging(self, request):
        """Approved unpaid bill balances per supplier and currency, and in total per currency, in buckets of days
        past due: current, 1-30, 31-60, 61-90, over 90."""
        as_of = date_param(request, "as_of", timezone.localdate())
        return Response(ApAgingReportSerializer(reports.aging(request.tenant, as_of)).data)

    @extend_schema(parameters=[DUE_BY, CURRENCY], responses=CashRequirementsSerializer, filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[], url_path="cash-requirements")
    def cash_requirements(self, request):
        """Approved unpaid bills due on or before `due_by` (overdue included), earliest first, with the money
        needed per currency."""
        due_by = date_param(request, "due_by", timezone.localdate() + datetime.timedelta(days=7))
        currency = request.query_params.get("currency") or None
        if currency is not None and currency not in Currency.values:
            raise serializers.ValidationError({"currency": [f"One of {', '.join(Currency.values)}."]})
        data = reports.cash_requirements(request.tenant, due_by, currency=currency)
        return Response(CashRequirementsSerializer(data).data)
