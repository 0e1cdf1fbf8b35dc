"""Demo customers: distributors, retailers, processors, food service, pet food and exporters, each with
ship-to locations; the sales reps are the demo tenant's user and manager."""
# ruff: noqa: E501 - one demo record per line reads best as a table

from decimal import Decimal

from apps.core.models import Protein
from apps.plants.models import Plant
from apps.tenants.models import TenantUser

from .models import Customer, ShipToLocation

# code, name, type, industry, proteins, city, state, zip, terms, credit limit, ship-tos [(name, city, state, zip)]
CUSTOMERS = [
    ("C-1001", "Lone Star Foodservice", "distributor", "food_service", ["beef", "chicken"], "Dallas", "TX", "75201", 21, "350000", [("Dallas DC", "Dallas", "TX", "75212"), ("Houston DC", "Houston", "TX", "77029")]),
    ("C-1002", "Great Lakes Meat Distributors", "distributor", "food_service", ["beef", "pork"], "Chicago", "IL", "60608", 14, "500000", [("Chicago Main", "Chicago", "IL", "60608")]),
    ("C-1003", "Sunbelt Grocers", "retailer", "retail", ["beef", "pork", "chicken"], "Atlanta", "GA", "30318", 14, "750000", [("Atlanta Warehouse", "Atlanta", "GA", "30336"), ("Jacksonville Warehouse", "Jacksonville", "FL", "32254")]),
    ("C-1004", "Prairie Market Co-op", "retailer", "retail", ["beef", "pork"], "Des Moines", "IA", "50309", 10, "150000", [("Des Moines DC", "Des Moines", "IA", "50313")]),
    ("C-1005", "Blue Ridge Sausage Works", "processor", "processing", ["pork", "turkey"], "Roanoke", "VA", "24012", 7, "200000", [("Plant Receiving", "Roanoke", "VA", "24012")]),
    ("C-1006", "Gulf Coast Grinders", "processor", "processing", ["beef"], "Baton Rouge", "LA", "70805", 7, "250000", [("Grinding Plant", "Baton Rouge", "LA", "70805")]),
    ("C-1007", "Harborview Restaurant Group", "food_service", "food_service", ["beef", "lamb"], "Boston", "MA", "02118", 30, "80000", [("Commissary", "Boston", "MA", "02118")]),
    ("C-1008", "Cascade Steakhouse Supply", "food_service", "food_service", ["beef"], "Portland", "OR", "97210", 21, "120000", [("Portland Kitchen", "Portland", "OR", "97210")]),
    ("C-1009", "Heartland Pet Nutrition", "pet_sector", "pet_food", ["beef", "chicken", "turkey"], "Topeka", "KS", "66619", 30, "300000", [("Topeka Plant", "Topeka", "KS", "66619"), ("Emporia Plant", "Emporia", "KS", "66801")]),
    ("C-1010", "Wagging Tail Foods", "pet_sector", "pet_food", ["chicken", "lamb"], "Joplin", "MO", "64801", 21, "90000", [("Joplin Receiving", "Joplin", "MO", "64801")]),
    ("C-1011", "Pacific Rim Exporters", "exporter", "export", ["beef", "pork"], "Seattle", "WA", "98134", 0, "400000", [("Seattle Cold Store", "Seattle", "WA", "98134"), ("Tacoma Port", "Tacoma", "WA", "98421")]),
    ("C-1012", "Gulfport Global Trading", "exporter", "export", ["chicken", "turkey"], "Gulfport", "MS", "39501", 0, "250000", [("Port of Gulfport", "Gulfport", "MS", "39501")]),
    ("C-1013", "Rio Grande Provisions", "distributor", "food_service", ["beef", "pork", "chicken"], "El Paso", "TX", "79901", 14, "180000", [("El Paso DC", "El Paso", "TX", "79927")]),
    ("C-1014", "Capital Institutional Foods", "distributor", "institutional", ["chicken", "turkey"], "Columbus", "OH", "43215", 30, "220000", [("Columbus DC", "Columbus", "OH", "43207")]),
    ("C-1015", "Mountain West Markets", "retailer", "retail", ["beef", "lamb", "pork"], "Salt Lake City", "UT", "84104", 14, "350000", [("SLC Warehouse", "Salt Lake City", "UT", "84104"), ("Boise Warehouse", "Boise", "ID", "83709")]),
]  # fmt: skip

APPOINTMENTS = ["email", "phone", "website", "fcfs"]


def seed(tenant, users) -> None:
    proteins = {protein.code: protein for protein in Protein.objects.all()}
    plants = list(Plant.objects.filter(tenant=tenant).order_by("code"))
    reps = list(
        TenantUser.objects.filter(tenant=tenant, user__in=[u for r, u in users.items() if r in {"user", "manager"}])
    )
    for index, row in enumerate(CUSTOMERS):
        code, name, kind, industry, protein_codes, city, state, zip_code, terms, limit, ship_tos = row
        customer, _ = Customer.objects.update_or_create(
            tenant=tenant,
            code=code,
            defaults={
                "name": name,
                "customer_type": kind,
                "industry": industry,
                "address_line1": f"{200 + index * 17} Commerce St",
                "city": city,
                "state": state,
                "postal_code": zip_code,
                "phone": f"{zip_code[:3] if zip_code[0] != '0' else '617'}-555-03{10 + index}",
                "email": f"purchasing@{name.split()[0].lower()}{code[-2:]}.example",
                "certificates": ["halal"] if kind == "exporter" else [],
                "edible_inedible": "inedible" if kind == "pet_sector" else "edible",
                "purchasing_preference": "domestic",
                "will_pick_up": kind in {"processor", "exporter"},
                "payment_terms_days": terms,
                "payment_method": "wire" if terms == 0 else "ach",
                "credit_limit": Decimal(limit),
                "credit_hold": code == "C-1006",
                "exportable": kind == "exporter",
                "sales_rep": reps[index % len(reps)] if reps else None,
                "notes": "On credit hold until the March invoices are paid." if code == "C-1006" else "",
                "created_by": users.get("owner"),
            },
        )
        customer.proteins.set([proteins[c] for c in protein_codes if c in proteins])
        if plants:
            customer.preferred_plants.set(plants[index % len(plants) :][:2])
        for position, (site, site_city, site_state, site_zip) in enumerate(ship_tos):
            ShipToLocation.objects.update_or_create(
                tenant=tenant,
                customer=customer,
                name=site,
                defaults={
                    "address_line1": f"{1000 + position * 250} Distribution Dr",
                    "city": site_city,
                    "state": site_state,
                    "postal_code": site_zip,
                    "receiving_hours": "Mon-Fri 04:00-12:00" if position == 0 else "Mon-Sat 06:00-14:00",
                    "appointment_method": APPOINTMENTS[(index + position) % len(APPOINTMENTS)],
                    "appointment_notes": "Appointments 24 h ahead; lumper fee paid by carrier.",
                    "is_default": position == 0,
                },
            )
