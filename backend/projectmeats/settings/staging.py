"""UAT / staging: production hardening with its own hosts and secrets."""

from .production import *  # noqa: F401,F403
