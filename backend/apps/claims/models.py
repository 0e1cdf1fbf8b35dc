"""Customer claims against an invoice (shortage, temperature, quality, damage), with their photos and documents.
An approved claim becomes a credit memo to the customer (apps.invoices) and, when it names the supplier or
carrier responsible, a chargeback on that payee (a debit memo, apps.payables); the load's settlement counts it
under claims."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.core.choices import Currency
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, WeightField


class ClaimKind(models.TextChoices):
    SHORTAGE = "shortage", "Shortage"
    TEMPERATURE = "temperature", "Temperature"
    QUALITY = "quality", "Quality"
    DAMAGE = "damage", "Damage"


class ClaimStatus(models.TextChoices):
    OPEN = "open", "Open"
    UNDER_REVIEW = "under_review", "Under review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


# Claims that still may change a load's margin: the settlement waits for them.
UNDECIDED_STATUSES = (ClaimStatus.OPEN, ClaimStatus.UNDER_REVIEW)


class Claim(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="CL-2026-000123, allocated on creation.")
    status = models.CharField(max_length=15, choices=ClaimStatus.choices, default=ClaimStatus.OPEN, editable=False)
    kind = models.CharField(max_length=15, choices=ClaimKind.choices)
    invoice = models.ForeignKey("invoices.Invoice", on_delete=models.PROTECT, related_name="claims")
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        related_name="claims",
        editable=False,
        help_text="The invoice's customer.",
    )
    load = models.ForeignKey(
        "loads.Load",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        editable=False,
        help_text="The load the invoice's sales order travelled on.",
    )
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.USD, editable=False, help_text="The invoice's."
    )
    claim_date = models.DateField(default=timezone.localdate)
    description = models.TextField(blank=True, help_text="What the customer reports.")
    amount = MoneyField(
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What the customer claims: the lines' sum when there are lines, else entered.",
    )
    responsible_supplier = models.ForeignKey(
        "suppliers.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="Charged back on approval (one payee: a supplier or a carrier).",
    )
    responsible_carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    chargeback_amount = MoneyField(
        null=True,
        blank=True,
        default=None,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What the responsible payee is charged back (default: the approved amount).",
    )
    approved_amount = MoneyField(
        null=True, blank=True, default=None, editable=False, help_text="Credited to the customer."
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    decision_reason = models.TextField(blank=True, editable=False)
    credit_memo = models.ForeignKey(
        "invoices.CreditMemo", null=True, blank=True, on_delete=models.PROTECT, related_name="claims", editable=False
    )
    debit_memo = models.ForeignKey(
        "payables.DebitMemo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        editable=False,
        help_text="The chargeback (DM-…) on the responsible payee.",
    )
    notes = models.TextField(blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-claim_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="claims_claim_number_unique"),
            models.CheckConstraint(
                condition=Q(responsible_supplier__isnull=True) | Q(responsible_carrier__isnull=True),
                name="claims_claim_one_payee",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="claims_claim_amount_gte_0"),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="claims_claim_tcr"),
            models.Index(fields=["tenant", "status"], name="claims_claim_status"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"claim {self.pk}"


class ClaimLine(TenantOwnedModel):
    """What is claimed on one invoice line (or by description): boxes or pounds short, and the amount."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveSmallIntegerField(default=0)
    invoice_line = models.ForeignKey(
        "invoices.InvoiceLine", null=True, blank=True, on_delete=models.PROTECT, related_name="claim_lines"
    )
    description = models.CharField(max_length=255, blank=True)
    boxes = models.PositiveIntegerField(null=True, blank=True)
    weight_lb = WeightField("weight (lb)", null=True, blank=True, validators=[MinValueValidator(Decimal("0"))])
    amount = MoneyField(validators=[MinValueValidator(Decimal("0"))])

    class Meta(TenantOwnedModel.Meta):
        ordering = ["claim_id", "line_number", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="claims_line_amount_gte_0")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="claims_line_tcr")]

    def __str__(self) -> str:
        return self.__dict__.get("description") or f"claim line {self.pk}"


class ClaimDocumentKind(models.TextChoices):
    PHOTO = "photo", "Photo"
    TEMPERATURE_LOG = "temperature_log", "Temperature recorder log"
    INSPECTION = "inspection", "Inspection report"
    POD = "pod", "Proof of delivery"
    OTHER = "other", "Other"


class ClaimDocument(TenantOwnedModel):
    """A photo or document (uploaded through the assistant's document storage) attached to a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("ai_assistant.Document", on_delete=models.PROTECT, related_name="claim_links")
    kind = models.CharField(max_length=20, choices=ClaimDocumentKind.choices)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["claim_id", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "document"], name="claims_claimdocument_unique")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="claims_claimdoc_tcr")]

    def __str__(self) -> str:
        return f"claim {self.__dict__.get('claim_id')}: document {self.__dict__.get('document_id')}"
