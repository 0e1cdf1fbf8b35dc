"""Demo suppliers: packers, processors, an importer and a cold storage across the five main proteins."""
# ruff: noqa: E501 - one demo record per line reads best as a table

from decimal import Decimal

from apps.core.models import Protein

from .models import Supplier

# code, name, type, proteins, city, state, zip, certificates, terms (days), method, credit limit, rating
SUPPLIERS = [
    ("S-100", "High Plains Beef Packers", "packer", ["beef"], "Dodge City", "KS", "67801", ["third_party", "sqf"], 7, "wire", "750000", 5),
    ("S-110", "Platte Valley Beef", "packer", ["beef", "veal"], "Lexington", "NE", "68850", ["halal", "sqf"], 10, "ach", "500000", 4),
    ("S-200", "Cornbelt Pork Processors", "packer", ["pork"], "Sioux Falls", "SD", "57104", ["brc"], 14, "ach", "400000", 4),
    ("S-210", "Hoosier Premium Pork", "processor", ["pork"], "Logansport", "IN", "46947", ["sqf"], 14, "check", "250000", 3),
    ("S-300", "Delmarva Poultry Co.", "packer", ["chicken"], "Salisbury", "MD", "21801", ["nae", "sqf"], 7, "ach", "300000", 4),
    ("S-310", "Piedmont Chicken Farms", "processor", ["chicken"], "Gainesville", "GA", "30501", ["halal", "gap"], 10, "wire", "200000", 3),
    ("S-400", "Shenandoah Turkey Growers", "packer", ["turkey"], "Harrisonburg", "VA", "22801", ["gap"], 21, "ach", "150000", 4),
    ("S-500", "Rocky Mountain Lamb Co.", "packer", ["lamb"], "Greeley", "CO", "80631", ["halal"], 10, "wire", "120000", 5),
    ("S-600", "Southern Cross Meat Imports", "importer", ["beef", "lamb"], "Long Beach", "CA", "90802", ["halal", "organic"], 30, "wire", "600000", 4),
    ("S-700", "Panhandle Cold Storage", "cold_storage", ["beef", "pork", "chicken"], "Amarillo", "TX", "79118", [], 30, "check", "0", 3),
]  # fmt: skip


def seed(tenant, users) -> None:
    proteins = {protein.code: protein for protein in Protein.objects.all()}
    for code, name, kind, protein_codes, city, state, zip_code, certs, terms, method, limit, rating in SUPPLIERS:
        imported = kind == "importer"
        supplier, _ = Supplier.objects.update_or_create(
            tenant=tenant,
            code=code,
            defaults={
                "name": name,
                "supplier_type": kind,
                "address_line1": f"{100 + len(name)} Packer Rd",
                "city": city,
                "state": state,
                "postal_code": zip_code,
                "phone": f"{zip_code[:3]}-555-01{len(name) % 90 + 10}",
                "email": f"sales@{name.split()[0].lower()}{code[-3:]}.example",
                "website": f"https://www.{name.split()[0].lower()}{code[-3:]}.example",
                "certificates": certs,
                "origin": "imported" if imported else "domestic",
                "country_of_origin": "AU" if imported else "US",
                "fresh_frozen": "frozen" if kind in {"importer", "cold_storage"} else "both",
                "package_type": "boxed_wax_lined" if "chicken" not in protein_codes else "combo_bins",
                "net_catch": "catch" if "beef" in protein_codes else "net",
                "edible_inedible": "edible",
                "shipping_offered": "international" if imported else "domestic",
                "pickup_appointment_method": "email" if kind != "cold_storage" else "website",
                "pickup_appointment_notes": "Book 48 h ahead with the shipping office; dock closes 14:00.",
                "offers_contracts": kind == "packer",
                "offers_export_documents": kind in {"packer", "importer"},
                "payment_terms_days": terms,
                "payment_method": method,
                "credit_limit": Decimal(limit),
                "paca_licence_number": f"2019{zip_code}" if kind == "processor" else "",
                "quality_rating": rating,
                "created_by": users.get("owner"),
            },
        )
        supplier.proteins.set([proteins[c] for c in protein_codes if c in proteins])
