"""The journal's read shapes, the account mapping (edited through services.update_account) and export batches
(created through services.create_export)."""

from rest_framework import serializers

from apps.core.serializers import TenantOwnedSerializer

from .models import AccountMapping, ExportBatch, JournalEntry, JournalLine


class JournalLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = JournalLine
        fields = ["line_number", "account_role", "account_code", "account_name", "debit", "credit", "memo"]
        read_only_fields = fields


class JournalEntrySerializer(TenantOwnedSerializer):
    """A posted entry: read-only (entries are posted by the money services, never through the API)."""

    lines = JournalLineSerializer(many=True, read_only=True)
    reverses_number = serializers.CharField(source="reverses.number", read_only=True, allow_null=True)
    export_batch_number = serializers.CharField(source="export_batch.number", read_only=True, allow_null=True)
    exported = serializers.SerializerMethodField()

    class Meta:
        model = JournalEntry
        fields = [
            "id",
            "number",
            "entry_date",
            "source_kind",
            "source_id",
            "source_number",
            "event",
            "partner_name",
            "currency",
            "description",
            "amount",
            "reverses",
            "reverses_number",
            "export_batch",
            "export_batch_number",
            "exported",
            "lines",
            "created_at",
        ]
        read_only_fields = fields

    def get_exported(self, entry) -> bool:
        return entry.export_batch_id is not None


class AccountMappingSerializer(TenantOwnedSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = AccountMapping
        fields = ["id", "role", "role_label", "code", "name", "updated_at"]
        read_only_fields = ["role", "updated_at"]
        # The service strips and checks them (400 naming the field); no model-length error first.
        extra_kwargs = {"code": {"max_length": None}, "name": {"max_length": None}}

    def validate(self, attrs):
        from .services import clean_account

        instance = self.instance
        code, name = clean_account(
            attrs.get("code", instance.code if instance else None),
            attrs.get("name", instance.name if instance else None),
        )
        return {**attrs, "code": code, "name": name}


class ExportBatchSerializer(TenantOwnedSerializer):
    """An export of the journal: `to_date` (required) and `from_date` (optional) on create; the rest is computed."""

    created_by_name = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    currencies = serializers.SerializerMethodField()

    class Meta:
        model = ExportBatch
        fields = [
            "id",
            "number",
            "from_date",
            "to_date",
            "entry_count",
            "line_count",
            "totals",
            "currencies",
            "created_by_name",
            "created_at",
        ]
        read_only_fields = ["number", "entry_count", "line_count", "totals", "created_at"]

    def get_currencies(self, batch) -> list[str]:
        return sorted(batch.totals or {})
