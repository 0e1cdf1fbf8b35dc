"""Products: the broker's item list (what is traded, how it is packed and priced, who supplies it)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from apps.core.choices import CartonType, EdibleInedible, FreshFrozen, NetCatch, Origin, PackageType, PriceUnit
from apps.core.models import TenantLink, TenantOwnedModel

NAMP_NUMBER = re.compile(r"^P?\d{3,4}[A-Z]?$")
NAMP_HELP = "Use the NAMP / IMPS item number: 3-4 digits and an optional letter, e.g. 120, 189A, 1190A, 410 or P1000."
POULTRY = {"chicken", "turkey"}


class Grade(models.TextChoices):
    PRIME = "prime", "USDA Prime"
    CHOICE = "choice", "USDA Choice"
    SELECT = "select", "USDA Select"
    STANDARD = "standard", "USDA Standard"
    NO_ROLL = "no_roll", "No Roll"
    UNGRADED = "ungraded", "Ungraded"
    GRADE_A = "grade_a", "USDA Grade A (poultry)"
    GRADE_B = "grade_b", "USDA Grade B (poultry)"


POULTRY_GRADES = {Grade.GRADE_A, Grade.GRADE_B}
RED_MEAT_GRADES = {Grade.PRIME, Grade.CHOICE, Grade.SELECT, Grade.STANDARD, Grade.NO_ROLL}


def normalize_namp_number(value: str) -> str:
    """' 189a ' becomes '189A'; raises ValidationError for anything that is not a NAMP item number."""
    value = re.sub(r"[\s-]", "", value or "").upper()
    if value and not NAMP_NUMBER.match(value):
        raise ValidationError(NAMP_HELP)
    return value


def grade_errors(protein_code: str | None, grade: str) -> list[str]:
    """USDA grades are per species: Prime..No Roll for red meat, A/B for poultry."""
    if not grade or not protein_code:
        return []
    if protein_code in POULTRY and grade in RED_MEAT_GRADES:
        return ["Poultry is graded USDA Grade A or B (or ungraded)."]
    if protein_code not in POULTRY and grade in POULTRY_GRADES:
        return ["Grade A / B applies to poultry only; use Prime, Choice, Select, Standard, No Roll or ungraded."]
    return []


def temperature_range_errors(min_f, max_f) -> dict[str, list[str]]:
    if min_f is not None and max_f is not None and min_f > max_f:
        return {"storage_temp_max_f": ["The maximum storage temperature must not be below the minimum."]}
    return {}


class Product(TenantOwnedModel):
    code = models.CharField(max_length=30, help_text="The broker's item code, unique per tenant, e.g. 1001.")
    description = models.CharField(max_length=255, help_text="e.g. Beef ribeye lip-on 12 lb avg, USDA Choice.")
    protein = models.ForeignKey("core.Protein", on_delete=models.PROTECT, related_name="products")
    cut = models.CharField(max_length=100, blank=True, help_text="e.g. Ribeye lip-on, 81/19 trim, boneless breast.")
    grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    namp_number = models.CharField("NAMP number", max_length=6, blank=True, db_index=True, help_text=NAMP_HELP)

    fresh_frozen = models.CharField("fresh / frozen", max_length=10, choices=FreshFrozen.choices, blank=True)
    package_type = models.CharField(max_length=20, choices=PackageType.choices, blank=True)
    carton_type = models.CharField(max_length=20, choices=CartonType.choices, blank=True)
    pieces_per_carton = models.PositiveSmallIntegerField(null=True, blank=True)
    box_weight_lbs = models.DecimalField(
        "nominal box weight (lb)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), "The box weight must be more than 0 lb.")],
    )
    net_catch = models.CharField("net / catch weight", max_length=10, choices=NetCatch.choices, blank=True)
    edible_inedible = models.CharField(
        "edible / inedible", max_length=10, choices=EdibleInedible.choices, default=EdibleInedible.EDIBLE
    )
    is_tested = models.BooleanField("tested", default=False, help_text="Tested product, e.g. E. coli O157:H7 tested.")

    origin = models.CharField(max_length=10, choices=Origin.choices, blank=True)
    country_of_origin = models.CharField(
        max_length=2, blank=True, help_text="Two-letter ISO code of where the product comes from, e.g. US, CA, BR."
    )
    supplier = models.ForeignKey(
        "suppliers.Supplier", null=True, blank=True, on_delete=models.PROTECT, related_name="products"
    )
    supplier_item_number = models.CharField(max_length=50, blank=True, help_text="The supplier's own item code.")
    plants = models.ManyToManyField(
        "plants.Plant",
        blank=True,
        related_name="products",
        through="ProductPlant",
        help_text="Plants the product is available from.",
    )

    default_price = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"), "The price cannot be negative.")],
    )
    price_unit = models.CharField(max_length=5, choices=PriceUnit.choices, default=PriceUnit.LB)
    storage_temp_min_f = models.DecimalField(
        "storage temperature min (°F)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    storage_temp_max_f = models.DecimalField(
        "storage temperature max (°F)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta(TenantOwnedModel.Meta):
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="products_product_code_unique"),
            models.CheckConstraint(
                condition=models.Q(storage_temp_min_f__isnull=True)
                | models.Q(storage_temp_max_f__isnull=True)
                | models.Q(storage_temp_min_f__lte=models.F("storage_temp_max_f")),
                name="products_product_temp_range",
            ),
            models.CheckConstraint(
                condition=models.Q(default_price__isnull=True) | models.Q(default_price__gte=0),
                name="products_product_price_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        try:
            self.namp_number = normalize_namp_number(self.namp_number)
        except ValidationError as exc:
            errors["namp_number"] = exc.messages
        protein_code = self.protein.code if self.protein_id else None
        if messages := grade_errors(protein_code, self.grade):
            errors["grade"] = messages
        errors.update(temperature_range_errors(self.storage_temp_min_f, self.storage_temp_max_f))
        if errors:
            raise ValidationError(errors)

    def normalize(self) -> None:
        super().normalize()
        self.code = (self.code or "").strip()


class ProductPlant(TenantLink):
    """A plant the product is available from. A join row with the owner's tenant (row-level security on PostgreSQL)."""

    product = models.ForeignKey("Product", on_delete=models.CASCADE, related_name="+")
    plant = models.ForeignKey("plants.Plant", on_delete=models.CASCADE, related_name="+")

    link_owner = "product"

    class Meta:
        db_table = "products_product_plants"
        unique_together = [("product", "plant")]
