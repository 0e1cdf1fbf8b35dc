"""Many-to-many join tables carry tenant_id (TenantLink through models): filled on every add/set, under
row-level security and composite foreign keys on PostgreSQL, covered by check_rls, and the data migration
fills existing rows."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from apps.core import rls
from apps.core.db_roles import rls_problems
from apps.core.models import TenantLink, TenantOwnedModel
from apps.core.testing.factories import TenantFactory, member
from apps.plants.tests.factories import PlantFactory
from apps.suppliers.models import Supplier, SupplierPlant
from apps.suppliers.tests.factories import SupplierFactory
from apps.tenants.models import Role
from conftest import client_for

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security needs PostgreSQL")


def _tenant_m2m_fields():
    for model in apps.get_models():
        if not issubclass(model, TenantOwnedModel):
            continue
        for field in model._meta.local_many_to_many:
            yield model, field


def test_every_many_to_many_of_a_tenant_model_goes_through_a_tenant_table():
    fields = list(_tenant_m2m_fields())
    assert len(fields) >= 8
    tables = set(rls.tenant_models())
    for model, field in fields:
        through = field.remote_field.through
        assert issubclass(through, TenantLink | TenantOwnedModel), f"{model._meta.label}.{field.name}: {through}"
        assert through in tables, f"{through._meta.db_table} is not under row-level security"


@pytest.mark.django_db
def test_add_set_and_the_api_fill_the_link_tenant():
    tenant = TenantFactory()
    supplier = SupplierFactory(tenant=tenant)
    plants = [PlantFactory(tenant=tenant) for _ in range(3)]
    supplier.plants.add(plants[0])
    supplier.plants.set(plants[:2])
    owner = member(tenant, Role.OWNER)
    response = client_for(owner, tenant).patch(
        f"/api/v1/suppliers/{supplier.pk}/", {"plants": [plants[1].pk, plants[2].pk]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert sorted(response.json()["plants"]) == sorted([plants[1].pk, plants[2].pk])
    links = SupplierPlant.objects.filter(supplier=supplier)
    assert sorted(links.values_list("plant_id", flat=True)) == sorted([plants[1].pk, plants[2].pk])
    assert set(links.values_list("tenant_id", flat=True)) == {tenant.pk}
    # Proteins (a shared table) link through a tenant table as well.
    assert set(supplier.proteins.through.objects.values_list("tenant_id", flat=True)) <= {tenant.pk}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="migrating back drops a column the RLS policy uses")
@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_tenant_id_of_existing_rows():
    tenant_a, tenant_b = TenantFactory(), TenantFactory()
    pairs = []
    for tenant in (tenant_a, tenant_b):
        supplier, plant = SupplierFactory(tenant=tenant), PlantFactory(tenant=tenant)
        pairs.append((tenant.pk, supplier.pk, plant.pk))
    executor = MigrationExecutor(connection)
    executor.migrate([("suppliers", "0003_historicalsupplier")])
    with connection.cursor() as cursor:
        for _tenant, supplier_id, plant_id in pairs:
            cursor.execute(
                "INSERT INTO suppliers_supplier_plants (supplier_id, plant_id) VALUES (%s, %s)", [supplier_id, plant_id]
            )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    found = sorted(SupplierPlant.objects.values_list("tenant_id", "supplier_id", "plant_id"))
    assert found == sorted(pairs)


def _link_rows(tenant_id):
    with transaction.atomic():
        rls.activate(tenant_id=tenant_id, user_id=None)
        rows = list(SupplierPlant.objects.values_list("tenant_id", flat=True))
        rls.deactivate()
    return rows


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_join_rows_are_isolated_by_row_level_security():
    tenant_a, tenant_b = TenantFactory(), TenantFactory()
    supplier_a, plant_a = SupplierFactory(tenant=tenant_a), PlantFactory(tenant=tenant_a)
    plant_b = PlantFactory(tenant=tenant_b)
    with transaction.atomic():
        rls.activate(tenant_id=tenant_a.pk, user_id=None)
        Supplier.objects.get(pk=supplier_a.pk).plants.add(plant_a)  # as the app role: tenant filled, policy passes
    assert _link_rows(tenant_a.pk) == [tenant_a.pk]
    assert _link_rows(tenant_b.pk) == []  # another tenant's pairs are invisible
    assert _link_rows(None) == []
    # Writing a pair into another tenant is refused by the policy ...
    with pytest.raises(DatabaseError, match="row-level security"):
        with transaction.atomic():
            rls.activate(tenant_id=tenant_b.pk, user_id=None)
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO suppliers_supplier_plants (tenant_id, supplier_id, plant_id) VALUES (%s, %s, %s)",
                    [tenant_a.pk, supplier_a.pk, plant_a.pk],
                )
    # ... and a pair across tenants by the composite foreign key, even for the owner role.
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            SupplierPlant.objects.create(supplier=supplier_a, plant=plant_b)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@on_postgres
@pytest.mark.django_db(transaction=True, databases=["default", "ops"])
def test_check_rls_reports_a_join_table_without_row_level_security():
    assert rls_problems(connection) == []
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE suppliers_supplier_plants NO FORCE ROW LEVEL SECURITY")
        cursor.execute("DROP POLICY tenant_isolation ON suppliers_supplier_plants")
    try:
        problems = rls_problems(connection)
        assert "suppliers_supplier_plants: row level security not forced" in problems
        assert "suppliers_supplier_plants: no tenant_isolation policy" in problems
    finally:
        with connection.cursor() as cursor:
            for statement in rls.policy_sql(SupplierPlant):
                cursor.execute(statement)
    assert rls_problems(connections["default"]) == []


@pytest.mark.django_db(transaction=True, databases=list(settings.DATABASES))
def test_admin_edits_links_through_inlines(client):
    from django.contrib.auth import get_user_model

    tenant = TenantFactory()
    supplier, plant = SupplierFactory(tenant=tenant), PlantFactory(tenant=tenant)
    supplier.plants.add(plant)
    staff = get_user_model().objects.create_superuser("staff-links", "staff@example.com", "x-pass-9921")
    client.force_login(staff)
    response = client.get(f"/admin/suppliers/supplier/{supplier.pk}/change/")
    assert response.status_code == 200
    assert b"supplierplant_set" in response.content or b"SupplierPlant" in response.content
