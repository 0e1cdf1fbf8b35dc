"""Purchase order endpoints: CRUD with nested lines, the status actions, the PDF / e-mail and the timeline.
Every write goes through services.py."""

from django.db.models import Prefetch

from apps.core.documents import PdfDocumentMixin, TimelineMixin
from apps.core.pdf import BusinessDocument, money_text
from apps.core.views import TenantModelViewSet
from apps.core.workflow_api import WorkflowViewSetMixin

from . import services
from .filters import PurchaseOrderFilter
from .models import PurchaseOrder, PurchaseOrderLine
from .serializers import PurchaseOrderSerializer


def _weight(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def _date(value) -> str:
    return value.isoformat() if value else "-"


class PurchaseOrderViewSet(WorkflowViewSetMixin, TimelineMixin, PdfDocumentMixin, TenantModelViewSet):
    queryset = PurchaseOrder.objects.select_related(
        "supplier", "plant", "carrier", "customer", "supplier_contact"
    ).prefetch_related(
        Prefetch("lines", queryset=PurchaseOrderLine.objects.select_related("product")), "load_orders__load"
    )
    serializer_class = PurchaseOrderSerializer
    filterset_class = PurchaseOrderFilter
    search_fields = [
        "number",
        "supplier_confirmation_number",
        "carrier_release_number",
        "supplier__name",
        "supplier__code",
        "plant__name",
        "customer__name",
        "lines__description",
    ]
    ordering_fields = ["number", "order_date", "pickup_date", "delivery_date", "status", "total", "created_at"]
    ordering = ["-order_date", "-id"]
    csv_import_key = None  # orders are raised through the API (numbers, lines, workflow), not imported
    document_name = "purchase_order"

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self.request, "query_params", {}).get("search"):
            queryset = queryset.distinct()  # searching lines joins them
        return queryset

    # --- CRUD through the services ------------------------------------------------------------------------

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", [])
        supplier = data.pop("supplier")
        serializer.instance = services.create_purchase_order(
            self.request.tenant, by=self.request.user, supplier=supplier, lines=lines, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        serializer.instance = services.update_purchase_order(
            serializer.instance, by=self.request.user, role=self.request.membership.role, lines=lines, **data
        )

    def perform_destroy(self, instance):
        services.delete_purchase_order(instance, by=self.request.user)

    # The status actions (confirm, pick-up, receive, close, cancel) come from workflows.py; `send` is the
    # document mixin's (e-mails the PDF; a draft becomes sent).

    # --- the document -------------------------------------------------------------------------------------

    def default_recipients(self, order) -> list[str]:
        contact_email = order.supplier_contact.email if order.supplier_contact_id else ""
        return [contact_email or order.supplier.email] if (contact_email or order.supplier.email) else []

    def build_document(self, order) -> BusinessDocument:
        supplier = order.supplier
        party = [supplier.name]
        if supplier.address_line1:
            party.append(supplier.address_line1)
        city = ", ".join(part for part in (supplier.city, f"{supplier.state} {supplier.postal_code}".strip()) if part)
        if city:
            party.append(city)
        if order.supplier_contact_id:
            contact = order.supplier_contact
            party.append(f"Attn: {contact} {contact.email}".strip())
        elif supplier.email:
            party.append(supplier.email)
        plant = order.plant
        window = ""
        if order.pickup_window_from or order.pickup_window_to:
            start = order.pickup_window_from.strftime("%H:%M") if order.pickup_window_from else ""
            end = order.pickup_window_to.strftime("%H:%M") if order.pickup_window_to else ""
            window = f" {start}-{end}"
        facts = [
            ("Order date", _date(order.order_date)),
            ("Status", order.get_status_display()),
            ("Supplier confirmation", order.supplier_confirmation_number or "-"),
            ("Pickup at", str(plant) if plant else "-"),
            ("Pickup date", f"{_date(order.pickup_date)}{window}"),
            ("Delivery date", _date(order.delivery_date)),
            ("Freight terms", order.get_freight_terms_display()),
            ("Carrier", str(order.carrier) if order.carrier_id else "-"),
            ("Release format", order.get_carrier_release_format_display() or "-"),
            ("Release number", order.carrier_release_number or "-"),
            ("Appointments by", order.get_appointment_method_display() or "-"),
        ]
        rows = [
            [
                str(line.line_number),
                line.product.code if line.product_id else "",
                line.description,
                line.get_fresh_frozen_display() or "",
                "" if line.boxes is None else str(line.boxes),
                _weight(line.estimated_weight_lb),
                _weight(line.actual_weight_lb),
                f"{line.unit_price:,.4f}",
                line.price_unit,
                money_text(line.line_total, order.currency),
            ]
            for line in order.lines.all()
        ]
        return BusinessDocument(
            title="PURCHASE ORDER",
            number=order.number,
            issuer=[order.tenant.name],
            party_label="Supplier",
            party=party,
            facts=facts,
            columns=[
                ("#", 7, "L"),
                ("Item", 14, "L"),
                ("Description", 50, "L"),
                ("F/F", 12, "L"),
                ("Boxes", 12, "R"),
                ("Est. lb", 20, "R"),
                ("Actual lb", 20, "R"),
                ("Price", 18, "R"),
                ("Per", 10, "L"),
                ("Total", 27, "R"),
            ],
            rows=rows,
            totals=[
                ("Total weight (lb)", _weight(order.total_weight_lb)),
                ("Total", money_text(order.total, order.currency)),
            ],
            notes=[note for note in [order.notes] if note],
        )
