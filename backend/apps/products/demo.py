"""Demo item list: 60 products with NAMP numbers and pack specs across beef, pork, chicken, turkey and lamb,
linked to the demo suppliers and their plants when the suppliers app has seeded them."""

from decimal import Decimal

from apps.core.models import Protein

from .models import Product

PROTEIN_NAMES = {"beef": "Beef", "pork": "Pork", "chicken": "Chicken", "turkey": "Turkey", "lamb": "Lamb"}

STORAGE = {
    "fresh": {"fresh_frozen": "fresh", "storage_temp_min_f": Decimal("28"), "storage_temp_max_f": Decimal("34")},
    "frozen": {"fresh_frozen": "frozen", "storage_temp_min_f": Decimal("-10"), "storage_temp_max_f": Decimal("0")},
}
PACKS = {
    "boxed": {"package_type": "boxed_wax_lined", "carton_type": "waxed_lined"},
    "poly": {"package_type": "poly_multiple", "carton_type": "poly_multiple"},
    "combo": {"package_type": "combo_bins", "carton_type": ""},
}

# code|protein|NAMP|description|cut|grade|pieces per carton|box lb|net or catch|price|price unit|storage|pack|flags
# (flags: AU / NZ = imported from there; tested = E. coli O157:H7 tested, as grinders buy beef trim)
PRODUCTS = """
1001|beef|112A|Beef ribeye lip-on 12 lb avg|Ribeye lip-on|choice|4|62|catch|9.85|lb|fresh|boxed|
1002|beef|112A|Beef ribeye lip-on 12 lb avg|Ribeye lip-on|prime|4|64|catch|14.20|lb|fresh|boxed|
1003|beef|180|Beef strip loin boneless 0x1|Strip loin 0x1|choice|6|78|catch|8.45|lb|fresh|boxed|
1004|beef|180|Beef strip loin boneless 0x1|Strip loin 0x1|select|6|76|catch|7.30|lb|fresh|boxed|
1005|beef|189A|Beef tenderloin PSMO 5 lb up|Tenderloin side muscle on|choice|8|46|catch|13.75|lb|fresh|boxed|
1006|beef|1190A|Beef tenderloin steaks 8 oz, PSMO defatted|Tenderloin steak 8 oz|choice|40|20|net|19.90|lb|frozen|boxed|
1007|beef|120|Beef brisket deckle-off boneless|Brisket deckle-off|choice|6|70|catch|3.95|lb|fresh|boxed|
1008|beef|120A|Beef brisket flat cut boneless|Brisket flat|select|8|56|catch|5.10|lb|fresh|boxed|
1009|beef|116A|Beef chuck roll 2 pc|Chuck roll|select|2|68|catch|4.05|lb|fresh|boxed|
1010|beef|184|Beef top sirloin butt boneless|Top sirloin butt|choice|6|72|catch|5.60|lb|fresh|boxed|
1011|beef|185C|Beef tri-tip peeled|Tri-tip|choice|12|32|catch|5.25|lb|fresh|boxed|
1012|beef|121C|Beef outside skirt peeled|Outside skirt|choice|10|30|catch|11.40|lb|fresh|boxed|
1013|beef|193|Beef flank steak|Flank steak|choice|12|36|catch|7.95|lb|fresh|boxed|
1014|beef|168|Beef top inside round cap-off|Top round|select|4|80|catch|3.85|lb|fresh|boxed|
1015|beef|167A|Beef knuckle peeled|Knuckle|no_roll|6|66|catch|3.70|lb|fresh|boxed|
1016|beef|123A|Beef short ribs 4 bone|Short ribs|choice|8|50|catch|6.15|lb|frozen|boxed|
1017|beef|136|Ground beef 81/19, 10 lb chubs|Ground beef 81/19||6|60|net|3.35|lb|fresh|poly|tested
1018|beef|136|Beef trimmings 50% lean|50/50 trim|||2000|catch|1.05|lb|frozen|combo|tested
1019|beef|136|Beef trimmings 90 CL, grass fed|90CL trim|ungraded|1|60|net|3.10|lb|frozen|boxed|AU tested
1020|beef|109E|Beef rib export trim, bone-in|Rib export|choice|2|70|catch|7.40|lb|frozen|boxed|
1021|beef|1112A|Beef ribeye steaks 12 oz lip-on|Ribeye steak 12 oz|choice|20|15|net|12.60|lb|frozen|boxed|
1022|beef|1184B|Beef top sirloin steaks 8 oz|Top sirloin steak 8 oz|select|30|15|net|104.25|case|frozen|boxed|
1023|beef|130|Beef chuck short ribs boneless|Chuck short rib|choice|10|40|catch|7.05|lb|fresh|boxed|
1024|beef|174|Beef short loin 0x1|Short loin|prime|2|64|catch|11.10|lb|fresh|boxed|
2001|pork|410|Pork loin bone-in, 1/4 inch trim|Loin bone-in||4|70|catch|1.55|lb|fresh|boxed|
2002|pork|413|Pork loin boneless center-cut|Boneless loin||6|42|catch|1.95|lb|fresh|boxed|
2003|pork|415|Pork tenderloin 1.25 lb avg, vac-packed|Tenderloin||24|30|catch|2.85|lb|fresh|boxed|
2004|pork|406|Pork butt bone-in (Boston butt)|Boston butt||8|66|catch|1.35|lb|fresh|combo|
2005|pork|406A|Pork butt boneless|Butt boneless||8|60|catch|1.70|lb|frozen|boxed|
2006|pork|416A|Pork spareribs St. Louis style|St. Louis ribs||12|36|catch|2.55|lb|frozen|boxed|
2007|pork|422|Pork back ribs 1.75 lb down|Back ribs||20|35|catch|4.10|lb|frozen|boxed|
2008|pork|409|Pork belly skinless 12-14 lb|Belly skinless||4|52|catch|2.20|lb|fresh|boxed|
2009|pork|405|Pork picnic shoulder bone-in|Picnic||6|60|catch|0.98|lb|frozen|combo|
2010|pork|402|Pork leg (fresh ham) boneless|Fresh ham||4|64|catch|1.45|lb|frozen|boxed|
2011|pork|418|Pork trimmings 72% lean|72 trim|||2000|catch|0.92|lb|frozen|combo|
2012|pork|414|Pork Canadian back, boneless|Canadian back||10|40|catch|2.35|lb|fresh|boxed|
3001|chicken|P1000|Whole broiler WOG 3.5-4 lb, iced|Whole bird|grade_a|12|45|catch|1.08|lb|fresh|poly|
3002|chicken|P1032|Chicken breast boneless skinless 6-8 oz|Breast B/S|grade_a||40|net|2.05|lb|fresh|poly|
3003|chicken|P1032|Chicken breast boneless skinless, IQF|Breast B/S IQF|grade_a||40|net|1.95|lb|frozen|poly|
3004|chicken|P1012|Chicken thighs bone-in, skin-on|Thighs B/I|grade_a||40|net|1.15|lb|fresh|poly|
3005|chicken|P1013|Chicken thigh meat boneless skinless|Thigh meat B/S|grade_a||40|net|1.85|lb|frozen|poly|
3006|chicken|P1017|Chicken drumsticks, jumbo|Drumsticks|grade_a||40|net|0.89|lb|frozen|poly|
3007|chicken|P1036|Chicken wings whole, jumbo|Whole wings|grade_a||40|net|2.45|lb|frozen|poly|
3008|chicken|P1037|Chicken wing sections (drummette/flat)|Wing sections|grade_a||40|net|3.05|lb|frozen|poly|
3009|chicken|P1033|Chicken tenderloins, IQF|Tenders|grade_a||40|net|2.30|lb|frozen|poly|
3010|chicken|P1040|Chicken leg quarters, export|Leg quarters|grade_b||40|net|0.52|lb|frozen|poly|
3011|chicken|P1054|Mechanically separated chicken|MSC|||60|net|0.35|lb|frozen|boxed|
3012|chicken|P1060|Chicken paws, export grade A|Paws|grade_a||44|net|0.95|lb|frozen|poly|
4001|turkey|P2000|Whole turkey hen 10-14 lb|Whole hen|grade_a|4|48|catch|1.25|lb|frozen|poly|
4002|turkey|P2000|Whole turkey tom 20-24 lb|Whole tom|grade_a|2|44|catch|1.10|lb|frozen|poly|
4003|turkey|P2012|Turkey breast boneless skin-on|Breast B/S|grade_a|4|40|catch|3.20|lb|frozen|boxed|
4004|turkey|P2040|Turkey drumsticks|Drumsticks|grade_a||40|net|1.05|lb|frozen|poly|
4005|turkey|P2034|Turkey wings whole|Wings|grade_a||40|net|1.35|lb|frozen|poly|
4006|turkey|P2055|Ground turkey 85/15, 1 lb chubs|Ground turkey 85/15||12|12|net|2.45|lb|fresh|poly|
5001|lamb|204|Lamb rack 8 rib frenched, cap-off|Rack frenched|choice|12|24|catch|16.80|lb|fresh|boxed|
5002|lamb|204|Lamb rack 8 rib frenched, cap-off|Rack frenched|ungraded|12|22|catch|13.40|lb|frozen|boxed|NZ
5003|lamb|233A|Lamb leg trotter off, bone-in|Leg bone-in|choice|6|50|catch|5.90|lb|fresh|boxed|
5004|lamb|234|Lamb leg boneless, netted|Leg boneless|ungraded|8|40|catch|7.25|lb|frozen|boxed|AU
5005|lamb|208|Lamb shoulder boneless|Shoulder boneless|choice|8|44|catch|6.10|lb|frozen|boxed|
5006|lamb|210|Lamb foreshanks|Foreshanks|ungraded|24|30|catch|4.70|lb|frozen|boxed|NZ
"""


