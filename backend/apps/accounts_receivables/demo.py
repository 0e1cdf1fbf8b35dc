"""Six months of business for the demo brokerage, so every screen and report shows real numbers: about 300
truckloads bought from the packers, hauled, sold to customers, invoiced at the catch weight and (mostly) paid,
with partial payments, checks covering several invoices, a few credit memos, credit left on account and a couple
of customers who pay late. Everything goes through the apps' services, in date order, so the credit checks,
margins and timelines are the real ones. Deterministic (random.Random(2026)) and seeded once."""

import datetime
import heapq
import random
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from apps.core.exceptions import Conflict
from apps.core.money import quantity_in_price_unit, round_money, to_decimal
from apps.core.services import member_role

from . import services

HISTORY_MARK = "HIST-"  # supplier confirmation numbers of the history's purchase orders; seeding again adds nothing
ORDERS = 300
DAYS = 182
LB_PER_KG = Decimal("2.20462")
SLOW_PAYERS = {"C-1007", "C-1010"}  # pay a month or two late: the overdue customers
WEEKLY_CHECK_PAYERS = {"C-1002", "C-1003", "C-1015"}  # one check on Fridays for everything due that week
WIRE_PAYERS = {"C-1011", "C-1012"}  # exporters: wire on the due date
CREDIT_MEMO_REASONS = [
    ("short_weight", "Receiver scale 1.1% under the packer's ticket; credit for the difference."),
    ("temperature_rejection", "Two pallets refused at the dock: product at 41 °F on arrival."),
    ("price_adjustment", "Price corrected to the market on the day of shipment as agreed with the buyer."),
]


def _value_per_box(product) -> Decimal:
    """Rough value of a box at the product's default price, to size orders by money rather than boxes."""
    price = to_decimal(product.default_price or 0)
    box_lb = to_decimal(product.box_weight_lbs or 60)
    unit = product.price_unit
    if unit == "lb":
        return price * box_lb
    if unit == "cwt":
        return price * box_lb / 100
    if unit == "kg":
        return price * box_lb / LB_PER_KG
    return price


def _reference(rng: random.Random, method: str) -> str:
    if method == "check":
        return f"CHK {rng.randint(10000, 99999)}"
    if method == "wire":
        return f"FED REF {rng.randint(10**9, 10**10 - 1)}"
    return f"ACH TRACE 0210000{rng.randint(10**7, 10**8 - 1)}"


def _lot(plant, pickup: datetime.date, picked_up: bool) -> dict:
    """The packer's lot on a truckload that has been picked up at a USDA plant (for the recall query): killed or
    produced three days before pickup, packed the day before, the lot coded EST-YYMMDD. No random draw, so the
    rest of the history is the same with or without lots."""
    est = plant.establishment_number_normalized if plant is not None else ""
    if not picked_up or not est:
        return {}
    produced = pickup - datetime.timedelta(days=3)
    return {
        "lot_number": f"{est.split('+')[0]}-{produced:%y%m%d}",
        "establishment_number": est,
        "production_date": produced,
        "pack_date": pickup - datetime.timedelta(days=1),
    }


