"""Invoices (what a customer owes, at actual weights) and credit memos (reductions of one invoice's balance).

Money columns are maintained by apps.invoices.services only; the database checks the invariants:
amounts never negative, paid + credited never above the total, and the balance always
total - paid - credited (zero once void)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils import timezone

from apps.core.choices import Currency
from apps.core.lines.models import TRACE_FIELDS, PricedLine, TraceableLine
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, WeightField


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


# Invoices a customer owes money on (drafts are not receivables yet).
RECEIVABLE_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)


class Invoice(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="INV-2026-000123, allocated on creation.")
    status = models.CharField(max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="invoices")
    sales_order = models.ForeignKey(
        "sales_orders.SalesOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    customer_po_number = models.CharField("customer PO number", max_length=100, blank=True)
    invoice_date = models.DateField(default=timezone.localdate)
    payment_terms_days = models.PositiveSmallIntegerField(
        default=0, help_text="The customer's terms when the invoice was made (net days)."
    )
    due_date = models.DateField()
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    notes = models.TextField(blank=True)

    subtotal = MoneyField(editable=False)
    freight_amount = MoneyField("freight charge", validators=[MinValueValidator(Decimal("0"))])
    tax_amount = MoneyField("tax", validators=[MinValueValidator(Decimal("0"))])
    total = MoneyField(editable=False)
    amount_paid = MoneyField(editable=False)
    credited_amount = MoneyField(editable=False)
    balance_due = MoneyField(editable=False)

    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    paid_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    void_reason = models.TextField(blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-invoice_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="invoices_invoice_number_unique"),
            models.UniqueConstraint(
                fields=["sales_order"], condition=~Q(status="void"), name="invoices_invoice_one_per_order"
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0)
                & Q(freight_amount__gte=0)
                & Q(tax_amount__gte=0)
                & Q(total__gte=0)
                & Q(amount_paid__gte=0)
                & Q(credited_amount__gte=0)
                & Q(balance_due__gte=0),
                name="invoices_invoice_amounts_gte_0",
            ),
            # Sums are rounded to cents inside the checks: SQLite computes decimals in floating point.
            models.CheckConstraint(
                condition=Q(total__gte=Round(F("amount_paid") + F("credited_amount"), 2)),
                name="invoices_invoice_paid_credited_lte_total",
            ),
            models.CheckConstraint(
                condition=Q(status="void", balance_due=0)
                | (~Q(status="void") & Q(balance_due=Round(F("total") - F("amount_paid") - F("credited_amount"), 2))),
                name="invoices_invoice_balance_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="invoices_invoice_tcr"),
            # Keyset pages and page 1 in the default and created orderings (apps.core.pagination).
            models.Index(fields=["tenant", "-invoice_date", "-id"], name="invoices_inv_key_invo"),
            models.Index(fields=["tenant", "-created_at", "-id"], name="invoices_inv_key_crea"),
            models.Index(fields=["tenant", "status", "due_date"], name="invoices_invoice_status_due"),
            models.Index(fields=["tenant", "customer", "status"], name="invoices_invoice_cust_status"),
            models.Index(fields=["tenant", "-invoice_date"], name="invoices_invoice_date"),
        ]

    def __str__(self) -> str:
        # Only loaded fields: a protected-delete report may hold rows with most fields deferred.
        return self.__dict__.get("number") or f"invoice {self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def days_overdue(self) -> int:
        """Days past the due date while money is still owed; 0 otherwise."""
        if self.status not in RECEIVABLE_STATUSES or self.balance_due <= 0 or self.due_date is None:
            return 0
        return max((timezone.localdate() - self.due_date).days, 0)


class InvoiceLine(TraceableLine, PricedLine):
    """One billed product (the shared line: apps.core.lines), at the one weight billed: the catch weight of the
    sales order line it comes from, or what was entered by hand."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    sales_order_line = models.ForeignKey(
        "sales_orders.SalesOrderLine", null=True, blank=True, on_delete=models.PROTECT, related_name="invoice_lines"
    )
    weight_lb = WeightField("billed weight (lb)", null=True, blank=True)

    parent_field = "invoice"
    weight_fields = ("weight_lb",)
    weight_needed_message = "A price per {unit} needs the billed weight."
    input_fields = PricedLine.input_fields | {"weight_lb"} | frozenset(TRACE_FIELDS)

    class Meta(PricedLine.Meta):
        ordering = ["invoice_id", "line_number", "id"]
        constraints = [
            *PricedLine.Meta.constraints,
            *TraceableLine.trace_constraints("invoices"),
            models.CheckConstraint(
                condition=Q(weight_lb__isnull=True) | Q(weight_lb__gte=0), name="invoices_line_weight_gte_0"
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="invoices_invoiceline_tcr"),
            models.Index(fields=["tenant", "establishment_number"], name="invoices_invoiceline_est"),
        ]


class CreditMemoReason(models.TextChoices):
    SHORT_WEIGHT = "short_weight", "Short weight"
    TEMPERATURE_REJECTION = "temperature_rejection", "Temperature rejection"
    PRICE_ADJUSTMENT = "price_adjustment", "Price adjustment"
    OTHER = "other", "Other"


class CreditMemoStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    VOID = "void", "Void"


class CreditMemo(TenantOwnedModel):
    """A reduction of one invoice's balance; the invoice and its lines stay as they were issued."""

    number = models.CharField(max_length=30, editable=False, help_text="CM-2026-000123, allocated on creation.")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_memos")
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="credit_memos", editable=False
    )
    memo_date = models.DateField(default=timezone.localdate)
    reason = models.CharField(max_length=25, choices=CreditMemoReason.choices)
    amount = MoneyField(validators=[MinValueValidator(Decimal("0.01"))])
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=CreditMemoStatus.choices, default=CreditMemoStatus.APPLIED, editable=False
    )
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-memo_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="invoices_creditmemo_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoices_creditmemo_amount_gt_0"),
        ]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="invoices_creditmemo_tcr")]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"credit memo {self.pk}"

    @property
    def is_active(self) -> bool:
        # DELETE voids a memo (the row stays); the generic tests read archival through is_active.
        return self.status != CreditMemoStatus.VOID
