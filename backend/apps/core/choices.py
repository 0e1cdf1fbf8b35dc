"""Business choice lists shared by several apps (master data and orders use the same vocabulary)."""

from django.db import models


class FreshFrozen(models.TextChoices):
    FRESH = "fresh", "Fresh"
    FROZEN = "frozen", "Frozen"
    BOTH = "both", "Fresh & frozen"


class NetCatch(models.TextChoices):
    NET = "net", "Net weight"
    CATCH = "catch", "Catch weight"


class EdibleInedible(models.TextChoices):
    EDIBLE = "edible", "Edible"
    INEDIBLE = "inedible", "Inedible"
    BOTH = "both", "Edible & inedible"


class PackageType(models.TextChoices):
    BOXED_WAX_LINED = "boxed_wax_lined", "Boxed wax lined"
    BOXED_CO2 = "boxed_co2", "Boxed CO2"
    COMBO_BINS = "combo_bins", "Combo bins"
    TOTES = "totes", "Totes"
    BAGS = "bags", "Bags"
    BULK = "bulk", "Bulk"
    POLY_MULTIPLE = "poly_multiple", "Poly-multiple"
    NUDE = "nude", "Nude"


class CartonType(models.TextChoices):
    POLY_MULTIPLE = "poly_multiple", "Poly-multiple"
    WAXED_LINED = "waxed_lined", "Waxed lined"
    CARDBOARD = "cardboard", "Cardboard"
    PLASTIC = "plastic", "Plastic"


class Origin(models.TextChoices):
    DOMESTIC = "domestic", "Domestic"
    IMPORTED = "imported", "Imported"


class Certificate(models.TextChoices):
    THIRD_PARTY = "third_party", "3rd-party audit"
    BRC = "brc", "BRC"
    SQF = "sqf", "SQF"
    HALAL = "halal", "Halal"
    KOSHER = "kosher", "Kosher"
    ORGANIC = "organic", "Organic"
    GAP = "gap", "Global Animal Partnership"
    NAE = "nae", "No antibiotics ever"


class ShippingOffered(models.TextChoices):
    NONE = "none", "No"
    DOMESTIC = "domestic", "Yes - domestic"
    INTERNATIONAL = "international", "Yes - international"


class AppointmentMethod(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    WEBSITE = "website", "Website / portal"
    FAX = "fax", "Fax"
    FCFS = "fcfs", "First come, first served"


class PaymentMethod(models.TextChoices):
    ACH = "ach", "ACH"
    WIRE = "wire", "Wire"
    CHECK = "check", "Check"
    CARD = "card", "Credit card"


class CarrierReleaseFormat(models.TextChoices):
    SUPPLIER_CONFIRMATION = "supplier_confirmation", "Supplier confirmation order number"
    RELEASE_NUMBER = "release_number", "Carrier release number"
    BOTH = "both", "Both"


class PriceUnit(models.TextChoices):
    LB = "lb", "per lb"
    CWT = "cwt", "per cwt (100 lb)"
    KG = "kg", "per kg"
    CASE = "case", "per case"
    EACH = "each", "each"


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    CAD = "CAD", "Canadian dollar"
    MXN = "MXN", "Mexican peso"


class RecordStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    INACTIVE = "inactive", "Inactive"
