"""Demo contacts: sales and accounting people at each supplier, buyers and receiving at each customer,
shipping/quality at each plant and a dispatcher at each carrier; customers' buyer contacts are set."""

from apps.carriers.models import Carrier
from apps.customers.models import Customer
from apps.plants.models import Plant
from apps.suppliers.models import Supplier

from .models import Contact

FIRST = ["Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Jennifer", "David", "Elizabeth", "William",
         "Susan", "Carlos", "Karen", "Joseph", "Nancy", "Thomas", "Lisa", "Daniel", "Sandra", "Mark", "Ashley",
         "Paul", "Donna", "Steven", "Emily", "Kevin", "Michelle", "Brian", "Carol", "Jorge"]  # fmt: skip
LAST = ["Garcia", "Johnson", "Miller", "Davis", "Rodriguez", "Martinez", "Anderson", "Taylor", "Thomas", "Moore",
        "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young",
        "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Carter"]  # fmt: skip

# (title, contact types, primary) per kind of company
ROLES = {
    "supplier": [("Beef Sales Manager", ["sales"], True), ("Credit & Accounts Receivable", ["accounting"], False),
                 ("Shipping Coordinator", ["shipping", "bol_documents"], False)],
    "customer": [("Meat Buyer", ["sales", "executive"], True), ("Receiving Manager", ["receiving", "pod"], False),
                 ("Accounts Payable", ["accounting"], False)],
    "plant": [("Shipping Supervisor", ["shipping", "bol_documents"], True), ("QA Manager", ["quality", "coa"], False)],
    "carrier": [("Dispatcher", ["operations", "shipping"], True), ("Billing", ["accounting", "pod"], False)],
}  # fmt: skip


def _domain(name: str, pk: int) -> str:
    return f"{''.join(ch for ch in name.split()[0].lower() if ch.isalnum())}{pk}.example"


def seed(tenant, users) -> None:
    companies = [
        ("supplier", Supplier.objects.filter(tenant=tenant).order_by("code")),
        ("customer", Customer.objects.filter(tenant=tenant).order_by("code")),
        ("plant", Plant.objects.filter(tenant=tenant).order_by("code")),
        ("carrier", Carrier.objects.filter(tenant=tenant).order_by("code")),
    ]
    person = 0
    for kind, rows in companies:
        for company in rows:
            roles = ROLES[kind] if kind != "plant" else ROLES[kind][: 1 + company.pk % 2]
            for title, types, primary in roles:
                first, last = FIRST[person % len(FIRST)], LAST[(person * 7) % len(LAST)]
                person += 1
                email = f"{first[0].lower()}{last.lower()}@{_domain(company.name, company.pk)}"
                contact, _ = Contact.objects.update_or_create(
                    tenant=tenant,
                    email=email,
                    **{kind: company},
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "title": title,
                        "contact_types": types,
                        "main_phone": company.phone or "800-555-0100",
                        "direct_phone": f"800-555-{1000 + person:04d}",
                        "cell_phone": f"888-555-{2000 + person:04d}" if primary else "",
                        "is_primary": primary,
                        "created_by": users.get("owner"),
                    },
                )
                if kind == "customer" and title == "Meat Buyer" and company.buyer_contact_id != contact.pk:
                    company.buyer_contact = contact
                    company.save(update_fields=["buyer_contact"])
