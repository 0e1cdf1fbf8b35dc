"""Property-based tests (Hypothesis) of the money and weight rules. Each expectation is computed here by hand
with exact fractions, never by calling the code under test. Derandomized with bounded examples, so a run is fast
and a failure reproduces."""

import datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from apps.core import money

FAST = settings(max_examples=200, derandomize=True, deadline=None)
# differing_executors: a TestCase method runs on a new instance each time pytest runs it, which mutation testing
# does many times in one process (`make mutation`); the tests keep no state on the instance.
DB = settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)

KG_PER_LB = Fraction(45359237, 10**8)  # the international pound: exactly 0.45359237 kg


def cents(min_cents=0, max_cents=10**9):
    return st.integers(min_cents, max_cents).map(lambda n: Decimal(n) / 100)


def unit_prices():  # up to 4 decimals, as UnitPriceField stores them
    return st.integers(0, 10**8).map(lambda n: Decimal(n) / 10000)


def half_up_cents(value: Fraction) -> Decimal:
    """Round a non-negative exact value half-up to the cent, by integer arithmetic."""
    scaled = value * 100
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 100


@FAST
@given(weight=cents(), price=unit_prices())
def test_per_lb_line_is_weight_times_price_rounded_half_up_once(weight, price):
    expected = half_up_cents(Fraction(weight) * Fraction(price))
    assert money.line_total("lb", price, weight_lb=weight) == expected


@FAST
@given(weight=cents(), price=unit_prices())
def test_per_cwt_line_is_hundredweights_times_price(weight, price):
    expected = half_up_cents(Fraction(weight) / 100 * Fraction(price))
    assert money.line_total("cwt", price, weight_lb=weight) == expected


@FAST
@given(weight=cents(), price=unit_prices())
def test_per_kg_line_prices_the_kilograms_to_the_hundredth(weight, price):
    kilograms = half_up_cents(Fraction(weight) * KG_PER_LB)  # as a scale reads them
    assert money.line_total("kg", price, weight_lb=weight) == half_up_cents(Fraction(kilograms) * Fraction(price))


@FAST
@given(count=st.integers(0, 100000), price=unit_prices())
def test_per_case_and_per_each_lines_count_boxes_and_pieces(count, price):
    expected = half_up_cents(count * Fraction(price))
    assert money.line_total("case", price, boxes=count) == expected
    assert money.line_total("each", price, pieces=count, boxes=count + 1) == expected
    assert money.line_total("each", price, boxes=count) == expected  # boxes count when no pieces


@FAST
@given(whole=st.integers(0, 10**9), third=st.integers(0, 999))
def test_rounding_is_half_up_at_the_cent(whole, third):
    value = Decimal(whole) / 100 + Decimal(third) / 100000  # three more decimals after the cent
    exact = Fraction(value)
    assert money.round_money(value) == half_up_cents(exact)


def test_half_a_cent_rounds_up_not_to_even():
    assert money.round_money("10.005") == Decimal("10.01")
    assert money.round_money("10.015") == Decimal("10.02")
    assert money.line_total("lb", "0.0050", weight_lb="1.00") == Decimal("0.01")


@FAST
@given(kg=cents())
def test_kg_to_lb_is_the_conversion_rounded_to_the_hundredth(kg):
    assert money.kg_to_lb(kg) == half_up_cents(Fraction(kg) / KG_PER_LB)


@FAST
@given(kg=cents(max_cents=45359237))  # up to the 1,000,000 lb a line may weigh
def test_kilograms_entered_come_back_as_the_same_kilograms(kg):
    # Stored pounds are within 0.005 lb = 0.0023 kg of the exact value: back to the hundredth, kg is what was typed,
    # so a line priced per kg on kilograms entered bills exactly kg x price.
    assert money.lb_to_kg(money.kg_to_lb(kg)) == kg


@FAST
@given(lb=cents())
def test_lb_to_kg_and_back_stays_within_a_rounding_step(lb):
    kg = money.lb_to_kg(lb)
    assert kg == half_up_cents(Fraction(lb) * KG_PER_LB)
    back = money.kg_to_lb(kg)
    # kg is off by at most half a hundredth of a kg (1.1 hundredths of a lb), back rounds once more.
    assert abs(Fraction(back) - Fraction(lb)) <= Fraction(5, 1000) / KG_PER_LB + Fraction(5, 1000)


@FAST
@given(values=st.lists(cents(max_cents=10**8), max_size=30))
def test_sum_money_is_the_exact_sum(values):
    assert money.sum_money(values) == Decimal(sum(int(v * 100) for v in values)) / 100


def test_floats_never_reach_money():
    import pytest

    with pytest.raises(TypeError):
        money.line_total("lb", 1.1, weight_lb="1")


# --- Database-backed rules: freight allocation, payment application, aging --------------------------------


