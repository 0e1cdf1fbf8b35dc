"""UAT / staging: the production hardening with its own hosts, secrets and database (DJANGO_ENV=staging)."""

from .production import *  # noqa: F401,F403
