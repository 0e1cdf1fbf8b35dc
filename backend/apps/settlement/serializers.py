"""Load settlement shapes (written through services.py) and the statement, report and commission shapes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer
from apps.core.workflow_api import WorkflowSerializerMixin

from . import services
from .models import EntryBasis, EntryKind, LoadSettlement

MONEY = {"max_digits": 14, "decimal_places": 2}


class FigureSerializer(serializers.Serializer):
    estimate = serializers.DecimalField(**MONEY)
    actual = serializers.DecimalField(**MONEY)
    variance = serializers.DecimalField(**MONEY, help_text="actual - estimate")


class CurrencyTotalsSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="Every figure of the row is in this currency (never converted).")
    revenue = FigureSerializer()
    product_cost = FigureSerializer()
    freight = FigureSerializer()
    cold_storage = FigureSerializer()
    claims = FigureSerializer(help_text="Credits to the customer for approved claims less chargebacks recovered.")
    margin = FigureSerializer(help_text="revenue - product cost - freight - cold storage - claims.")


class EntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    basis = serializers.ChoiceField(choices=EntryBasis.choices)
    currency = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    document = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)
    customer_id = serializers.IntegerField(allow_null=True)
    supplier_id = serializers.IntegerField(allow_null=True)
    product_id = serializers.IntegerField(allow_null=True)
    protein_id = serializers.IntegerField(allow_null=True)
    sales_rep_id = serializers.IntegerField(allow_null=True)
    lane = serializers.CharField(allow_blank=True)


class MissingDocumentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["delivery", "invoice", "supplier_bill", "freight_bill", "claim"])
    document = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class SettlementStatementSerializer(serializers.Serializer):
    totals = CurrencyTotalsSerializer(many=True, help_text="One row per currency, the reporting currency first.")
    entries = EntrySerializer(many=True)
    missing = MissingDocumentSerializer(many=True, help_text="What is not in yet; [] when the load can be settled.")


class LoadSettlementSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    load_number = serializers.CharField(source="load.number", read_only=True)
    load_status = serializers.CharField(source="load.status", read_only=True)
    settled_by_name = serializers.SerializerMethodField()
    statement = serializers.SerializerMethodField(
        help_text="The figures: frozen once settled, live from the documents while open (detail reads only; null in "
        "lists)."
    )
    margin = serializers.SerializerMethodField(
        help_text="The settled margin per currency ({currency: amount}); {} while open."
    )

    class Meta:
        model = LoadSettlement
        fields = [
            "id",
            "load",
            "load_number",
            "load_status",
            "status",
            "allowed_actions",
            "editable_fields",
            "notes",
            "period_date",
            "settled_at",
            "settled_by",
            "settled_by_name",
            "reopened_at",
            "reopen_reason",
            "margin",
            "statement",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "period_date", "settled_at", "settled_by", "reopened_at", "reopen_reason"]

    def get_settled_by_name(self, settlement) -> str:
        user = settlement.settled_by
        return "" if user is None else (user.get_full_name() or user.username)

    @extend_schema_field(serializers.DictField(child=serializers.DecimalField(**MONEY)))
    def get_margin(self, settlement) -> dict:
        totals = (settlement.figures or {}).get("totals") or []
        return {row["currency"]: row["margin"]["actual"] for row in totals}

    @extend_schema_field(SettlementStatementSerializer(allow_null=True))
    def get_statement(self, settlement):
        view = self.context.get("view")
        if view is not None and getattr(view, "action", None) == "list":
            return None
        return SettlementStatementSerializer(services.current_statement(settlement)).data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "load" in attrs and attrs["load"].pk != self.instance.load_id:
            raise serializers.ValidationError({"load": ["A settlement stays on its load."]})
        return attrs


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Why (kept on the settlement's timeline).")
