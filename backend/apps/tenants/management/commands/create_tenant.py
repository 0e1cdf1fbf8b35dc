"""Create a tenant (idempotent by slug), optionally with an owner."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from apps.tenants.models import Role, Tenant, TenantDomain, TenantUser


class Command(BaseCommand):
    help = "Create a tenant (brokerage); --owner USERNAME makes an existing user its owner."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--slug")
        parser.add_argument("--owner", help="username or e-mail of an existing user")
        parser.add_argument("--domain", help="host name that resolves to this tenant")

    @transaction.atomic
    def handle(self, *args, name, slug=None, owner=None, domain=None, **options):
        slug = slug or slugify(name)
        if not slug:
            raise CommandError("The tenant needs a slug (letters, digits, hyphens).")
        tenant, created = Tenant.objects.get_or_create(slug=slug, defaults={"name": name})
        if owner:
            User = get_user_model()
            user = User.objects.filter(username=owner).first() or User.objects.filter(email__iexact=owner).first()
            if user is None:
                raise CommandError(f"No user {owner!r}.")
            TenantUser.objects.update_or_create(
                tenant=tenant, user=user, defaults={"role": Role.OWNER, "is_active": True}
            )
        if domain:
            TenantDomain.objects.get_or_create(domain=domain.lower(), defaults={"tenant": tenant, "is_primary": True})
        self.stdout.write(f"{'Created' if created else 'Found'} tenant {tenant.slug} (id {tenant.pk}).")
