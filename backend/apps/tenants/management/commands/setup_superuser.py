"""Create or update the environment's superuser from <ENV>_SUPERUSER_USERNAME / _PASSWORD / _EMAIL."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


def superuser_env() -> tuple[str, str, str, str]:
    prefix = settings.DJANGO_ENV.upper()
    if prefix == "TEST":
        prefix = "DEVELOPMENT"
    username = os.environ.get(f"{prefix}_SUPERUSER_USERNAME", "")
    password = os.environ.get(f"{prefix}_SUPERUSER_PASSWORD", "")
    email = os.environ.get(f"{prefix}_SUPERUSER_EMAIL", "")
    return prefix, username, password, email


class Command(BaseCommand):
    help = "Idempotently create the superuser for DJANGO_ENV and set (rotate) its password."

    def handle(self, *args, **options):
        prefix, username, password, email = superuser_env()
        missing = [
            f"{prefix}_SUPERUSER_{name}"
            for name, value in (("USERNAME", username), ("PASSWORD", password), ("EMAIL", email))
            if not value
        ]
        if missing:
            raise CommandError("Missing environment variables: " + ", ".join(missing))
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.email = email
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"{'Created' if created else 'Updated'} superuser {username} (password set).")
