"""Resource cases for the generic API tests: load settlements (with the declared actions) and the settlement
reports (list-level actions checked by extra_operations)."""

from apps.core.testing.cases import ResourceCase, register
from apps.loads.tests.factories import LoadFactory
from apps.settlement import services


def settlement(tenant):
    return services.open_settlement(tenant=tenant, by=None, load=LoadFactory(tenant=tenant))


def settled_with_rep(tenant):
    """A settled load whose frozen revenue names a customer and a sales rep of the tenant."""
    import datetime

    from apps.core.testing.factories import member
    from apps.customers.tests.factories import CustomerFactory
    from apps.settlement.models import SettlementEntry
    from apps.tenants.models import Role, TenantUser

    row = settlement(tenant)
    user = member(tenant, Role.USER)
    rep = TenantUser.objects.get(tenant=tenant, user=user)
    customer = CustomerFactory(tenant=tenant, sales_rep=rep)
    row.status, row.period_date = "settled", datetime.date(2026, 11, 2)
    row.save()
    SettlementEntry.objects.create(
        tenant=tenant,
        settlement=row,
        kind="revenue",
        basis="actual",
        currency="USD",
        amount="100.00",
        customer=customer,
        sales_rep=rep,
    )
    row.customer_name, row.rep_username = customer.name, user.username
    return row


def check_report(action: str):
    """The report answers 200 in tenant A and names none of tenant B's customers or reps."""

    def check(ctx, path, method):
        response = ctx.client.get(path)
        if response.status_code != 200:
            ctx.fail(f"{method.upper()} {path}: {response.status_code}")
            return
        row_b = ctx.rows_b["settlement-report"]
        text = response.content.decode()
        if row_b.customer_name in text or row_b.rep_username in text:
            ctx.fail(f"{method.upper()} {path}: shows tenant B's figures")

    return check


register(
    ResourceCase(
        basename="load-settlement",
        factory=settlement,
        create_payload=lambda tenant: {"load": LoadFactory(tenant=tenant).pk, "notes": "Waiting for the POD."},
        update_payload=lambda row: {"notes": "Freight bill promised for Friday."},
        search_term=lambda row: row.load.carrier.code,  # load numbers repeat across tenants
    ),
    ResourceCase(
        basename="settlement-report",
        factory=settled_with_rep,
        extra_operations={
            "get margin": check_report("margin"),
            "get commissions": check_report("commissions"),
        },
    ),
)
