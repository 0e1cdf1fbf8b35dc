#!/usr/bin/env bash
# rollout.sh ENVIRONMENT TAG: point the environment's image tags at TAG, then make the host pull them.
# The host runs <registry>/projectmeats-{backend,frontend}:<environment> (App Platform: deploy_on_push off).
#   DigitalOcean App Platform: DIGITALOCEAN_ACCESS_TOKEN + DO_APP_ID -> doctl apps create-deployment --wait
#   Any other container host:  DEPLOY_WEBHOOK_URL -> POST (the host's redeploy hook)
# Needs BACKEND_IMAGE and FRONTEND_IMAGE (without tag) and a docker login to the registry.
set -euo pipefail
environment="$1" tag="$2"
: "${BACKEND_IMAGE:?}" "${FRONTEND_IMAGE:?}"

for image in "$BACKEND_IMAGE" "$FRONTEND_IMAGE"; do
  docker buildx imagetools create --tag "$image:$environment" "$image:$tag"
  echo "$image:$environment -> $tag"
done

if [[ -n "${DIGITALOCEAN_ACCESS_TOKEN:-}" && -n "${DO_APP_ID:-}" ]]; then
  if ! command -v doctl >/dev/null; then
    sudo snap install doctl
  fi
  doctl apps create-deployment "$DO_APP_ID" --force-rebuild --wait
elif [[ -n "${DEPLOY_WEBHOOK_URL:-}" ]]; then
  curl --fail --silent --show-error --max-time 60 -X POST "$DEPLOY_WEBHOOK_URL"
else
  echo "::error::no rollout target: set DIGITALOCEAN_ACCESS_TOKEN + DO_APP_ID, or DEPLOY_WEBHOOK_URL, for $environment"
  exit 1
fi
