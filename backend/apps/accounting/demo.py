"""Demo journal: every money event of the demo tenant's documents, posted (`post_journal` for one tenant). The
documents the other apps' seeders made through the services are posted already; this posts the rest."""

from . import services


def seed(tenant, users) -> None:
    services.post_missing(tenant)
