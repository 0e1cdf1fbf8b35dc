"""Accounts payable: supplier bills (a packer's invoice for a purchase order, at catch weight), matched three ways
against the order's price and the weight received; bills with variances beyond the tenant's tolerance are held
for a manager.

Money columns are kept by apps.payables.services only; the database checks the invariants (amounts never
negative, paid never above the total, balance = total - paid, zero once void)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils import timezone

from apps.core.choices import Currency, PriceUnit
from apps.core.models import TenantOwnedModel
from apps.core.money import MoneyField, UnitPriceField, WeightField


class SupplierBillStatus(models.TextChoices):
    """The lifecycle of every bill the broker owes (supplier bills and carrier freight bills)."""

    DRAFT = "draft", "Draft"
    HELD = "held", "Held (variance)"
    APPROVED = "approved", "Approved"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


BillStatus = SupplierBillStatus
# Bills the broker owes money on: approved and not yet fully paid (drafts and held bills are not payables yet).
PAYABLE_STATUSES = (BillStatus.APPROVED, BillStatus.PARTIALLY_PAID)
# Bills whose amount is final for the load settlement: approved (payable), partly or fully paid.
FINAL_STATUSES = (BillStatus.APPROVED, BillStatus.PARTIALLY_PAID, BillStatus.PAID)


class PayableBill(TenantOwnedModel):
    """What every bill the broker owes has (supplier bills, carrier freight bills): the one lifecycle
    (workflows.bill_workflow), dates and terms, and the money columns kept by apps.payables.services — amounts
    never negative, paid never above the total, balance = total - paid, zero once void (bill_checks)."""

    status = models.CharField(max_length=20, choices=BillStatus.choices, default=BillStatus.DRAFT, editable=False)
    bill_date = models.DateField(default=timezone.localdate, help_text="The date on the payee's invoice.")
    payment_terms_days = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="The payee's terms when the bill was entered (net days)."
    )
    due_date = models.DateField(help_text="Defaults to the bill date plus the payee's terms.")
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
        editable=False,
        help_text="The purchase order's or the load's.",
    )
    notes = models.TextField(blank=True)

    total = MoneyField(editable=False)
    amount_paid = MoneyField(editable=False)
    balance_due = MoneyField(editable=False)
    has_variances = models.BooleanField(
        default=False, editable=False, help_text="The last match found a variance beyond tolerance."
    )
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approval_reason = models.TextField(
        blank=True, editable=False, help_text="Why a manager approved a held bill (empty when it matched)."
    )
    paid_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    void_reason = models.TextField(blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        abstract = True


def bill_checks(prefix: str, *, amounts: Q | None = None) -> list:
    """The money invariants of a PayableBill table, named `<prefix>_…` (`amounts`: more columns at 0 or above)."""
    return [
        models.CheckConstraint(
            condition=(amounts if amounts is not None else Q())
            & Q(total__gte=0)
            & Q(amount_paid__gte=0)
            & Q(balance_due__gte=0),
            name=f"{prefix}_amounts_gte_0",
        ),
        models.CheckConstraint(condition=Q(total__gte=F("amount_paid")), name=f"{prefix}_paid_lte_total"),
        models.CheckConstraint(
            condition=Q(status="void", balance_due=0)
            | (~Q(status="void") & Q(balance_due=Round(F("total") - F("amount_paid"), 2))),
            name=f"{prefix}_balance_consistent",
        ),
    ]


class SupplierBill(PayableBill):
    number = models.CharField(max_length=30, editable=False, help_text="BILL-2026-000123, allocated on creation.")
    purchase_order = models.ForeignKey(
        "purchase_orders.PurchaseOrder", on_delete=models.PROTECT, related_name="supplier_bills"
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        on_delete=models.PROTECT,
        related_name="supplier_bills",
        editable=False,
        help_text="The purchase order's supplier.",
    )
    supplier_invoice_number = models.CharField(
        max_length=100, help_text="The packer's own invoice number (one bill per number and supplier)."
    )
    subtotal = MoneyField(editable=False)

    class Meta(PayableBill.Meta):
        ordering = ["-bill_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="payables_bill_number_unique"),
            models.UniqueConstraint(
                fields=["tenant", "supplier", "supplier_invoice_number"],
                condition=~Q(status="void"),
                name="payables_bill_supplier_invoice_unique",
            ),
            *bill_checks("payables_bill", amounts=Q(subtotal__gte=0)),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="payables_bill_tcr"),
            models.Index(fields=["tenant", "status", "due_date"], name="payables_bill_status_due"),
            models.Index(fields=["tenant", "supplier", "status"], name="payables_bill_supp_status"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"supplier bill {self.pk}"


class SupplierBillLine(TenantOwnedModel):
    """A billed line, normally one of the purchase order's lines. `variances` holds what the last three-way match
    found beyond tolerance: [{"kind": "price"|"weight"|"boxes"|"price_unit"|"not_received"|"not_on_order",
    "ordered"/"received", "billed", "difference", "percent", "tolerance"}]."""

    bill = models.ForeignKey(SupplierBill, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    purchase_order_line = models.ForeignKey(
        "purchase_orders.PurchaseOrderLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supplier_bill_lines",
    )
    product = models.ForeignKey(
        "products.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="supplier_bill_lines"
    )
    description = models.CharField(max_length=255, blank=True)
    boxes = models.PositiveIntegerField(null=True, blank=True)
    weight_lb = WeightField("billed weight (lb)", null=True, blank=True, validators=[MinValueValidator(Decimal("0"))])
    unit_price = UnitPriceField(validators=[MinValueValidator(Decimal("0"))])
    price_unit = models.CharField(max_length=5, choices=PriceUnit.choices, default=PriceUnit.LB)
    line_total = MoneyField(editable=False)
    expected_total = MoneyField(
        null=True,
        blank=True,
        editable=False,
        help_text="The PO's price at the weight received (None until matched or when it cannot be computed).",
    )
    variances = models.JSONField(default=list, blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["bill_id", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="payables_line_price_gte_0"),
            models.CheckConstraint(
                condition=Q(weight_lb__isnull=True) | Q(weight_lb__gte=0), name="payables_line_weight_gte_0"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="payables_billline_tcr")]

    def __str__(self) -> str:
        return self.__dict__.get("description") or f"bill line {self.pk}"


class DebitMemoStatus(models.TextChoices):
    OPEN = "open", "Open"
    APPLIED = "applied", "Applied"
    VOID = "void", "Void"


class DebitMemo(TenantOwnedModel):
    """A chargeback against a payee (a supplier or a carrier): money the payee owes the broker back, so it
    reduces what the broker owes that payee (negative in AP aging and the cash requirements, in its currency)
    until a payment out applies it as a credit. Kept by apps.payables.services."""

    number = models.CharField(max_length=30, editable=False, help_text="DM-2026-000123, allocated on creation.")
    status = models.CharField(
        max_length=10, choices=DebitMemoStatus.choices, default=DebitMemoStatus.OPEN, editable=False
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="debit_memos"
    )
    carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="debit_memos"
    )
    memo_date = models.DateField(default=timezone.localdate)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    amount = MoneyField(help_text="What the payee owes back (more than 0).")
    amount_applied = MoneyField(editable=False, help_text="Taken off payments out so far.")
    balance = MoneyField(editable=False, help_text="amount - amount_applied (0 once void).")
    reason = models.TextField(help_text="Why the payee is charged back (shortage, temperature, damage, ...).")
    source = models.CharField(
        max_length=200, blank=True, help_text="The document it comes from, e.g. a claim's number."
    )
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    void_reason = models.TextField(blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-memo_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="payables_dm_number_unique"),
            models.CheckConstraint(
                condition=Q(supplier__isnull=False, carrier__isnull=True)
                | Q(supplier__isnull=True, carrier__isnull=False),
                name="payables_dm_one_payee",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount_applied__gte=0) & Q(amount_applied__lte=F("amount")),
                name="payables_dm_amounts",
            ),
            models.CheckConstraint(
                condition=Q(status="void", balance=0)
                | (~Q(status="void") & Q(balance=Round(F("amount") - F("amount_applied"), 2))),
                name="payables_dm_balance_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="payables_dm_tcr"),
            models.Index(fields=["tenant", "status"], name="payables_dm_status"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"debit memo {self.pk}"

    @property
    def payee_kind(self) -> str:
        return "supplier" if self.supplier_id else "carrier"


class FreightChargeType(models.TextChoices):
    """What a carrier bills for a load. Line haul is the load's agreed rate; the rest compare to the load's
    accessorials of the same type (apps.loads AccessorialType); TONU and reefer fuel have none on a load, so the
    rate confirmation expects 0 for them."""

    LINEHAUL = "linehaul", "Line haul"
    FUEL = "fuel", "Fuel surcharge"
    DETENTION = "detention", "Detention"
    LUMPER = "lumper", "Lumper"
    LAYOVER = "layover", "Layover"
    TONU = "tonu", "Truck ordered, not used"
    REEFER_FUEL = "reefer_fuel", "Reefer fuel"
    OTHER = "other", "Other"


class FreightBill(PayableBill):
    """A carrier's freight bill for one load, matched against the rate confirmation (the load's agreed line haul
    and accessorials); variances beyond the tenant's tolerance hold it for a manager. Same lifecycle and money
    invariants as a supplier bill; kept by apps.payables.services."""

    number = models.CharField(max_length=30, editable=False, help_text="FB-2026-000123, allocated on creation.")
    load = models.ForeignKey("loads.Load", on_delete=models.PROTECT, related_name="freight_bills")
    carrier = models.ForeignKey(
        "carriers.Carrier",
        on_delete=models.PROTECT,
        related_name="freight_bills",
        editable=False,
        help_text="The load's carrier.",
    )
    carrier_invoice_number = models.CharField(
        max_length=100, help_text="The carrier's own invoice / pro number (one bill per number and carrier)."
    )
    expected_total = MoneyField(editable=False, help_text="The rate confirmation: line haul plus accessorials.")
    variances = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Per charge type beyond tolerance: [{charge_type, agreed, billed, difference, tolerance}].",
    )

    class Meta(PayableBill.Meta):
        ordering = ["-bill_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="payables_fb_number_unique"),
            models.UniqueConstraint(
                fields=["tenant", "carrier", "carrier_invoice_number"],
                condition=~Q(status="void"),
                name="payables_fb_carrier_invoice_unique",
            ),
            *bill_checks("payables_fb"),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="payables_fb_tcr"),
            models.Index(fields=["tenant", "status", "due_date"], name="payables_fb_status_due"),
            models.Index(fields=["tenant", "carrier", "status"], name="payables_fb_carr_status"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"freight bill {self.pk}"


class FreightBillCharge(TenantOwnedModel):
    """One billed charge of a freight bill (line haul, fuel, detention, ...)."""

    bill = models.ForeignKey(FreightBill, on_delete=models.CASCADE, related_name="charges")
    line_number = models.PositiveSmallIntegerField(default=0)
    charge_type = models.CharField(max_length=12, choices=FreightChargeType.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = MoneyField(validators=[MinValueValidator(Decimal("0"))])

    class Meta(TenantOwnedModel.Meta):
        ordering = ["bill_id", "line_number", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="payables_fbc_amount_gte_0")]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="payables_fbc_tcr")]

    def __str__(self) -> str:
        if self.get_deferred_fields() & {"charge_type", "amount"}:
            return f"freight charge {self.pk}"
        return f"{self.get_charge_type_display()} {self.amount}"


class PaymentMethod(models.TextChoices):
    CHECK = "check", "Check"
    ACH = "ach", "ACH"
    WIRE = "wire", "Wire"


class PaymentOutStatus(models.TextChoices):
    POSTED = "posted", "Posted"
    VOID = "void", "Void"


class PaymentOut(TenantOwnedModel):
    """A payment batch to one payee (a supplier or a carrier) by check, ACH or wire, applied across that payee's
    approved bills in one currency; the payee's open debit memos may be applied as credits. `amount` is the
    money sent: bills applied less credits. Voiding reverses every application."""

    number = models.CharField(max_length=30, editable=False, help_text="VPAY-2026-000123, allocated on creation.")
    status = models.CharField(
        max_length=10, choices=PaymentOutStatus.choices, default=PaymentOutStatus.POSTED, editable=False
    )
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    supplier = models.ForeignKey(
        "suppliers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="payments_out"
    )
    carrier = models.ForeignKey(
        "carriers.Carrier", null=True, blank=True, on_delete=models.PROTECT, related_name="payments_out"
    )
    payment_date = models.DateField(default=timezone.localdate)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    reference = models.CharField(max_length=100, blank=True, help_text="Check number, ACH trace or wire reference.")
    notes = models.TextField(blank=True)
    amount = MoneyField(editable=False, help_text="The money sent: bills applied less debit memos applied.")
    bills_applied = MoneyField(editable=False)
    credits_applied = MoneyField(editable=False)
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    void_reason = models.TextField(blank=True, editable=False)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["-payment_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="payables_pay_number_unique"),
            models.CheckConstraint(
                condition=Q(supplier__isnull=False, carrier__isnull=True)
                | Q(supplier__isnull=True, carrier__isnull=False),
                name="payables_pay_one_payee",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0)
                & Q(bills_applied__gte=0)
                & Q(credits_applied__gte=0)
                & Q(amount=Round(F("bills_applied") - F("credits_applied"), 2)),
                name="payables_pay_amounts",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="payables_pay_tcr"),
            models.Index(fields=["tenant", "status", "payment_date"], name="payables_pay_status_date"),
        ]

    def __str__(self) -> str:
        return self.__dict__.get("number") or f"payment out {self.pk}"

    @property
    def payee_kind(self) -> str:
        return "supplier" if self.supplier_id else "carrier"


class PaymentOutApplication(TenantOwnedModel):
    """Part of a payment out: an amount paid on one bill (supplier or freight) or one debit memo taken as a
    credit. Exactly one of the three documents."""

    payment = models.ForeignKey(PaymentOut, on_delete=models.CASCADE, related_name="applications")
    supplier_bill = models.ForeignKey(
        SupplierBill, null=True, blank=True, on_delete=models.PROTECT, related_name="payment_applications"
    )
    freight_bill = models.ForeignKey(
        FreightBill, null=True, blank=True, on_delete=models.PROTECT, related_name="payment_applications"
    )
    debit_memo = models.ForeignKey(
        DebitMemo, null=True, blank=True, on_delete=models.PROTECT, related_name="payment_applications"
    )
    amount = MoneyField()

    class Meta(TenantOwnedModel.Meta):
        ordering = ["payment_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payables_payapp_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(supplier_bill__isnull=False, freight_bill__isnull=True, debit_memo__isnull=True)
                | Q(supplier_bill__isnull=True, freight_bill__isnull=False, debit_memo__isnull=True)
                | Q(supplier_bill__isnull=True, freight_bill__isnull=True, debit_memo__isnull=False),
                name="payables_payapp_one_document",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="payables_payapp_tcr")]

    def __str__(self) -> str:
        return f"payment {self.payment_id} application {self.pk}"

    @property
    def document(self):
        return self.supplier_bill or self.freight_bill or self.debit_memo
