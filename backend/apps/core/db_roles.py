"""Creation and grants of the PostgreSQL roles: app (runtime, RLS applies) and ops (BYPASSRLS)."""

from django.conf import settings


def _role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def ensure_roles(conn) -> list[str]:
    """Create or update both roles; returns what was done. Needs a superuser (BYPASSRLS)."""
    done = []
    qn = conn.ops.quote_name
    wanted = [
        (settings.DATABASE_APP_ROLE, settings.DATABASE_APP_PASSWORD, "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"),
        (settings.DATABASE_OPS_ROLE, settings.DATABASE_OPS_PASSWORD, "NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE"),
    ]
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        clash = [role for role, *_ in wanted if role == owner]
        if clash or settings.DATABASE_APP_ROLE == settings.DATABASE_OPS_ROLE:
            # Altering the connecting (owner) role would strip its own privileges.
            raise ValueError(
                "DATABASE_APP_ROLE and DATABASE_OPS_ROLE must be two distinct roles, neither the owner role "
                f"{owner!r} this command connects as"
            )
        for role, password, attributes in wanted:
            verb = "ALTER" if _role_exists(cursor, role) else "CREATE"
            cursor.execute(f"{verb} ROLE {qn(role)} LOGIN {attributes}")
            if password:
                cursor.execute(f"ALTER ROLE {qn(role)} PASSWORD %s", [password])
            done.append(f"{verb.lower()}d role {role}")
        for role, *_ in wanted:
            if role != owner:
                # The owner may switch to either role (development and tests connect as the owner).
                cursor.execute(f"GRANT {qn(role)} TO {qn(owner)}")
    grant_privileges(conn)
    return done


def grant_privileges(conn, *, only_if_roles_exist: bool = False) -> None:
    """Data privileges on every table and sequence, now and for tables created later by the owner."""
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        roles = [settings.DATABASE_APP_ROLE, settings.DATABASE_OPS_ROLE]
        if only_if_roles_exist and not all(_role_exists(cursor, role) for role in roles):
            return
        cursor.execute("SELECT current_database()")
        database = cursor.fetchone()[0]
        for role in roles:
            r = qn(role)
            cursor.execute(f"GRANT CONNECT ON DATABASE {qn(database)} TO {r}")
            cursor.execute(f"GRANT USAGE ON SCHEMA public TO {r}")
            cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}")
            cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}")
            cursor.execute(
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}"
            )
            cursor.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}")


def rls_problems(conn) -> list[str]:
    """Everything that breaks the second wall; empty when it holds."""
    from .rls import POLICY_NAME, tenant_models

    problems = []
    app_role = settings.DATABASE_APP_ROLE
    with conn.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [app_role])
        row = cursor.fetchone()
        if row is None:
            problems.append(f"app role {app_role} does not exist (run manage.py setup_db_roles)")
        else:
            if row[0]:
                problems.append(f"app role {app_role} is a superuser")
            if row[1]:
                problems.append(f"app role {app_role} has BYPASSRLS")
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'S')",
            [app_role],
        )
        owned = [name for (name,) in cursor.fetchall()]
        if owned:
            problems.append(f"app role {app_role} owns {', '.join(sorted(owned))}")
        for model in tenant_models():
            table = model._meta.db_table
            cursor.execute("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
            if row is None:
                problems.append(f"{table}: table missing (run migrate)")
                continue
            if not row[0]:
                problems.append(f"{table}: row level security not enabled")
            if not row[1]:
                problems.append(f"{table}: row level security not forced")
            cursor.execute("SELECT 1 FROM pg_policies WHERE tablename = %s AND policyname = %s", [table, POLICY_NAME])
            if cursor.fetchone() is None:
                problems.append(f"{table}: no {POLICY_NAME} policy")
    return problems
