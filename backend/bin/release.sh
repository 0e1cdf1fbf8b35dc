#!/usr/bin/env bash
# The release job: runs once per deploy, inside the backend image, on the platform's network (App Platform
# PRE_DEPLOY job in .do/app.yaml, the compose `migrate` one-shot, or any host's pre-deploy hook), never from a CI
# runner whose address the managed database would have to trust. As the table owner (DATABASE_OWNER_URL):
#   1. pre-deploy backup with the image's pg_dump (same major as the server) when BACKUP_S3_URI is set
#      (required in staging/production unless BACKUP_SKIP=1), uploaded to the private bucket;
#   2. migrate, setup_db_roles, setup_superuser, create_super_tenant, check_rls.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OWNER_URL="${DATABASE_OWNER_URL:-${DATABASE_URL:-}}"
[[ -n "$OWNER_URL" ]] || { echo "release.sh: DATABASE_OWNER_URL (or DATABASE_URL) is required" >&2; exit 1; }

if [[ -n "${BACKUP_S3_URI:-}" ]]; then
  dump="${TMPDIR:-/tmp}/projectmeats-$(date -u +%Y%m%dT%H%M%SZ)-${APP_VERSION:-unknown}.dump"
  BACKUP_DIR="${TMPDIR:-/tmp}" bash bin/backup.sh backup "$dump"
  python - "$dump" <<'PY'
import os, sys
from urllib.parse import urlsplit

import boto3

path = sys.argv[1]
target = urlsplit(os.environ["BACKUP_S3_URI"].rstrip("/") + "/" + os.path.basename(path))
client = boto3.client(
    "s3",
    endpoint_url=os.environ.get("BACKUP_S3_ENDPOINT") or None,
    aws_access_key_id=os.environ.get("BACKUP_AWS_ACCESS_KEY_ID") or None,
    aws_secret_access_key=os.environ.get("BACKUP_AWS_SECRET_ACCESS_KEY") or None,
)
client.upload_file(path, target.netloc, target.path.lstrip("/"))
print(f"pre-deploy backup uploaded: s3://{target.netloc}{target.path}")
PY
  rm -f "$dump"
elif [[ "${DJANGO_ENV:-production}" != development && "${DJANGO_ENV:-}" != test && "${BACKUP_SKIP:-0}" != 1 ]]; then
  echo "release.sh: BACKUP_S3_URI is not set; refusing to migrate without a backup (BACKUP_SKIP=1 to override)" >&2
  exit 1
fi

export DATABASE_URL="$OWNER_URL"
python manage.py migrate --noinput
python manage.py setup_db_roles
python manage.py setup_superuser
python manage.py create_super_tenant
python manage.py check_rls
echo "release ${APP_VERSION:-unknown}: done"
