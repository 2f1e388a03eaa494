#!/usr/bin/env bash
# The whole stack on this machine:
#   Azurite (tables/queues/blobs, 127.0.0.1:10000-10002)  data under .local/azurite
#   s3rver standing in for Cloudflare R2 (127.0.0.1:4569)  data under .local/s3rver
#   the provider simulator (http://127.0.0.1:7080, hosted by the dev host) when no provider API keys are set,
#   or no STRIPE_SECRET_KEY (then it stands in for Stripe and delivers its events to the dev host)
#   Natak's dev host: the HTTP API on http://localhost:7071/api, durable orchestrations persisted in Azurite
# Ctrl-C stops every child. `./run.sh token <userId> [--admin]` prints a development token.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

DEVHOST_DLL=src/Natak.DevHost/bin/Debug/net10.0/Natak.DevHost.dll

build() {
  natak_ensure_node_modules
  echo "natak: building (dotnet build)..."
  dotnet build src/Natak.DevHost --verbosity quiet -nologo >/dev/null || { echo "natak: build failed; run 'dotnet build src/Natak.DevHost' to see why." >&2; exit 1; }
}

if [ "${1:-}" = "token" ]; then
  shift
  [ -f "$DEVHOST_DLL" ] || build
  exec dotnet "$DEVHOST_DLL" token "$@"
fi

API_PORT=${NATAK_PORT:-7071}
ports=(10000 10001 10002 4569 "$API_PORT")
if [ -z "${FAL_KEY:-}${WAVESPEED_KEY:-}${GROK_API_KEY:-}" ]; then
  USE_SIMULATOR=1
fi
if [ -n "${STRIPE_SECRET_KEY:-}" ] && [ -z "${STRIPE_WEBHOOK_SECRET:-}" ]; then
  echo "natak: STRIPE_SECRET_KEY is set, so the real Stripe is used: set STRIPE_WEBHOOK_SECRET too" >&2
  echo "       (e.g. the secret 'stripe listen --forward-to localhost:$API_PORT/api/webhooks/stripe' prints; see docs/payments.md)." >&2
  exit 1
fi
[ -z "${STRIPE_SECRET_KEY:-}" ] && USE_SIMULATED_STRIPE=1
if [ -n "${USE_SIMULATOR:-}${USE_SIMULATED_STRIPE:-}" ]; then
  ports+=(7080)
fi
for port in "${ports[@]}"; do
  if natak_port_busy "$port"; then
    echo "natak: port $port on 127.0.0.1 is already in use (Azurite 10000-10002, s3rver 4569, simulator 7080, API $API_PORT)." >&2
    echo "       Stop whatever is using it (another ./run.sh?), or set NATAK_PORT for the API port." >&2
    exit 1
  fi
done

build
mkdir -p .local/logs
pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "natak: stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "natak: stopped."
}
trap stop INT TERM EXIT

natak_start_azurite 10000 10001 10002 .local/logs/azurite.log .local/azurite
pids+=("$NATAK_AZURITE_PID")
natak_start_s3rver 4569 .local/s3rver natak .local/logs/s3rver.log
pids+=("$NATAK_S3RVER_PID")

DOTNET_ENVIRONMENT=Development \
AzureWebJobsStorage=UseDevelopmentStorage=true \
Urls="http://localhost:$API_PORT" \
Natak__PublicBaseUrl="http://127.0.0.1:$API_PORT" \
  dotnet "$DEVHOST_DLL" >.local/logs/devhost.log 2>&1 &
pids+=("$!")

for ((i = 0; i < 600; i++)); do
  if curl -fsS "http://localhost:$API_PORT/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "natak: the dev host exited; see .local/logs/devhost.log" >&2; tail -n 30 .local/logs/devhost.log >&2; exit 1; fi
  sleep 0.2
done
curl -fsS "http://localhost:$API_PORT/api/health" >/dev/null || { echo "natak: the dev host did not become healthy; see .local/logs/devhost.log" >&2; exit 1; }

demo_token=$(dotnet "$DEVHOST_DLL" token demo-user)
admin_token=$(dotnet "$DEVHOST_DLL" token demo-admin --admin)
cat <<MSG

Natak is running.
  API        http://localhost:$API_PORT/api   (health: curl -s localhost:$API_PORT/api/health)
  Studio     http://localhost:$API_PORT/   (the web app; reference: http://localhost:$API_PORT/api/docs)
  Providers  $([ -n "${USE_SIMULATOR:-}" ] && echo "the provider simulator on http://127.0.0.1:7080 (no API keys set; knobs: http://127.0.0.1:7080/_sim/calls)" || echo "the real fal.ai, WaveSpeed and xAI (API keys set)")
  Payments   $([ -n "${USE_SIMULATED_STRIPE:-}" ] && echo "the simulator's Stripe (no STRIPE_SECRET_KEY; pay at the checkout url, or POST http://127.0.0.1:7080/_sim/stripe/sessions/<id>/pay)" || echo "the real Stripe (STRIPE_SECRET_KEY set)")
  Logs       .local/logs/
  Data       .local/ (delete it for a clean slate)

Demo user token (sub=demo-user):
  $demo_token

Admin token (sub=demo-admin, roles=admin):
  $admin_token

Try:  curl -s -H "Authorization: Bearer \$TOKEN" localhost:$API_PORT/api/jobs
Ctrl-C stops everything.
MSG
wait "${pids[-1]}"
