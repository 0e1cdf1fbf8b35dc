"""Migration operations that turn an automatic many-to-many join table into an explicit TenantLink
(apps.core.models) in place: same table, same columns and rows, plus a tenant_id filled from the owner."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def _fill_tenant(app_label: str, through: str, owner: str, owner_model: str):
    def fill(apps, schema_editor):
        link = apps.get_model(app_label, through)
        owner_app, owner_name = owner_model.split(".")
        owners = apps.get_model(owner_app, owner_name)._base_manager.filter(pk=OuterRef(f"{owner}_id"))
        if schema_editor.connection.vendor == "postgresql":
            # Checked now, so the NOT NULL that follows does not meet pending foreign-key triggers.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        link._base_manager.update(tenant_id=Subquery(owners.values("tenant_id")[:1]))
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    return fill


def into_tenant_link(
    *,
    app_label: str,
    model_name: str,
    field_name: str,
    field: models.ManyToManyField,
    through: str,
    db_table: str,
    owner: tuple[str, str],
    target: tuple[str, str],
) -> list:
    """owner/target: (column name without _id, "app_label.model"), as the automatic table named them."""
    (owner_name, owner_model), (target_name, target_model) = owner, target
    tenant = models.ForeignKey(
        editable=False, on_delete=models.deletion.PROTECT, related_name="+", to="tenants.tenant", null=True
    )
    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name=through,
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            owner_name,
                            models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="+", to=owner_model),
                        ),
                        (
                            target_name,
                            models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="+", to=target_model),
                        ),
                    ],
                    options={"db_table": db_table, "unique_together": {(owner_name, target_name)}},
                ),
                migrations.AlterField(model_name=model_name, name=field_name, field=field),
            ]
        ),
        migrations.AddField(model_name=through, name="tenant", field=tenant),
        migrations.RunPython(_fill_tenant(app_label, through, owner_name, owner_model), migrations.RunPython.noop),
        migrations.AlterField(
            model_name=through,
            name="tenant",
            field=models.ForeignKey(
                editable=False, on_delete=models.deletion.PROTECT, related_name="+", to="tenants.tenant"
            ),
        ),
    ]
