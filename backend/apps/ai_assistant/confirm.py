"""Review and confirm: the reviewer's corrections turn a draft into records through the apps' own services, in
one transaction. Until this runs nothing of a document touches the business tables."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from rest_framework import serializers

from apps.core.choices import Currency
from apps.core.exceptions import Conflict
from apps.core.serializers import TenantPrimaryKeyRelatedField

from .models import Document, DocumentStatus
from .schema import PRICE_UNITS, value

ACTIONS = ["purchase_order", "sales_order", "attach_to_load", "counterparty_only"]
DEFAULT_ACTION = {
    "purchase_order": "sales_order",  # a customer's purchase order is the broker's sale
    "sales_confirmation": "purchase_order",  # a supplier's confirmation is the broker's purchase
    "invoice": "counterparty_only",
    "bill_of_lading": "attach_to_load",
}
AUTO_MATCH = 0.85  # a match this good is used when the reviewer does not choose


def _qs(path: str):
    from django.apps import apps

    return apps.get_model(path).objects.all()


class NewCompanySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    name = serializers.CharField(max_length=200)


class ConfirmLineSerializer(serializers.Serializer):
    product = TenantPrimaryKeyRelatedField(queryset=_qs("products.Product"), required=False, allow_null=True)
    description = serializers.CharField(max_length=255, required=False, allow_blank=True)
    boxes = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    weight_lb = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True
    )
    unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=4, min_value=Decimal("0"), required=False, allow_null=True
    )
    price_unit = serializers.ChoiceField(choices=PRICE_UNITS, required=False)


class ConfirmSerializer(serializers.Serializer):
    """The reviewer's decisions. Omitted values come from the draft and from matches scoring >= 0.85."""

    action = serializers.ChoiceField(choices=ACTIONS, required=False)
    supplier = TenantPrimaryKeyRelatedField(queryset=_qs("suppliers.Supplier"), required=False, allow_null=True)
    customer = TenantPrimaryKeyRelatedField(queryset=_qs("customers.Customer"), required=False, allow_null=True)
    create_counterparty = NewCompanySerializer(required=False, help_text="Create this supplier/customer first.")
    carrier = TenantPrimaryKeyRelatedField(queryset=_qs("carriers.Carrier"), required=False, allow_null=True)
    plant = TenantPrimaryKeyRelatedField(queryset=_qs("plants.Plant"), required=False, allow_null=True)
    load = TenantPrimaryKeyRelatedField(
        queryset=_qs("loads.Load"), required=False, allow_null=True, help_text="The load a bill of lading belongs to."
    )
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    order_date = serializers.DateField(required=False, allow_null=True)
    ship_date = serializers.DateField(required=False, allow_null=True)
    delivery_date = serializers.DateField(required=False, allow_null=True)
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    lines = ConfirmLineSerializer(many=True, required=False)
    confirm_duplicate = serializers.BooleanField(
        required=False,
        help_text="Create the order although one with the same customer PO / supplier confirmation exists (else 409).",
    )


class DiscardSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


def _auto(matches: list | None):
    best = (matches or [None])[0]
    return best["id"] if best and best.get("score", 0) >= AUTO_MATCH else None


def _model_pk(model_path: str, tenant, pk):
    if pk is None:
        return None
    return _qs(model_path).filter(tenant=tenant, pk=pk).first()


def _draft_lines(document: Document) -> list[dict]:
    lines = []
    for index, line in enumerate(document.extraction.get("line_items") or []):

        def get(key, line=line):
            return (line.get(key) or {}).get("value")

        line_matches = document.matches.get("lines") or []
        product_id = _auto(line_matches[index] if index < len(line_matches) else None)
        lines.append(
            {
                "product": _model_pk("products.Product", document.tenant, product_id),
                "description": get("description") or "",
                "boxes": get("boxes"),
                "weight_lb": None if get("weight_lb") is None else Decimal(str(get("weight_lb"))),
                "unit_price": None if get("unit_price") is None else Decimal(str(get("unit_price"))),
                "price_unit": get("price_unit") or "lb",
            }
        )
    return lines


def _create_company(model_path: str, tenant, by, data: dict):
    from django.core.exceptions import ValidationError as DjangoValidationError

    model = _qs(model_path).model
    if model.objects.filter(tenant=tenant, code=data["code"]).exists():
        raise serializers.ValidationError(
            {"create_counterparty": {"code": [f"A record with code {data['code']} already exists."]}}
        )
    company = model(tenant=tenant, created_by=by, code=data["code"], name=data["name"])
    try:
        company.full_clean(exclude=["tenant", "created_by"])
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"create_counterparty": exc.message_dict}) from exc
    company.save()
    return company


