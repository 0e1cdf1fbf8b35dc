#!/usr/bin/env bash
# PostgreSQL backup and restore for ProjectMeats; used by `make backup`, `make restore` (through config/backup.sh),
# the release job in the image (bin/release.sh: the pre-deploy dump) and apps/core/tests/test_backup.py.
#
#   config/backup.sh backup  [FILE]        pg_dump, custom format, as the BYPASSRLS ops role (every tenant's rows)
#   config/backup.sh restore FILE [DBNAME] create the fresh database DBNAME and pg_restore FILE into it
#
# Connections (libpq URLs, postgres://user:password@host:port/db?sslmode=...):
#   backup  : DATABASE_OPS_URL if set (logs in as the ops role); else DATABASE_URL with SET ROLE to
#             DATABASE_OPS_ROLE (development, where DATABASE_URL is the owner or a superuser).
#   restore : DATABASE_OWNER_URL if set, else DATABASE_URL; that user needs CREATEDB and becomes the owner of
#             every restored object (as migrate's user is in production).
# The restore never touches an existing database: point the app at the new one (or rename it) yourself.
set -euo pipefail

# The repository root (backend/bin/../..) on a checkout; /app/bin/.. in the image, where BACKUP_DIR should be set.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BACKUP_DIR="${BACKUP_DIR:-$ROOT/backups}"
OPS_ROLE="${DATABASE_OPS_ROLE:-projectmeats_ops}"
APP_ROLE="${DATABASE_APP_ROLE:-projectmeats_app}"

die() { echo "backup.sh: $*" >&2; exit 1; }

need_postgres_url() {
  case "${1:-}" in
    postgres://* | postgresql://*) ;;
    "") die "DATABASE_URL is not set; backups need PostgreSQL (the SQLite file can simply be copied)" ;;
    *) die "not a PostgreSQL URL: ${1%%:*}://…; backups need PostgreSQL" ;;
  esac
}

# with_database URL DBNAME -> the same URL pointing at another database (query string kept).
with_database() {
  python3 - "$1" "$2" <<'PY'
import sys
from urllib.parse import quote, urlsplit, urlunsplit

parts = urlsplit(sys.argv[1])
print(urlunsplit(parts._replace(path="/" + quote(sys.argv[2]))))
PY
}

database_of() {
  python3 - "$1" <<'PY'
import sys
from urllib.parse import unquote, urlsplit

print(unquote(urlsplit(sys.argv[1]).path.lstrip("/")))
PY
}

# pg_dump must be the server's major version: a newer client writes archives an older pg_restore (the image's)
# cannot read, an older one refuses the server.
check_majors() {
  local url="$1" server client
  server="$(psql --no-password -XAtq -d "$url" -c "SELECT current_setting('server_version_num')::int / 10000")"
  client="$(pg_dump --version | awk '{print $3}' | cut -d. -f1)"
  [[ "$client" == "$server" ]] || die "pg_dump is version $client but the server is PostgreSQL $server; \
run the backup with the server's major (the backend image ships it: docker run … bin/backup.sh backup)"
}

cmd_backup() {
  local file="${1:-}"
  local url role_args=()
  if [[ -n "${DATABASE_OPS_URL:-}" ]]; then
    url="$DATABASE_OPS_URL"
  else
    url="${DATABASE_URL:-}"
    role_args=(--role="$OPS_ROLE")
  fi
  need_postgres_url "$url"
  if [[ -z "$file" ]]; then
    mkdir -p "$BACKUP_DIR"
    [[ -f "$BACKUP_DIR/.gitignore" ]] || printf '# database dumps hold customer data: never commit them\n*\n' >"$BACKUP_DIR/.gitignore"
    file="$BACKUP_DIR/projectmeats-$(database_of "$url")-$(date -u +%Y%m%dT%H%M%SZ).dump"
  fi
  mkdir -p "$(dirname "$file")"
  # The ops role bypasses row-level security, so the dump holds every tenant; pg_dump refuses (instead of
  # silently skipping rows) if the role could not, because it runs with row_security off. On a managed database
  # whose admin cannot grant BYPASSRLS, the ops role reads every row through the ops_access policies instead
  # (check_rls verifies they are on every tenant table): then the dump runs with row security on.
  check_majors "$url"
  local bypass rls_args=()
  bypass="$(psql --no-password -XAtq -d "$url" -c "SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = '$OPS_ROLE'")"
  [[ -n "$bypass" ]] || die "role $OPS_ROLE does not exist (run manage.py setup_db_roles)"
  [[ "$bypass" == t ]] || rls_args=(--enable-row-security)
  umask 077
  pg_dump --format=custom --compress=6 --no-password "${role_args[@]}" "${rls_args[@]}" --file="$file.partial" --dbname="$url"
  mv "$file.partial" "$file"
  pg_restore --list "$file" >/dev/null || die "the dump $file does not read back"
  echo "Backup written: $file ($(du -h "$file" | cut -f1))"
}

cmd_restore() {
  local file="${1:-}" target="${2:-}"
  [[ -n "$file" ]] || die "usage: backup.sh restore FILE [DBNAME]"
  [[ -r "$file" ]] || die "cannot read $file"
  local url="${DATABASE_OWNER_URL:-${DATABASE_URL:-}}"
  need_postgres_url "$url"
  if [[ -z "$target" ]]; then
    target="$(database_of "$url")_restored_$(date -u +%Y%m%d%H%M%S)"
  fi
  [[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || die "database name must be letters, digits and _: $target"
  local admin_url target_url
  admin_url="$(with_database "$url" postgres)"
  target_url="$(with_database "$url" "$target")"
  local exists
  exists="$(psql --no-password -XAtq -d "$admin_url" -c "SELECT 1 FROM pg_database WHERE datname = '$target'")"
  [[ -z "$exists" ]] || die "database $target already exists; restore only into a fresh database"
  psql --no-password -Xq -v ON_ERROR_STOP=1 -d "$admin_url" -c "CREATE DATABASE \"$target\" TEMPLATE template0"
  # Objects become the restoring user's (the owner role); grants to the app and ops roles come with the dump.
  if ! pg_restore --no-password --no-owner --exit-on-error --single-transaction --dbname="$target_url" "$file"; then
    echo "backup.sh: restore failed; dropping the partial database $target" >&2
    psql --no-password -Xq -d "$admin_url" -c "DROP DATABASE IF EXISTS \"$target\"" || true
    exit 1
  fi
  # Database-level grants are not part of a single-database dump.
  psql --no-password -Xq -v ON_ERROR_STOP=1 -d "$target_url" <<SQL
DO \$\$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['$APP_ROLE', '$OPS_ROLE'] LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
    END IF;
  END LOOP;
END
\$\$;
SQL
  echo "Restored $file into database $target"
  echo "Check it: DATABASE_URL=<url of $target> backend/manage.py check_rls"
}

case "${1:-}" in
  backup) shift; cmd_backup "$@" ;;
  restore) shift; cmd_restore "$@" ;;
  *) echo "usage: $0 backup [FILE] | restore FILE [DBNAME]" >&2; exit 2 ;;
esac
