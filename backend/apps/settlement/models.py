"""Load settlement (the broker's P&L per load): while a load is open its statement is computed live from the
documents (invoices and credit memos, supplier and freight bills, cold storage, claims); settling it freezes the
figures as `SettlementEntry` rows (one per document figure, with the report dimensions it is attributed to) and
the statement itself in `figures`. Reports and commissions read the frozen rows only."""

from django.conf import settings
from django.db import models

from apps.core.choices import Currency
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField


class SettlementStatus(models.TextChoices):
    OPEN = "open", "Open"
    SETTLED = "settled", "Settled"


class LoadSettlement(TenantOwnedModel):
    load = models.OneToOneField("loads.Load", on_delete=models.PROTECT, related_name="settlement")
    status = models.CharField(
        max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.OPEN, editable=False
    )
    notes = models.TextField(blank=True)
    period_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The day the settled figures count on in reports: the load's delivery date (else its pickup "
        "date, else the day it was settled).",
    )
    settled_at = models.DateTimeField(null=True, blank=True, editable=False)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    figures = models.JSONField(
        default=dict, blank=True, editable=False, help_text="The statement as it was settled (empty while open)."
    )
    reopened_at = models.DateTimeField(null=True, blank=True, editable=False)
    reopen_reason = models.TextField(blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="settlement_ls_tcr"),
            models.Index(fields=["tenant", "status", "period_date"], name="settlement_ls_status_day"),
        ]

    def __str__(self) -> str:
        return f"settlement of load {self.__dict__.get('load_id')}"


class EntryKind(models.TextChoices):
    REVENUE = "revenue", "Revenue"
    PRODUCT_COST = "product_cost", "Product cost"
    FREIGHT = "freight", "Freight"
    COLD_STORAGE = "cold_storage", "Cold storage"
    CLAIMS = "claims", "Claims"


class EntryBasis(models.TextChoices):
    ESTIMATE = "estimate", "Estimate"
    ACTUAL = "actual", "Actual"


class SettlementEntry(TenantOwnedModel):
    """One figure of a settled load: what kind, estimate or actual, in which currency, from which document, and
    the report dimensions it belongs to (a dimension is set when the document has exactly one value of it: an
    invoice line its product; a freight bill the load's customer when the load has one customer)."""

    settlement = models.ForeignKey(LoadSettlement, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=15, choices=EntryKind.choices)
    basis = models.CharField(max_length=10, choices=EntryBasis.choices)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    amount = MoneyField(
        help_text="Revenue and costs are positive; a credit memo or a chargeback recovered is negative."
    )
    document = models.CharField(max_length=60, blank=True, help_text="INV-…, BILL-…, CM-…, the rate confirmation…")
    label = models.CharField(max_length=255, blank=True)
    customer = models.ForeignKey(
        "customers.Customer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey("products.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    protein = models.ForeignKey("core.Protein", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sales_rep = models.ForeignKey(
        "tenants.TenantUser", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lane = models.CharField(
        max_length=255, blank=True, help_text="Origin → destination, e.g. 'Greeley, CO → Houston, TX'."
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["settlement_id", "id"]
        verbose_name_plural = "settlement entries"
        indexes = [models.Index(fields=["tenant", "-created_at"], name="settlement_entry_tcr")]

    def __str__(self) -> str:
        return f"{self.__dict__.get('kind')} {self.__dict__.get('amount')} {self.__dict__.get('currency')}"