def product_rows() -> list[dict]:
    rows = []
    for line in PRODUCTS.strip().splitlines():
        code, protein, namp, description, cut, grade, pieces, box_lb, net_catch, price, unit, storage, pack, flags = (
            line.split("|")
        )
        flags = flags.split()
        imported_from = next((flag for flag in flags if flag in {"AU", "NZ"}), None)
        rows.append(
            {
                "code": code,
                "protein": protein,
                "namp_number": namp,
                "description": description,
                "cut": cut,
                "grade": grade,
                "pieces_per_carton": int(pieces) if pieces else None,
                "box_weight_lbs": Decimal(box_lb),
                "net_catch": net_catch,
                "default_price": Decimal(price),
                "price_unit": unit,
                "origin": "imported" if imported_from else "domestic",
                "country_of_origin": imported_from or "US",
                "edible_inedible": "edible",
                "is_tested": "tested" in flags,
                **STORAGE[storage],
                **PACKS[pack],
            }
        )
    return rows


def _suppliers_by_protein(tenant, proteins: dict) -> dict[str, dict[str, list]]:
    """Per protein code: the demo packers/processors and the importers that sell it (empty before the
    suppliers app seeds any)."""
    from apps.suppliers.models import Supplier

    suppliers = list(Supplier.objects.filter(tenant=tenant).prefetch_related("proteins").order_by("code"))
    by_protein = {}
    for code, protein in proteins.items():
        selling = [supplier for supplier in suppliers if protein in supplier.proteins.all()] or suppliers
        by_protein[code] = {
            "domestic": [s for s in selling if s.supplier_type in {"packer", "processor"}] or selling,
            "imported": [s for s in selling if s.supplier_type == "importer"] or selling,
        }
    return by_protein


def _plants_of(supplier, protein: Protein) -> list:
    if supplier is None:
        return []
    plants = {plant.pk: plant for plant in supplier.plants.all()}
    plants.update({plant.pk: plant for plant in supplier.owned_plants.all()})
    for_protein = [plant for plant in plants.values() if protein in plant.proteins.all()]
    return sorted(for_protein or plants.values(), key=lambda plant: plant.pk)[:2]


def seed(tenant, users) -> None:
    proteins = {
        code: Protein.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in PROTEIN_NAMES.items()
    }
    suppliers = _suppliers_by_protein(tenant, proteins)
    for index, values in enumerate(product_rows()):
        code = values.pop("code")
        protein = values["protein"] = proteins[values["protein"]]
        candidates = suppliers[protein.code][values["origin"]]
        # Spread the item list over the packers of each protein; imported items come from the importer.
        supplier = values["supplier"] = candidates[index % len(candidates)] if candidates else None
        values["supplier_item_number"] = f"{supplier.code}-{values['namp_number']}" if supplier else ""
        product, _ = Product.objects.update_or_create(
            tenant=tenant,
            code=code,
            defaults=values,
            create_defaults={**values, "created_by": users.get("manager")},
        )
        product.plants.set(_plants_of(supplier, protein))
