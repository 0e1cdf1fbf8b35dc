from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from . import fields, rls
        from .history import register_history

        fields.install()

        # Before anything reads the model registry: every business model gets its history model here.
        register_history()
        autodiscover_modules("workflows")  # each order app declares its lifecycle in workflows.py

        post_migrate.connect(rls.apply_row_level_security, dispatch_uid="core.apply_rls")
        connection_created.connect(rls.on_connection_created, dispatch_uid="core.ops_role")
