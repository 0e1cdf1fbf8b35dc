"""The accounting hand-off: a double-entry journal of every posted money event, the tenant's account mapping and
the export log.

- `JournalEntry` + `JournalLine`: one entry per money event (an invoice issued, a bill approved, a payment out
  voided, ...), in ONE currency, whose debits equal its credits. Posted only by apps.accounting.services.post_entry,
  never edited or deleted; a void or a correction is a new entry that reverses the old one (`reverses`). Each line
  keeps the account code and name it was posted to (the mapping of that moment).
- `AccountMapping`: per tenant, which account of the tenant's chart each role (accounts receivable, sales, cash,
  ...) posts to; created with the defaults on first use, edited by owners and admins.
- `ExportBatch`: one export (CSV and QuickBooks IIF files of its entries); an entry is in at most one batch, so
  nothing is exported twice."""

from django.db import models
from django.db.models import F, Q

from apps.core.choices import Currency
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField


class AccountRole(models.TextChoices):
    """What an account is used for in the postings (apps.accounting.rules); the tenant maps each to its chart."""

    CASH = "cash", "Cash (bank)"
    ACCOUNTS_RECEIVABLE = "accounts_receivable", "Accounts receivable"
    ACCOUNTS_PAYABLE = "accounts_payable", "Accounts payable"
    SALES_TAX_PAYABLE = "sales_tax_payable", "Sales tax payable"
    SALES = "sales", "Sales"
    SALES_CREDITS = "sales_credits", "Sales returns and credits"
    FREIGHT_INCOME = "freight_income", "Freight billed to customers"
    PRODUCT_COST = "product_cost", "Cost of goods sold: product"
    FREIGHT_COST = "freight_cost", "Cost of goods sold: freight"
    CLAIMS_RECOVERY = "claims_recovery", "Claims recovered (chargebacks)"


# The defaults every tenant starts with: role -> (code, name). docs/api/accounting.md lists them.
DEFAULT_ACCOUNTS = {
    AccountRole.CASH: ("1000", "Cash"),
    AccountRole.ACCOUNTS_RECEIVABLE: ("1100", "Accounts Receivable"),
    AccountRole.ACCOUNTS_PAYABLE: ("2000", "Accounts Payable"),
    AccountRole.SALES_TAX_PAYABLE: ("2200", "Sales Tax Payable"),
    AccountRole.SALES: ("4000", "Sales"),
    AccountRole.SALES_CREDITS: ("4100", "Sales Returns and Credits"),
    AccountRole.FREIGHT_INCOME: ("4200", "Freight Income"),
    AccountRole.PRODUCT_COST: ("5000", "Cost of Goods Sold - Product"),
    AccountRole.FREIGHT_COST: ("5100", "Cost of Goods Sold - Freight"),
    AccountRole.CLAIMS_RECOVERY: ("5200", "Claims Recovery"),
}

ACCOUNT_CODE_MAX = 20
ACCOUNT_NAME_MAX = 100


class AccountMapping(TenantOwnedModel):
    role = models.CharField(max_length=30, choices=AccountRole.choices, editable=False)
    code = models.CharField(max_length=ACCOUNT_CODE_MAX, help_text="The account's number in the tenant's chart.")
    name = models.CharField(
        max_length=ACCOUNT_NAME_MAX,
        help_text="The account's name exactly as in the accounting system (QuickBooks matches IIF lines by name).",
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["code", "role"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "role"], name="accounting_mapping_role_unique"),
            models.CheckConstraint(condition=~Q(code="") & ~Q(name=""), name="accounting_mapping_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SourceKind(models.TextChoices):
    """The documents whose events are posted."""

    INVOICE = "invoice", "Invoice"
    CREDIT_MEMO = "credit_memo", "Credit memo"
    CUSTOMER_PAYMENT = "customer_payment", "Customer payment"
    SUPPLIER_BILL = "supplier_bill", "Supplier bill"
    FREIGHT_BILL = "freight_bill", "Freight bill"
    PAYMENT_OUT = "payment_out", "Payment out"
    DEBIT_MEMO = "debit_memo", "Debit memo (chargeback)"


class ExportBatch(TenantOwnedModel):
    """One export of the journal: every posted entry dated up to `to_date` (and from `from_date`, when given) that no
    earlier batch holds. Its files are made from its entries on every download, so they are the same each time."""

    number = models.CharField(max_length=30, editable=False, help_text="EXP-2026-000001, allocated on creation.")
    from_date = models.DateField(null=True, blank=True, help_text="Entries dated on or after this day (optional).")
    to_date = models.DateField(help_text="Entries dated up to and including this day.")
    entry_count = models.PositiveIntegerField(default=0, editable=False)
    line_count = models.PositiveIntegerField(default=0, editable=False)
    totals = models.JSONField(
        default=dict, blank=True, editable=False, help_text="Debits (= credits) per currency: {currency: amount}."
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="accounting_batch_number_unique"),
            models.CheckConstraint(
                condition=Q(from_date__isnull=True) | Q(from_date__lte=F("to_date")), name="accounting_batch_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"export batch {self.pk}"


class JournalEntry(TenantOwnedModel):
    number = models.CharField(max_length=30, editable=False, help_text="JE-2026-000001, allocated on posting.")
    entry_date = models.DateField(help_text="The business date of the event (the invoice date, the void's day, ...).")
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(help_text="The document's id (kept when the document is deleted).")
    source_number = models.CharField(max_length=30, help_text="The document's number, e.g. INV-2026-000123.")
    event = models.CharField(max_length=30, help_text="issued, voided, approved, received, ...")
    partner_name = models.CharField(max_length=200, blank=True, help_text="The customer, supplier or carrier.")
    currency = models.CharField(max_length=3, choices=Currency.choices)
    description = models.CharField(max_length=255)
    amount = MoneyField(help_text="The entry's debits (= its credits).")
    reverses = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        help_text="The entry this one takes back (a void, a correction).",
    )
    export_batch = models.ForeignKey(
        ExportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-entry_date", "-id"]
        verbose_name_plural = "journal entries"
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="accounting_entry_number_unique"),
            # An event posts once: the idempotency key of apps.accounting.services.post_entry.
            models.UniqueConstraint(
                fields=["tenant", "source_kind", "source_id", "event"], name="accounting_entry_event_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="accounting_entry_amount_gt_0"),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="accounting_entry_tcr"),
            models.Index(fields=["tenant", "entry_date"], name="accounting_entry_date"),
            models.Index(fields=["tenant", "export_batch", "entry_date"], name="accounting_entry_batch"),
            models.Index(fields=["tenant", "source_kind", "source_id"], name="accounting_entry_source"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"journal entry {self.pk}"


class JournalLine(TenantOwnedModel):
    """One side of an entry: a debit or a credit (never both, never zero) to one account."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    line_number = models.PositiveSmallIntegerField()
    account_role = models.CharField(max_length=30, choices=AccountRole.choices)
    account_code = models.CharField(max_length=ACCOUNT_CODE_MAX)
    account_name = models.CharField(max_length=ACCOUNT_NAME_MAX)
    debit = MoneyField()
    credit = MoneyField()
    memo = models.CharField(max_length=255, blank=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["entry_id", "line_number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="accounting_line_one_side",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="accounting_line_tcr"),
            models.Index(fields=["tenant", "account_code"], name="accounting_line_account"),
        ]

    def __str__(self) -> str:
        return f"{self.account_code} Dr {self.debit} Cr {self.credit}"
