#!/usr/bin/env bash
# health_check.sh URL [RELEASE]: wait (up to ~5 minutes) until URL/health/ answers 200 with the database "ok" and,
# when RELEASE (the commit) is given, reports that release: the old containers answer healthy too while the new
# ones start, so only the release tells the new deploy is serving.
set -euo pipefail
url="${1:?usage: health_check.sh https://host [release]}"
release="${2:-}"
for attempt in $(seq 1 30); do
  if body="$(curl --silent --show-error --max-time 10 --fail "${url%/}/health/" 2>&1)"; then
    if grep -q '"database": *"ok"' <<<"$body" && { [[ -z "$release" ]] || grep -q "\"release\": *\"$release\"" <<<"$body"; }; then
      echo "healthy after $attempt attempt(s): $body"
      exit 0
    fi
  fi
  echo "attempt $attempt: ${body:-no answer}"
  sleep 10
done
echo "::error::${url%/}/health/ did not report a healthy${release:+ release $release}"
exit 1
