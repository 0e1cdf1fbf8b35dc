#!/usr/bin/env bash
# Kept for `make backup` / `make restore` and existing runbooks: the implementation ships in the backend image
# as /app/bin/backup.sh (backend/bin/backup.sh), so backups run where client and server majors match.
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/backend/bin/backup.sh" "$@"
