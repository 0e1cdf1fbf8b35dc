"""Claim shapes (written through services.py) and the bodies of the decision actions."""

from rest_framework import serializers

from apps.ai_assistant.models import Document
from apps.core.history import user_display
from apps.core.serializers import AllErrorsMixin, TenantOwnedSerializer, TenantPrimaryKeyRelatedField
from apps.core.workflow_api import WorkflowSerializerMixin

from .models import Claim, ClaimDocument, ClaimDocumentKind, ClaimLine

MONEY = {"max_digits": 14, "decimal_places": 2}


class ClaimLineSerializer(AllErrorsMixin, serializers.ModelSerializer):
    serializer_related_field = TenantPrimaryKeyRelatedField

    class Meta:
        model = ClaimLine
        fields = ["id", "line_number", "invoice_line", "description", "boxes", "weight_lb", "amount"]
        read_only_fields = ["id", "line_number"]


class ClaimSerializer(WorkflowSerializerMixin, TenantOwnedSerializer):
    lines = ClaimLineSerializer(
        many=True, required=False, help_text="What is claimed per invoice line; the claim's amount is their sum."
    )
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    load_number = serializers.CharField(source="load.number", read_only=True, allow_null=True)
    credit_memo_number = serializers.CharField(source="credit_memo.number", read_only=True, allow_null=True)
    debit_memo_number = serializers.CharField(source="debit_memo.number", read_only=True, allow_null=True)
    decided_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "number",
            "status",
            "allowed_actions",
            "editable_fields",
            "kind",
            "invoice",
            "invoice_number",
            "customer",
            "customer_name",
            "load",
            "load_number",
            "currency",
            "claim_date",
            "description",
            "amount",
            "lines",
            "responsible_supplier",
            "responsible_carrier",
            "chargeback_amount",
            "approved_amount",
            "decided_at",
            "decided_by",
            "decided_by_name",
            "decision_reason",
            "credit_memo",
            "credit_memo_number",
            "debit_memo",
            "debit_memo_number",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "customer",
            "load",
            "currency",
            "approved_amount",
            "decided_at",
            "decided_by",
            "decision_reason",
            "credit_memo",
            "debit_memo",
        ]
        extra_kwargs = {"amount": {"required": False, "help_text": "Without lines: what the customer claims."}}

    def get_decided_by_name(self, claim) -> str:
        return user_display(claim.decided_by) if claim.decided_by_id else ""


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="Why (kept on the claim and its timeline).")


class ApproveClaimSerializer(ReasonSerializer):
    approved_amount = serializers.DecimalField(
        **MONEY, required=False, min_value=0, help_text="Credited to the customer (default: the amount claimed)."
    )
    chargeback_amount = serializers.DecimalField(
        **MONEY,
        required=False,
        min_value=0,
        help_text="Charged back to the responsible payee (default: the claim's, else the approved amount).",
    )


class ClaimDocumentSerializer(TenantOwnedSerializer):
    document = TenantPrimaryKeyRelatedField(queryset=Document.objects.all(), help_text="An uploaded document id.")
    kind = serializers.ChoiceField(choices=ClaimDocumentKind.choices)
    original_name = serializers.CharField(source="document.original_name", read_only=True)
    attached_by = serializers.SerializerMethodField()

    class Meta:
        model = ClaimDocument
        fields = ["id", "kind", "document", "original_name", "attached_by", "created_at"]
        read_only_fields = ["id", "created_at"]

    def get_attached_by(self, link) -> str:
        return user_display(link.created_by) if link.created_by_id else ""
