"""The app role's statement_timeout (setup_db_roles): a connection that logs in as the app role has it, and
a statement that runs longer is cancelled."""

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from apps.core.db_roles import set_statement_timeout

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL role setting")


def _as_app_role():
    params = connection.get_connection_params()
    return psycopg.connect(
        host=params.get("host") or "127.0.0.1",
        port=params.get("port") or 5432,
        dbname=params["dbname"],
        user=settings.DATABASE_APP_ROLE,
        password=settings.DATABASE_APP_PASSWORD or None,
        autocommit=True,
    )


@pytest.mark.django_db(transaction=True)
def test_the_app_role_gets_the_statement_timeout_and_long_statements_are_cancelled(settings):
    with _as_app_role() as app:
        assert app.execute("SHOW statement_timeout").fetchone()[0] == "30s"
    settings.DATABASE_APP_STATEMENT_TIMEOUT = "300ms"
    try:
        set_statement_timeout(connection)
        with _as_app_role() as app:
            assert app.execute("SHOW statement_timeout").fetchone()[0] == "300ms"
            with pytest.raises(psycopg.errors.QueryCanceled):
                app.execute("SELECT pg_sleep(2)")
    finally:
        settings.DATABASE_APP_STATEMENT_TIMEOUT = "30s"
        set_statement_timeout(connection)


def test_a_malformed_timeout_is_refused(settings):
    settings.DATABASE_APP_STATEMENT_TIMEOUT = "30s; DROP TABLE x"
    with pytest.raises(ValueError, match="DATABASE_APP_STATEMENT_TIMEOUT"):
        set_statement_timeout(connection)
