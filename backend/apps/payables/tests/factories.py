"""Supplier bills made the way the app makes them: a received purchase order (through its own services) billed
through apps.payables.services."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.core.testing.factories import TenantFactory
from apps.loads.tests.factories import LoadFactory
from apps.payables import services
from apps.payables.models import DebitMemo, FreightBill, PaymentOut, SupplierBill
from apps.plants.tests.factories import PlantFactory
from apps.purchase_orders.tests.factories import PurchaseOrderFactory, line
from apps.suppliers.tests.factories import SupplierFactory, existing_or_new


def received_line(**overrides) -> dict:
    """20 boxes of chuck roll, 1,200 lb estimated, 1,187.40 lb caught, $4.25/lb (at catch weight $5,046.45)."""
    return line(**{"actual_weight_lb": Decimal("1187.40"), **overrides})


def received_order(tenant, *, lines=None, supplier=None, status="received", **fields):
    """A received purchase order of the tenant with catch weights (made through the PO services); `status`
    "confirmed" for one that can still go on a load."""
    return PurchaseOrderFactory(
        tenant=tenant,
        supplier=supplier or existing_or_new(SupplierFactory, tenant),
        plant=existing_or_new(PlantFactory, tenant),
        lines=lines if lines is not None else [received_line()],
        status=status,
        **fields,
    )


class SupplierBillFactory(DjangoModelFactory):
    """SupplierBillFactory(tenant=t, purchase_order=po, lines=None) -> a draft bill of the PO as it stands."""

    class Meta:
        model = SupplierBill

    tenant = factory.SubFactory(TenantFactory)
    purchase_order = factory.LazyAttribute(lambda o: received_order(o.tenant))
    supplier_invoice_number = factory.Sequence(lambda n: f"PKR-INV-{n:06d}")

    @classmethod
    def _create(cls, model_class, *args, tenant, purchase_order, lines=None, by=None, submit=False, **fields):
        bill = services.create_bill(tenant=tenant, by=by, purchase_order=purchase_order, lines=lines, **fields)
        if submit:
            bill = services.submit_bill(bill, by=by)
        return bill


class DebitMemoFactory(DjangoModelFactory):
    """DebitMemoFactory(tenant=t, supplier=s | carrier=c) -> an open chargeback of $150.00 (a supplier's when
    neither is given)."""

    class Meta:
        model = DebitMemo

    tenant = factory.SubFactory(TenantFactory)
    amount = Decimal("150.00")
    currency = "USD"
    reason = "Shortage: 2 boxes short on delivery."
    source = factory.Sequence(lambda n: f"CLM-TEST-{n:05d}")

    @classmethod
    def _create(cls, model_class, *args, tenant, by=None, supplier=None, carrier=None, **fields):
        if supplier is None and carrier is None:
            supplier = existing_or_new(SupplierFactory, tenant)
        return services.create_debit_memo(tenant=tenant, by=by, supplier=supplier, carrier=carrier, **fields)


class FreightBillFactory(DjangoModelFactory):
    """FreightBillFactory(tenant=t, load=l, charges=None) -> a draft freight bill of the load as agreed (a new
    load: $2,450.00 line haul + $185.00 fuel = $2,635.00)."""

    class Meta:
        model = FreightBill

    tenant = factory.SubFactory(TenantFactory)
    load = factory.LazyAttribute(lambda o: LoadFactory(tenant=o.tenant))
    carrier_invoice_number = factory.Sequence(lambda n: f"PRO-{n:07d}")

    @classmethod
    def _create(cls, model_class, *args, tenant, load, charges=None, by=None, submit=False, **fields):
        bill = services.create_freight_bill(tenant=tenant, by=by, load=load, charges=charges, **fields)
        if submit:
            bill = services.submit_bill(bill, by=by)
        return bill


class PaymentOutFactory(DjangoModelFactory):
    """PaymentOutFactory(tenant=t) -> a check paying an approved supplier bill in full ($5,046.45)."""

    class Meta:
        model = PaymentOut

    tenant = factory.SubFactory(TenantFactory)
    method = "check"
    currency = "USD"
    reference = factory.Sequence(lambda n: f"CHK {1000 + n}")

    @classmethod
    def _create(cls, model_class, *args, tenant, by=None, applications=None, supplier=None, **fields):
        if applications is None:
            bill = SupplierBillFactory(tenant=tenant, submit=True)
            supplier = bill.supplier
            applications = [{"supplier_bill": bill, "amount": bill.balance_due}]
        return services.create_payment_out(tenant=tenant, by=by, supplier=supplier, applications=applications, **fields)