class History:
    def __init__(self, tenant, users, rng: random.Random, today: datetime.date):
        from apps.carriers.models import Carrier
        from apps.customers.models import Customer
        from apps.products.models import Product

        self.tenant, self.rng, self.today = tenant, rng, today
        self.by = users.get("user") or next(iter(users.values()), None)
        self.manager = users.get("manager") or self.by
        # The desk user's role, looked up once and passed to every service call it makes (each call would look
        # it up again, several times per truckload).
        self.role = member_role(tenant=tenant, user=self.by)
        self.products = [
            product
            for product in Product.objects.filter(tenant=tenant, supplier__isnull=False, default_price__gt=0)
            .select_related("supplier", "protein")
            .prefetch_related("plants")
            .order_by("code")
            if _value_per_box(product) > 0
        ]
        customers = list(
            Customer.objects.filter(tenant=tenant, status="active", credit_hold=False)
            .prefetch_related("proteins", "ship_to_locations")
            .order_by("code")
        )
        self.customers_by_protein: dict[int, list] = {}
        for customer in customers:
            for protein in customer.proteins.all():
                self.customers_by_protein.setdefault(protein.pk, []).append(customer)
        self.all_customers = customers
        valid = Q(insurance_expires_on__isnull=True) | Q(insurance_expires_on__gte=today)
        self.carriers = list(Carrier.objects.filter(tenant=tenant, is_active=True).filter(valid).order_by("code"))
        # (payment date, sequence, customer pk, invoice, amount): money the customers will send
        self.planned: list = []
        self.customers = {customer.pk: customer for customer in customers}
        self.owed: dict[int, Decimal] = {}  # what each customer owes or has on order, as the seeding goes
        self.sequence = 0

    def ready(self) -> bool:
        return bool(self.products and self.all_customers and self.carriers)

    # --- one truckload ----------------------------------------------------------------------------------

    def run(self) -> None:
        start = self.today - datetime.timedelta(days=DAYS)
        for index in range(ORDERS):
            order_date = start + datetime.timedelta(days=index * DAYS // ORDERS)
            self.collect(until=order_date)
            self.truckload(index, order_date)
        self.collect(until=self.today)
        self.proofs_of_delivery()

    def proofs_of_delivery(self) -> None:
        """The signed PODs came back two days after delivery (one UPDATE, not a service call per load)."""
        from apps.loads.models import Load, LoadStatus

        Load.objects.filter(
            tenant=self.tenant,
            status=LoadStatus.DELIVERED,
            delivery_date__lt=self.today - datetime.timedelta(days=7),
            pod_received=False,
        ).update(pod_received=True, pod_received_on=F("delivery_date") + datetime.timedelta(days=2))

    def truckload(self, index: int, order_date: datetime.date) -> None:
        from apps.invoices.services import create_credit_memo, create_invoice_from_sales_order
        from apps.loads import services as loads
        from apps.purchase_orders import services as buying
        from apps.sales_orders import services as selling

        rng, by, role = self.rng, self.by, self.role
        product = rng.choice(self.products)
        boxes = max(20, min(900, int(Decimal(rng.randint(35000, 110000)) / _value_per_box(product))))
        box_lb = to_decimal(product.box_weight_lbs or 60)
        estimated = round_money(box_lb * boxes)
        pickup = order_date + datetime.timedelta(days=rng.randint(1, 4))
        delivery = pickup + datetime.timedelta(days=rng.randint(1, 3))
        picked_up, delivered = pickup <= self.today, delivery < self.today
        actual = round_money(estimated * Decimal(rng.randint(9850, 10100)) / 10000) if picked_up else None
        buy_price = (to_decimal(product.default_price) * Decimal(rng.randint(920, 1040)) / 1000).quantize(
            Decimal("0.0001")
        )
        linehaul = Decimal(rng.randint(12, 42) * 100)
        accessorials = [{"charge_type": "fuel", "amount": round_money(linehaul * Decimal(rng.randint(8, 13)) / 100)}]
        if rng.random() < 0.12:
            accessorials.append({"charge_type": "detention", "amount": Decimal(rng.choice([75, 150, 225]))})
        freight = linehaul + sum((charge["amount"] for charge in accessorials), Decimal("0"))
        # The broker's price covers the buy, the truck and a margin of about 1-6 % (now and then a loss).
        quantity = quantity_in_price_unit(product.price_unit, weight_lb=estimated, boxes=boxes, pieces=boxes)
        margin_rate = Decimal(rng.choice([-5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60])) / 1000
        sell_price = (buy_price * (1 + margin_rate) + freight / quantity).quantize(Decimal("0.0001"))
        customer = self.pick_customer(product, buy_price * quantity)
        line = {"product": product, "boxes": boxes, "estimated_weight_lb": estimated, "price_unit": product.price_unit}
        if actual is not None:
            line["actual_weight_lb"] = actual
        plant = next(iter(product.plants.all()), None)
        order = buying.create_purchase_order(
            self.tenant,
            by=by,
            supplier=product.supplier,
            plant=plant,
            customer=customer,
            order_date=order_date,
            pickup_date=pickup,
            pickup_window_from=datetime.time(rng.choice([5, 6, 7, 8]), 0),
            pickup_window_to=datetime.time(rng.choice([11, 12, 14]), 0),
            delivery_date=delivery,
            carrier_release_format="both",
            appointment_method=rng.choice(["email", "phone", "website"]),
            supplier_confirmation_number=f"{HISTORY_MARK}{index + 1:04d}",
            lines=[{**line, "unit_price": buy_price, **_lot(plant, pickup, picked_up)}],
        )
        if rng.random() < 0.02:
            buying.cancel_purchase_order(order, by=by, role=role, reason="The plant cut the kill day; order cancelled.")
            return
        order = buying.send_purchase_order(order, by=by, role=role)
        if pickup > self.today + datetime.timedelta(days=2) and rng.random() < 0.5:
            return  # waiting for the packer's confirmation
        order = buying.confirm_purchase_order(order, by=by, role=role)
        ship_to = next((s for s in customer.ship_to_locations.all() if s.is_default), None) or next(
            iter(customer.ship_to_locations.all()), None
        )
        load = loads.create_load(
            self.tenant,
            by=by,
            carrier=rng.choice(self.carriers),
            purchase_orders=[order],
            linehaul_rate=linehaul,
            accessorials=accessorials,
            pickup_date=pickup,
            delivery_date=delivery,
            delivery_location=f"{customer.name}, {ship_to.city if ship_to else customer.city} {customer.state}",
            temperature_setpoint_f=Decimal("28.0") if product.fresh_frozen == "fresh" else Decimal("-10.0"),
            trailer_number=f"53R-{rng.randint(10000, 99999)}" if picked_up else "",
            seal_number=f"SL-{rng.randint(10**6, 10**7)}" if picked_up else "",
            bol_number=f"BOL-{rng.randint(10**5, 10**6)}" if picked_up else "",
        )
        sales_order = selling.create_sales_order(
            tenant=self.tenant,
            by=by,
            customer=customer,
            ship_to=ship_to,
            customer_po_number=f"{customer.code[-4:]}-{rng.randint(40000, 99999)}",
            order_date=order_date,
            load=load,
            carrier=load.carrier,
            pickup_date=pickup,
            delivery_date=delivery,
            lines=[{**line, "unit_price": sell_price, "source_purchase_order_line": order.lines.all()[0]}],
        )
        self.confirm(sales_order)
        if pickup > self.today:
            if rng.random() < 0.6:
                loads.accept_load(load, by=by, role=role)
            return
        loads.accept_load(load, by=by, role=role)
        loads.pick_up_load(load, by=by, role=role)
        selling.ship_sales_order(sales_order, by=by, role=role, shipped_on=pickup)
        if not delivered:
            return
        loads.deliver_load(load, by=by, role=role)
        if delivery < self.today - datetime.timedelta(days=21):
            buying.close_purchase_order(order, by=by, role=role)
        selling.deliver_sales_order(sales_order, by=by, role=role, delivered_on=delivery)
        invoice = create_invoice_from_sales_order(
            sales_order,
            by=by,
            role=role,
            invoice_date=delivery,
            freight_amount=round_money(linehaul * Decimal("1.08")) if rng.random() < 0.25 else Decimal("0"),
            issue=True,
        )
        balance = invoice.balance_due
        memo_date = delivery + datetime.timedelta(days=rng.randint(1, 5))
        if rng.random() < 0.04 and memo_date <= min(self.today, invoice.due_date):
            reason, note = rng.choice(CREDIT_MEMO_REASONS)
            amount = round_money(balance * Decimal(rng.randint(8, 35)) / 1000)
            create_credit_memo(invoice, by=by, amount=amount, reason=reason, memo_date=memo_date, notes=note)
            balance -= amount
        self.plan_payments(customer, invoice, balance)

    def pick_customer(self, product, value: Decimal):
        """A buyer of the product's protein with room under its credit limit (as the broker's sales desk would
        pick); when none has room, any buyer, and the credit manager decides at confirmation."""
        customers = self.customers_by_protein.get(product.protein_id) or self.all_customers
        with_room = [
            customer
            for customer in customers
            if customer.credit_limit is None or self.owed.get(customer.pk, 0) + value < customer.credit_limit * 9 / 10
        ]
        customer = self.rng.choice(with_room or customers)
        self.owed[customer.pk] = self.owed.get(customer.pk, 0) + value
        return customer

    def confirm(self, sales_order) -> None:
        from apps.sales_orders import services as selling

        try:
            selling.confirm_sales_order(sales_order, by=self.by, role=self.role)
        except (Conflict, PermissionDenied):
            selling.confirm_sales_order(
                sales_order,
                by=self.manager,
                role="manager",
                override_reason="Remittance advice received for the open invoices; released by the credit manager.",
            )

    # --- getting paid -----------------------------------------------------------------------------------

    def plan(self, day: datetime.date, customer, invoice, amount: Decimal) -> None:
        self.sequence += 1
        heapq.heappush(self.planned, (day, self.sequence, customer.pk, invoice, amount))

    def plan_payments(self, customer, invoice, balance: Decimal) -> None:
        rng, due = self.rng, invoice.due_date
        if balance <= 0:
            return
        if customer.code in SLOW_PAYERS:
            if rng.random() < 0.35:
                return  # still open: on the overdue list
            self.plan(due + datetime.timedelta(days=rng.randint(25, 70)), customer, invoice, balance)
            return
        if customer.code in WEEKLY_CHECK_PAYERS:
            day = due + datetime.timedelta(days=rng.randint(0, 6))
            day += datetime.timedelta(days=(4 - day.weekday()) % 7)  # the Friday check run
            self.plan(day, customer, invoice, balance)
            return
        day = max(invoice.invoice_date, due + datetime.timedelta(days=rng.randint(-4, 6)))
        if customer.code in WIRE_PAYERS:
            day = due
        if rng.random() < 0.12:  # half now, the rest after a reminder
            first = round_money(balance * Decimal(rng.randint(40, 70)) / 100)
            self.plan(day, customer, invoice, first)
            self.plan(day + datetime.timedelta(days=rng.randint(12, 30)), customer, invoice, balance - first)
            return
        self.plan(day, customer, invoice, balance)

    def collect(self, *, until: datetime.date) -> None:
        """Book the payments that have arrived by `until`: one payment per customer and day, applied to every
        invoice it covers; now and then a customer rounds up and leaves credit on account."""
        while self.planned and self.planned[0][0] <= until:
            day = self.planned[0][0]
            by_customer: dict[int, list] = {}
            while self.planned and self.planned[0][0] == day:
                _day, _sequence, customer_pk, invoice, amount = heapq.heappop(self.planned)
                by_customer.setdefault(customer_pk, []).append((invoice, amount))
            for customer_pk, allocations in by_customer.items():
                self.book(day, self.customers[customer_pk], allocations)

    def book(self, day: datetime.date, customer, allocations: list) -> None:
        total = sum((amount for _invoice, amount in allocations), Decimal("0"))
        self.owed[customer.pk] = self.owed.get(customer.pk, 0) - total
        received = total
        if self.rng.random() < 0.05:  # a round check: the rest stays as credit on account
            received = Decimal((int(total) // 500 + 1) * 500)
        if customer.code in WIRE_PAYERS:
            method = "wire"
        elif customer.code in WEEKLY_CHECK_PAYERS or customer.code in SLOW_PAYERS:
            method = "check"
        else:
            method = self.rng.choice(["ach", "ach", "ach", "check", "card"])
        payment = services.record_payment(
            tenant=self.tenant,
            customer=customer,
            payment_date=day,
            amount=received,
            payment_method=method,
            reference=_reference(self.rng, method),
            notes=f"Remittance for {', '.join(invoice.number for invoice, _amount in allocations)}.",
            by=self.by,
        )
        services.apply_payment(payment, allocations, by=self.by)


def seed(tenant, users) -> None:
    from apps.purchase_orders.models import PurchaseOrder

    if PurchaseOrder.objects.filter(tenant=tenant, supplier_confirmation_number__startswith=HISTORY_MARK).exists():
        return
    history = History(tenant, users, random.Random(2026), timezone.localdate())
    if not history.ready():
        return  # the master data apps have not seeded products, customers or carriers
    history.run()
