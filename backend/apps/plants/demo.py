"""Demo plants: USDA establishments of the demo suppliers (and two independents) across five proteins."""
# ruff: noqa: E501 - one demo record per line reads best as a table

from apps.core.models import Protein
from apps.suppliers.models import Supplier

from .models import Plant

# code, name, EST. number, type, owner code, proteins, city, state, zip, capacity, unit, certificates
PLANTS = [
    ("PL-245C", "High Plains Beef - Dodge City", "EST. 245C", "slaughter", "S-100", ["beef"], "Dodge City", "KS", "67801", 6000, "head_per_day", ["sqf"]),
    ("PL-278", "High Plains Beef - Liberal", "EST. 278", "slaughter", "S-100", ["beef"], "Liberal", "KS", "67901", 5500, "head_per_day", ["sqf"]),
    ("PL-969A", "Platte Valley Beef - Lexington", "EST. 969A", "slaughter", "S-110", ["beef", "veal"], "Lexington", "NE", "68850", 4800, "head_per_day", ["halal"]),
    ("PL-17564", "Cornbelt Pork - Sioux Falls", "M17564+P17564", "slaughter", "S-200", ["pork"], "Sioux Falls", "SD", "57104", 19500, "head_per_day", ["brc"]),
    ("PL-1360A", "Hoosier Pork - Logansport", "EST. 1360A", "further_processing", "S-210", ["pork"], "Logansport", "IN", "46947", 900000, "lb_per_day", ["sqf"]),
    ("PL-P7089", "Delmarva Poultry - Salisbury", "P-7089", "slaughter", "S-300", ["chicken"], "Salisbury", "MD", "21801", 1200000, "lb_per_day", ["nae"]),
    ("PL-P1325", "Piedmont Chicken - Gainesville", "P-1325", "processing", "S-310", ["chicken"], "Gainesville", "GA", "30501", 800000, "lb_per_day", ["halal"]),
    ("PL-P2171", "Shenandoah Turkey - Harrisonburg", "P-2171", "slaughter", "S-400", ["turkey"], "Harrisonburg", "VA", "22801", 600000, "lb_per_day", ["gap"]),
    ("PL-M2171", "Shenandoah Turkey - Further Processing", "M2171+P2171", "further_processing", "S-400", ["turkey"], "Timberville", "VA", "22853", 250000, "lb_per_day", []),
    ("PL-M2340", "Rocky Mountain Lamb - Greeley", "M-2340", "slaughter", "S-500", ["lamb"], "Greeley", "CO", "80631", 2500, "head_per_day", ["halal"]),
    ("PL-I45", "Port of Long Beach Import Inspection", "I-45", "cold_storage", "S-600", ["beef", "lamb"], "Long Beach", "CA", "90802", None, "", []),
    ("PL-V123", "Panhandle Cold Storage - Amarillo", "V-123", "cold_storage", "S-700", ["beef", "pork", "chicken"], "Amarillo", "TX", "79118", None, "", []),
    ("PL-19086", "Lone Star Distribution Center", "EST. 19086", "distribution_centre", None, ["beef", "pork", "chicken", "turkey"], "Fort Worth", "TX", "76106", None, "", []),
    ("PL-R5601", "Heartland Rendering", "EST. 5601R", "renderer", None, ["beef", "pork"], "Wichita", "KS", "67219", 400000, "lb_per_day", []),
]  # fmt: skip


MANAGERS = ["Dale Hoffman", "Rosa Delgado", "Tom Kowalski", "Linda Nguyen", "Earl Jenkins", "Maria Soto", "Greg Olson"]


def seed(tenant, users) -> None:
    proteins = {protein.code: protein for protein in Protein.objects.all()}
    suppliers = {supplier.code: supplier for supplier in Supplier.objects.filter(tenant=tenant)}
    for index, row in enumerate(PLANTS):
        code, name, est, kind, owner, protein_codes, city, state, zip_code, capacity, unit, certs = row
        plant, _ = Plant.objects.update_or_create(
            tenant=tenant,
            code=code,
            defaults={
                "name": name,
                "establishment_number": est,
                "plant_type": kind,
                "supplier": suppliers.get(owner),
                "address_line1": f"{len(name) * 37} Industrial Pkwy",
                "city": city,
                "state": state,
                "postal_code": zip_code,
                "certificates": certs,
                "capacity": capacity,
                "capacity_unit": unit,
                "manager_name": MANAGERS[index % len(MANAGERS)],
                "phone": f"{zip_code[:3]}-555-02{len(name) % 90 + 10}",
                "receiving_hours": "Mon-Fri 05:00-14:00",
                "shipping_hours": "Mon-Sat 04:00-16:00",
                "created_by": users.get("owner"),
            },
        )
        plant.proteins.set([proteins[c] for c in protein_codes if c in proteins])
        # A supplier also sells from its own plants; the cold storages handle the importer's product.
        if owner in suppliers:
            suppliers[owner].plants.add(plant)
    if "S-600" in suppliers:
        suppliers["S-600"].plants.add(*Plant.objects.filter(tenant=tenant, code__in=["PL-V123", "PL-19086"]))
