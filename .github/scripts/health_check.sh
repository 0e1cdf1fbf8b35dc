#!/usr/bin/env bash
# health_check.sh URL: wait (up to ~5 minutes) until URL/health/ answers 200 with the database "ok".
set -euo pipefail
url="${1:?usage: health_check.sh https://host}"
for attempt in $(seq 1 30); do
  body="$(curl --silent --show-error --max-time 10 --fail "${url%/}/health/" 2>&1)" && {
    if grep -q '"database": *"ok"' <<<"$body"; then
      echo "healthy after $attempt attempt(s): $body"
      exit 0
    fi
  }
  echo "attempt $attempt: ${body:-no answer}"
  sleep 10
done
echo "::error::${url%/}/health/ did not become healthy"
exit 1
