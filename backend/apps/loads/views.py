"""Load endpoints (CRUD, status actions, the rate confirmation PDF / e-mail, the timeline) and cold storage
entries. Load writes go through services.py."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.pdf import BusinessDocument, money_text
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin
from apps.tenants.models import Role

from . import services
from .filters import ColdStorageEntryFilter, LoadFilter
from .models import ColdStorageEntry, Load, LoadDocument
from .serializers import (
    CatchWeightsSerializer,
    ColdStorageEntrySerializer,
    LoadDocumentSerializer,
    LoadLineSerializer,
    LoadSerializer,
)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else "-"


class LoadViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = Load.objects.select_related("carrier", "assigned_to").prefetch_related(
        "accessorials", "load_orders__purchase_order__plant"
    )
    serializer_class = LoadSerializer
    filterset_class = LoadFilter
    # A load's documents (listing and attaching) are for members who work loads; one role for both methods.
    action_roles = {"documents": Role.USER}
    search_fields = ["number", "bol_number", "seal_number", "trailer_number", "carrier__name", "carrier__code"]
    ordering_fields = ["number", "pickup_date", "delivery_date", "status", "total_freight_cost", "created_at"]
    ordering = ["-pickup_date", "-id"]
    csv_import_key = None  # loads are tendered through the API (numbers, carrier checks), not imported
    document_name = "rate_confirmation"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        carrier = data.pop("carrier")
        serializer.instance = services.create_load(self.request.tenant, by=self.request.user, carrier=carrier, **data)

    def perform_update(self, serializer):
        serializer.instance = services.update_load(
            serializer.instance,
            by=self.request.user,
            role=self.request.membership.role,
            **dict(serializer.validated_data),
        )

    def perform_destroy(self, instance):
        services.delete_load(instance, by=self.request.user)

    # The status actions (accept, pick-up, deliver, cancel) come from workflows.py.

    # --- the field app: lines and catch weights, attached documents -----------------------------------------

    @extend_schema(request=None, responses=LoadLineSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def lines(self, request, *args, **kwargs):
        """The purchase order lines on the load (estimated and actual weights, boxes), in stop order."""
        return Response(LoadLineSerializer(services.load_lines(self.get_object()), many=True).data)

    @extend_schema(request=CatchWeightsSerializer, responses=LoadLineSerializer(many=True), filters=False)
    @action(detail=True, methods=["post"], url_path="catch-weights", filter_backends=[], pagination_class=None)
    def catch_weights(self, request, *args, **kwargs):
        """Record actual (catch) weights in lb or kg and box counts for some lines; the others stay."""
        load = self.get_object()
        body = CatchWeightsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lines = services.record_catch_weights(load, by=request.user, entries=body.validated_data["lines"])
        return Response(LoadLineSerializer(lines, many=True).data)

    @extend_schema(methods=["get"], request=None, responses=LoadDocumentSerializer(many=True), filters=False)
    @extend_schema(methods=["post"], request=LoadDocumentSerializer, responses={201: LoadDocumentSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def documents(self, request, *args, **kwargs):
        """The documents attached to the load; POST attaches an uploaded assistant document as BOL, POD, ..."""
        load = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            links = LoadDocument.objects.filter(load=load).select_related("document", "created_by")
            return Response(LoadDocumentSerializer(links, many=True, context=context).data)
        body = LoadDocumentSerializer(data=request.data, context=context)
        body.is_valid(raise_exception=True)
        link = services.attach_document(load, by=request.user, **body.validated_data)
        return Response(LoadDocumentSerializer(link, context=context).data, status=201)

    # --- the rate confirmation ----------------------------------------------------------------------------

    def pdf_filename(self, load) -> str:
        return f"{load.number}-rate-confirmation.pdf"

    def default_recipients(self, load) -> list[str]:
        return [load.carrier.email] if load.carrier.email else []

    def build_document(self, load) -> BusinessDocument:
        carrier = load.carrier
        party = [carrier.name]
        ids = " / ".join(filter(None, [carrier.mc_number, f"DOT {carrier.dot_number}" if carrier.dot_number else ""]))
        if ids:
            party.append(ids)
        if carrier.address_line1:
            party.append(carrier.address_line1)
        city = ", ".join(part for part in (carrier.city, f"{carrier.state} {carrier.postal_code}".strip()) if part)
        if city:
            party.append(city)
        party += [value for value in (carrier.phone, carrier.email) if value]
        setpoint = f"{load.temperature_setpoint_f} °F" if load.temperature_setpoint_f is not None else "-"
        facts = [
            ("Status", load.get_status_display()),
            ("Pickup date", load.pickup_date.isoformat() if load.pickup_date else "-"),
            ("Pickup appointment", _when(load.pickup_appointment_at)),
            ("Delivery date", load.delivery_date.isoformat() if load.delivery_date else "-"),
            ("Delivery appointment", _when(load.delivery_appointment_at)),
            ("Deliver to", load.delivery_location or "-"),
            ("Reefer setpoint", setpoint),
            ("Trailer / seal", f"{load.trailer_number or '-'} / {load.seal_number or '-'}"),
            ("BOL", load.bol_number or "-"),
        ]
        rows = []
        for stop in load.load_orders.all():
            order = stop.purchase_order
            plant = order.plant
            where = str(plant) if plant else "-"
            if plant and plant.city:
                where += f", {plant.city} {plant.state}"
            rows.append(
                [
                    str(stop.stop_number),
                    order.number,
                    where,
                    order.pickup_date.isoformat() if order.pickup_date else "",
                    order.carrier_release_number or order.supplier_confirmation_number,
                ]
            )
        totals = [("Linehaul", money_text(load.linehaul_rate, load.currency))]
        totals += [
            (accessorial.get_charge_type_display(), money_text(accessorial.amount, load.currency))
            for accessorial in load.accessorials.all()
        ]
        totals.append(("Total", money_text(load.total_freight_cost, load.currency)))
        notes = [
            "Carrier agrees to haul the load above at the rate shown. Keep the reefer running continuously at the "
            "setpoint; a temperature download may be requested at delivery. Sign and return this confirmation.",
        ]
        if load.notes:
            notes.append(load.notes)
        return BusinessDocument(
            title="RATE CONFIRMATION",
            number=load.number,
            issuer=[load.tenant.name],
            party_label="Carrier",
            party=party,
            facts=facts,
            columns=[
                ("Stop", 12, "L"),
                ("PO", 35, "L"),
                ("Pickup at", 85, "L"),
                ("Date", 25, "L"),
                ("Release", 33, "L"),
            ],
            rows=rows,
            totals=totals,
            notes=notes,
        )


class ColdStorageEntryViewSet(TenantModelViewSet):
    queryset = ColdStorageEntry.objects.select_related(
        "purchase_order", "load", "product", "storage_supplier", "storage_plant"
    )
    serializer_class = ColdStorageEntrySerializer
    filterset_class = ColdStorageEntryFilter
    search_fields = ["description", "lot_number", "purchase_order__number", "load__number", "product__code"]
    ordering_fields = ["stored_on", "production_date", "released_on", "total_cost", "created_at"]
    ordering = ["-stored_on", "-id"]
    csv_import_key = None  # no natural key; entries are recorded one by one