def confirm_document(document: Document, *, by, data: dict) -> Document:
    """Create the records the reviewer confirmed; the document links to them. One transaction."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.EXTRACTED:
            raise Conflict(
                f"Only an extracted draft can be confirmed; this document is {document.get_status_display().lower()}.",
                code="document_not_extracted",
            )
        tenant = document.tenant
        draft = document.extraction
        action = data.get("action") or DEFAULT_ACTION.get(value(draft, "document_type") or "", "counterparty_only")
        if action == "attach_to_load":
            return _attach_to_load(document, by=by, data=data)
        role = "customer" if action == "sales_order" else "supplier"
        if action == "counterparty_only":
            role = value(draft, "counterparty.role") or "supplier"
        model_path = "customers.Customer" if role == "customer" else "suppliers.Supplier"
        created = []
        company = data.get(role)
        if company is None and data.get("create_counterparty"):
            company = _create_company(model_path, tenant, by, data["create_counterparty"])
            created.append({"type": role, "id": company.pk, "label": f"{company.code} {company.name}", "new": True})
        if company is None and document.matches.get("counterparty_model") == role:
            company = _model_pk(model_path, tenant, _auto(document.matches.get("counterparty")))
        if company is None:
            raise serializers.ValidationError(
                {role: [f"Choose the {role} (or send create_counterparty with a code and name)."]}
            )
        if not any(r["type"] == role for r in created):
            created.append({"type": role, "id": company.pk, "label": f"{company.code} {company.name}", "new": False})
        carrier = (
            data["carrier"]
            if "carrier" in data
            else _model_pk("carriers.Carrier", tenant, _auto(document.matches.get("carrier")))
        )
        number = data.get("document_number", value(draft, "document_number") or "")
        order_date = data.get("order_date") or value(draft, "document_date")
        ship_date = data.get("ship_date", value(draft, "ship_date"))
        delivery_date = data.get("delivery_date", value(draft, "delivery_date"))
        currency = data.get("currency") or value(draft, "currency") or "USD"
        lines = data["lines"] if "lines" in data else _draft_lines(document)
        notes = data.get("notes") or f"Created from document {document.original_name} (#{document.pk})."

        if action == "purchase_order":
            from apps.purchase_orders.services import create_purchase_order

            plant = (
                data["plant"]
                if "plant" in data
                else _model_pk("plants.Plant", tenant, ((document.matches.get("plants") or [{}])[0]).get("id"))
            )
            fields = {
                "supplier_confirmation_number": number[:100],
                "carrier": carrier,
                "currency": currency,
                "notes": notes,
                "pickup_date": ship_date,
                "delivery_date": delivery_date,
                "plant": plant,
            }
            if order_date:
                fields["order_date"] = order_date
            order = create_purchase_order(
                tenant,
                by=by,
                supplier=company,
                lines=[_po_line(line) for line in lines],
                confirm_duplicate=data.get("confirm_duplicate", False),
                **{k: v for k, v in fields.items() if v not in (None, "")},
            )
            created.append({"type": "purchase_order", "id": order.pk, "label": order.number, "new": True})
        elif action == "sales_order":
            from apps.sales_orders.services import create_sales_order

            missing = [str(i) for i, line in enumerate(lines, start=1) if line.get("product") is None]
            if missing:
                raise serializers.ValidationError(
                    {"lines": [f"Choose a product for line(s) {', '.join(missing)}: sales order lines need one."]}
                )
            fields = {
                "customer_po_number": number[:100],
                "carrier": carrier,
                "currency": currency,
                "notes": notes,
                "pickup_date": ship_date,
                "delivery_date": delivery_date,
                "order_date": order_date,
            }
            order = create_sales_order(
                tenant=tenant,
                by=by,
                customer=company,
                lines=[_so_line(line) for line in lines],
                confirm_duplicate=data.get("confirm_duplicate", False),
                **{k: v for k, v in fields.items() if v not in (None, "")},
            )
            created.append({"type": "sales_order", "id": order.pk, "label": order.number, "new": True})

        document.status = DocumentStatus.CONFIRMED
        document.confirmed_at = timezone.now()
        document.confirmed_by = by
        document.created_records = created
        document.corrections = _jsonable({**data, "action": action})
        document.save()
    return document


def find_load_for(document: Document):
    """The load a bill of lading belongs to: by its BOL number, else by the PO number it quotes."""
    from apps.loads.models import Load

    loads = Load.objects.filter(tenant=document.tenant)
    number = value(document.extraction, "document_number")
    reference = value(document.extraction, "reference_number")
    if number and (load := loads.filter(bol_number__iexact=number).first()):
        return load
    if reference:
        return loads.filter(purchase_orders__number__iexact=reference).order_by("-id").first()
    return None


def _attach_to_load(document: Document, *, by, data: dict) -> Document:
    from apps.loads.services import update_load

    load = data.get("load") or find_load_for(document)
    if load is None:
        raise serializers.ValidationError({"load": ["Choose the load this bill of lading belongs to."]})
    number = data.get("document_number") or value(document.extraction, "document_number") or ""
    fields = {"bol_number": number[:50]} if number else {}
    if fields:
        load = update_load(load, by=by, **fields)
    document.status = DocumentStatus.CONFIRMED
    document.confirmed_at = timezone.now()
    document.confirmed_by = by
    document.created_records = [{"type": "load", "id": load.pk, "label": load.number, "new": False}]
    document.corrections = _jsonable({**data, "action": "attach_to_load"})
    document.save()
    return document


def _po_line(line: dict) -> dict:
    out = {
        "product": line.get("product"),
        "description": line.get("description") or "",
        "boxes": line.get("boxes"),
        "estimated_weight_lb": line.get("weight_lb"),
        "unit_price": line.get("unit_price"),
        "price_unit": line.get("price_unit") or "lb",
    }
    return {k: v for k, v in out.items() if v is not None}


def _so_line(line: dict) -> dict:
    return _po_line(line)


def _jsonable(data):
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if hasattr(data, "_meta"):
        return data.pk
    if isinstance(data, Decimal):
        return str(data)
    if hasattr(data, "isoformat"):
        return data.isoformat()
    return data


def discard_document(document: Document, *, by, reason: str = "") -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status == DocumentStatus.CONFIRMED:
            raise Conflict("A confirmed document cannot be discarded; its records exist.", code="document_confirmed")
        document.status = DocumentStatus.DISCARDED
        document.discarded_at = timezone.now()
        if reason:
            document.corrections = {**(document.corrections or {}), "discard_reason": reason}
        document.save()
    return document
