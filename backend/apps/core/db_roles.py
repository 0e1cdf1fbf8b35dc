"""Creation and grants of the PostgreSQL roles: app (runtime, RLS applies) and ops (BYPASSRLS)."""

import re

from django.conf import settings


def _role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


# Attributes each role must end up with: (pg_roles column, keyword when true, keyword when false).
ATTRIBUTES = {
    "superuser": ("rolsuper", "SUPERUSER", "NOSUPERUSER"),
    "bypassrls": ("rolbypassrls", "BYPASSRLS", "NOBYPASSRLS"),
    "createdb": ("rolcreatedb", "CREATEDB", "NOCREATEDB"),
    "createrole": ("rolcreaterole", "CREATEROLE", "NOCREATEROLE"),
    "login": ("rolcanlogin", "LOGIN", "NOLOGIN"),
}


def wanted_roles() -> list[tuple[str, str, dict[str, bool]]]:
    base = {"superuser": False, "createdb": False, "createrole": False, "login": True}
    return [
        (settings.DATABASE_APP_ROLE, settings.DATABASE_APP_PASSWORD, {**base, "bypassrls": False}),
        (settings.DATABASE_OPS_ROLE, settings.DATABASE_OPS_PASSWORD, {**base, "bypassrls": True}),
    ]


def _role_attributes(cursor, role: str) -> dict[str, bool] | None:
    columns = ", ".join(column for column, *_ in ATTRIBUTES.values())
    cursor.execute(f"SELECT {columns} FROM pg_roles WHERE rolname = %s", [role])
    row = cursor.fetchone()
    return None if row is None else dict(zip(ATTRIBUTES, row, strict=True))


def settable(attribute: str, *, owner: dict[str, bool], target: dict[str, bool] | None, server_version: int) -> bool:
    """Whether the connecting role may set `attribute` (to either value) on the target role.

    A superuser may set anything. A CREATEROLE role may not touch a superuser role at all, and may not change
    SUPERUSER, BYPASSRLS or REPLICATION (PostgreSQL 15; from 16 it may grant what it has itself)."""
    if owner["superuser"]:
        return True
    if not owner["createrole"] or (target is not None and target["superuser"]):
        return False
    if attribute == "superuser":
        return False
    if attribute in ("bypassrls", "createdb") and server_version >= 160000:
        return owner[attribute]
    return attribute != "bypassrls"


def plan_role(role, attributes, *, owner, existing, server_version) -> tuple[str | None, list[str]]:
    """(CREATE/ALTER statement or None, attributes that should differ but cannot be set by this owner).

    CREATE ROLE's defaults are NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE: only true values are stated.
    ALTER ROLE states only what differs, so nothing the owner may not set is ever sent."""
    keywords, cannot = [], []
    for attribute, want in attributes.items():
        _column, yes, no = ATTRIBUTES[attribute]
        current = existing[attribute] if existing is not None else False
        if current == want:
            continue
        if settable(attribute, owner=owner, target=existing, server_version=server_version):
            keywords.append(yes if want else no)
        else:
            cannot.append(yes if want else no)
    verb = "CREATE" if existing is None else "ALTER"
    if existing is None or keywords:
        return f"{verb} ROLE {{role}} {' '.join(keywords)}".strip(), cannot
    return None, cannot


def ensure_roles(conn) -> list[str]:
    """Create or update both roles and grant privileges; returns what was done and what could not be done.

    Works with a superuser or with a CREATEROLE owner (a managed database's admin user). Raises ValueError
    when the result would be unsafe: the app role a superuser or BYPASSRLS, or no right to create roles."""
    done = []
    qn = conn.ops.quote_name
    wanted = wanted_roles()
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_user, current_setting('server_version_num')::int")
        owner_name, server_version = cursor.fetchone()
        owner = _role_attributes(cursor, owner_name)
        clash = [role for role, *_ in wanted if role == owner_name]
        if clash or settings.DATABASE_APP_ROLE == settings.DATABASE_OPS_ROLE:
            # Altering the connecting (owner) role would strip its own privileges.
            raise ValueError(
                "DATABASE_APP_ROLE and DATABASE_OPS_ROLE must be two distinct roles, neither the owner role "
                f"{owner_name!r} this command connects as"
            )
        for role, password, attributes in wanted:
            existing = _role_attributes(cursor, role)
            if existing is None and not (owner["superuser"] or owner["createrole"]):
                raise ValueError(f"role {role} does not exist and {owner_name} has neither SUPERUSER nor CREATEROLE")
            statement, cannot = plan_role(
                role, attributes, owner=owner, existing=existing, server_version=server_version
            )
            if statement:
                cursor.execute(statement.format(role=qn(role)))
                done.append(f"{statement.split()[0].lower()}d role {role}")
            if password:
                cursor.execute(f"ALTER ROLE {qn(role)} PASSWORD %s", [password])
            if role == settings.DATABASE_APP_ROLE and cannot:
                raise ValueError(
                    f"app role {role} must be {' '.join(cannot)} and {owner_name} cannot change that: "
                    "ask the provider (or a superuser) to fix the role, or drop it and rerun"
                )
            for keyword in cannot:
                done.append(
                    f"cannot set {keyword} on {role}: {owner_name} is not a superuser"
                    + (
                        "; the ops_access policies give it every tenant's rows instead"
                        if keyword == "BYPASSRLS"
                        else ""
                    )
                )
        for role, *_ in wanted:
            # The owner may switch to either role (development and tests connect as the owner); as a member of
            # the ops role it also reads every tenant's rows through the ops_access policies.
            cursor.execute(f"GRANT {qn(role)} TO {qn(owner_name)}")
    done.append(set_statement_timeout(conn))
    grant_privileges(conn)
    from .rls import apply_ops_policies

    apply_ops_policies(conn)
    return done


TIMEOUT_FORMAT = re.compile(r"^[0-9]+(ms|s|min|h)?$")


def set_statement_timeout(conn) -> str:
    """statement_timeout for the app role in this database (DATABASE_APP_STATEMENT_TIMEOUT; 0 turns it off)."""
    value = settings.DATABASE_APP_STATEMENT_TIMEOUT
    if not TIMEOUT_FORMAT.match(value):
        raise ValueError(f"DATABASE_APP_STATEMENT_TIMEOUT={value!r}: use e.g. 30s, 500ms or 2min")
    qn = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        database = cursor.fetchone()[0]
        cursor.execute(
            f"ALTER ROLE {qn(settings.DATABASE_APP_ROLE)} IN DATABASE {qn(database)} SET statement_timeout = '{value}'"
        )
    return f"statement_timeout {value} for {settings.DATABASE_APP_ROLE} in {database}"


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
    from .rls import OPS_POLICY_NAME, POLICY_NAME, tenant_models

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
        cursor.execute("SELECT rolbypassrls FROM pg_roles WHERE rolname = %s", [settings.DATABASE_OPS_ROLE])
        ops_row = cursor.fetchone()
        ops_bypasses = bool(ops_row and ops_row[0])
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
            if ops_row is not None and not ops_bypasses:
                cursor.execute(
                    "SELECT 1 FROM pg_policies WHERE tablename = %s AND policyname = %s", [table, OPS_POLICY_NAME]
                )
                if cursor.fetchone() is None:
                    problems.append(
                        f"{table}: no {OPS_POLICY_NAME} policy and {settings.DATABASE_OPS_ROLE} has no BYPASSRLS "
                        "(run manage.py setup_db_roles)"
                    )
    return problems
