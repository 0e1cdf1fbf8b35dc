"""Superuser + root tenant + owner membership, for a fresh environment; idempotent."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.tenants.management.commands.setup_superuser import superuser_env


class Command(BaseCommand):
    help = "Run setup_superuser, create the root tenant and make the superuser its owner."

    def add_arguments(self, parser):
        parser.add_argument("--name", default=os.environ.get("ROOT_TENANT_NAME", "ProjectMeats"))
        parser.add_argument("--slug", default=os.environ.get("ROOT_TENANT_SLUG", "root"))

    @transaction.atomic
    def handle(self, *args, name, slug, **options):
        call_command("setup_superuser", stdout=self.stdout)
        _, username, _, _ = superuser_env()
        call_command("create_tenant", name, slug=slug, owner=username, stdout=self.stdout)
