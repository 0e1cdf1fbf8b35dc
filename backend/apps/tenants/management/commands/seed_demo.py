"""The demo brokerage: a tenant and one user per role with demo passwords; later apps add business data
through the `demo_seeders` hook (each app may provide apps/<app>/demo.py with a seed(tenant, users))."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core import history, rls
from apps.tenants.models import Role, Tenant, TenantUser

DEMO_TENANT_SLUG = "demo"
DEMO_TENANT_NAME = "Demo Meat Brokerage"
DEMO_PASSWORD = "demo-pass-2026"
DEMO_USERS = [(f"demo_{role.value}", role.value) for role in Role]


class Command(BaseCommand):
    help = "Create the demo tenant, one user per role (password demo-pass-2026) and the apps' demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apps",
            nargs="*",
            metavar="LABEL",
            help="Seed only these apps' demo data (e.g. suppliers products); default: every app.",
        )

    def handle(self, *args, apps=None, **options):
        self.verbosity = options.get("verbosity", 1)
        User = get_user_model()
        with transaction.atomic():
            tenant, _ = Tenant.objects.get_or_create(slug=DEMO_TENANT_SLUG, defaults={"name": DEMO_TENANT_NAME})
            users = {}
            for username, role in DEMO_USERS:
                user, created = User.objects.get_or_create(
                    username=username, defaults={"email": f"{username}@demo.projectmeats.local"}
                )
                if created or not user.has_usable_password():
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                users[role] = user
        # History is written in bulk at the end (one 'create' row per demo record) instead of one insert per
        # save while seeding, which would make the seed markedly slower.
        with rls.tenant_context(tenant.pk), history.history_paused():
            for role, user in users.items():
                TenantUser.objects.update_or_create(
                    tenant=tenant, user=user, defaults={"role": role, "is_active": True}
                )
            for app in settings.INSTALLED_APPS:
                if not app.startswith("apps.") or (apps and app.removeprefix("apps.") not in apps):
                    continue
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                started = time.monotonic()
                self._progress(f"Seeding {app.removeprefix('apps.')} ...")
                module.seed(tenant, users)
                self._progress(f" {time.monotonic() - started:.1f} s\n")
        started = time.monotonic()
        self._progress("Writing the demo records' history ...")
        with rls.tenant_context(tenant.pk):
            history.bulk_backfill(tenant)
        self._progress(f" {time.monotonic() - started:.1f} s\n")
        analyzed = rls.analyze_tables()  # fresh statistics: the first list pages must not plan on empty tables
        if analyzed:
            self.stdout.write(f"ANALYZE on {len(analyzed)} tables.")
        self.stdout.write(self.style.SUCCESS(f"Demo tenant '{tenant.slug}' ready (id {tenant.pk})."))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {role:<9} {username} / {DEMO_PASSWORD}")

    def _progress(self, text: str) -> None:
        """One step of the seed as it happens (make dev is otherwise silent for minutes here); -v 0 hides it."""
        if self.verbosity:
            self.stdout.write(text, ending="")
            self.stdout.flush()