class FreightAllocationProperties(TestCase):
    @DB
    @example(freight=Decimal("0.01"), weights=[1, 1, 0])  # two stops rounding up leave the last one negative
    @given(
        freight=cents(0, 10**7),
        weights=st.lists(st.integers(0, 40000), min_size=1, max_size=4),
    )
    def test_shares_add_up_to_the_freight_and_follow_the_weights(self, freight, weights):
        from apps.core.testing.factories import TenantFactory
        from apps.loads.services import freight_allocation
        from apps.loads.tests.factories import LoadFactory
        from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line

        tenant = TenantFactory()
        orders = [
            PurchaseOrderFactory(tenant=tenant, lines=[line(estimated_weight_lb=Decimal(w), boxes=1)]) for w in weights
        ]
        load = LoadFactory(tenant=tenant, purchase_orders=orders, accessorials=[], linehaul_rate=freight)
        shares = freight_allocation(load)
        assert set(shares) == {order.pk for order in orders}
        assert sum(shares.values(), Decimal("0")) == freight
        total = sum(weights)
        for order, weight in zip(orders, weights, strict=True):
            exact = Fraction(freight) * weight / total if total else Fraction(freight) / len(orders)
            # Each share is its exact part to within the rounding of the stops (one cent per stop).
            assert abs(Fraction(shares[order.pk]) - exact) <= Fraction(len(orders), 100), (shares, weights)
            assert shares[order.pk] >= 0, (shares, weights, freight)


class PaymentApplicationProperties(TestCase):
    @DB
    @given(
        payment=cents(1, 10**6),
        invoices=st.lists(cents(1, 10**6), min_size=1, max_size=3),
        asks=st.lists(cents(1, 2 * 10**6), min_size=1, max_size=3),
    )
    def test_applying_never_exceeds_the_payment_nor_any_balance(self, payment, invoices, asks):
        from apps.accounts_receivables.services import apply_payment
        from apps.accounts_receivables.tests.factories import PaymentFactory, open_invoice
        from apps.core.testing.factories import TenantFactory
        from apps.customers.tests.factories import CustomerFactory
        from apps.invoices.models import Invoice

        tenant = TenantFactory()
        customer = CustomerFactory(tenant=tenant)
        rows = [open_invoice(tenant, customer=customer, total=str(total)) for total in invoices]
        paid = PaymentFactory(tenant=tenant, customer=customer, amount=payment)
        allocations = list(zip(rows, asks, strict=False))
        asked = sum((amount for _row, amount in allocations), Decimal("0"))
        within_balances = all(amount <= total for (_row, amount), total in zip(allocations, invoices, strict=False))
        fits = asked <= payment and within_balances
        try:
            apply_payment(paid, allocations)
            applied = True
        except Exception as exc:  # noqa: BLE001 - a refusal is a 4xx-mapped error; anything else fails below
            from rest_framework.exceptions import APIException

            assert isinstance(exc, APIException), exc
            applied = False
        assert applied == fits, (payment, invoices, asks)
        paid.refresh_from_db()
        assert Decimal("0") <= paid.unapplied_amount <= payment
        assert paid.unapplied_amount == (payment - asked if applied else payment)
        for row, total in zip(rows, invoices, strict=True):
            row = Invoice.objects.get(pk=row.pk)
            assert Decimal("0") <= row.balance_due <= total


class AgingProperties(TestCase):
    @DB
    @given(
        invoices=st.lists(
            st.tuples(cents(1, 10**6), st.integers(-30, 200)),  # (total, days past due as of the report)
            min_size=1,
            max_size=5,
        )
    )
    def test_buckets_sum_to_the_outstanding_balance_and_sort_by_days(self, invoices):
        from apps.accounts_receivables.reports import aging
        from apps.accounts_receivables.tests.factories import open_invoice
        from apps.core.testing.factories import TenantFactory

        tenant = TenantFactory()
        as_of = datetime.date(2026, 11, 30)
        expected = dict.fromkeys(["current", "days_1_30", "days_31_60", "days_61_90", "days_over_90"], Decimal("0"))
        for total, days in invoices:
            due = as_of - datetime.timedelta(days=days)
            open_invoice(tenant, total=str(total), invoice_date=due - datetime.timedelta(days=30), due_date=due)
            if days <= 0:
                expected["current"] += total
            elif days <= 30:
                expected["days_1_30"] += total
            elif days <= 60:
                expected["days_31_60"] += total
            elif days <= 90:
                expected["days_61_90"] += total
            else:
                expected["days_over_90"] += total
        (totals,) = aging(tenant, as_of)["totals"]
        outstanding = sum((total for total, _days in invoices), Decimal("0"))
        assert {key: totals[key] for key in expected} == expected, (totals, invoices)
        assert sum(totals[key] for key in expected) == outstanding == totals["total"]
