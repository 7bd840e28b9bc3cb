#!/usr/bin/env bash
# Run FamilyAid locally: install what is missing, build (Debug), start Azurite
# (data in .azurite/) and the app on http://127.0.0.1:${FUNCTIONS_CUSTOMHANDLER_PORT:-7071}.
# Ctrl-C stops the app, and Azurite too when this script started it.
#
# Environment:
#   FUNCTIONS_CUSTOMHANDLER_PORT  port the app listens on (default 7071)
#   AZURITE_START_TIMEOUT         seconds to wait for Azurite's ports (default 60)
set -euo pipefail

FA_SCRIPT=run.sh
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"
cd "$FA_ROOT"

SLN=FamilyAid.sln
APP_PROJECT=src/FamilyAid.Functions
AZ_PORTS=(10000 10001 10002)   # blob, queue, table
AZ_PID=""                      # set only when this script started Azurite
APP_PID=""

# shellcheck disable=SC2317  # invoked by the traps below
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$APP_PID" ]]; then
    fa_log "stopping the app ..."
    fa_stop_pid "$APP_PID" "the app" group
  fi
  if [[ -n "$AZ_PID" ]]; then
    fa_log "stopping Azurite ..."
    fa_stop_pid "$AZ_PID" "Azurite"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools, packages, build --------------------------------------------------
fa_require_dotnet
fa_ensure_azurite

fa_log "building $SLN (Debug) ..."
dotnet build "$SLN" -c Debug -nologo -v quiet || fa_die "build failed."

if [[ ! -f local.settings.json ]]; then
  [[ -f local.settings.sample.json ]] \
    || fa_die "local.settings.sample.json is missing; cannot create local.settings.json."
  cp local.settings.sample.json local.settings.json
  fa_log "created local.settings.json from local.settings.sample.json"
fi

# An older local.settings.json may lack settings the sample has gained since: say which.
missing="$(node -e '
  const fs = require("fs");
  const keys = f => Object.keys(JSON.parse(fs.readFileSync(f, "utf8")).Values || {});
  const have = new Set(keys("local.settings.json"));
  console.log(keys("local.settings.sample.json").filter(k => !have.has(k)).join(" "));' 2>/dev/null || true)"
if [[ -n "$missing" ]]; then
  fa_log "WARNING: local.settings.json lacks settings that local.settings.sample.json has: $missing (copy them over, or delete local.settings.json to recreate it)."
fi

# The app reads local.settings.json itself (found from its working directory upwards),
# below any environment variable of the same name, as the Functions host does.

# ---- Azurite -----------------------------------------------------------------
open_ports=()
for port in "${AZ_PORTS[@]}"; do
  fa_port_open 127.0.0.1 "$port" && open_ports+=("$port")
done

if (( ${#open_ports[@]} == ${#AZ_PORTS[@]} )); then
  server="$(fa_server_header 127.0.0.1 "${AZ_PORTS[0]}" || true)"
  if [[ "$server" == Azurite* ]]; then
    fa_log "reusing the Azurite already listening on 127.0.0.1:${AZ_PORTS[*]} ($server); it will be left running."
  else
    fa_log "WARNING: ports ${AZ_PORTS[*]} are already in use by something (Server: '${server:-?}'); assuming it is a storage emulator and reusing it."
  fi
elif (( ${#open_ports[@]} > 0 )); then
  fa_die "port(s) ${open_ports[*]} already in use, but not all of ${AZ_PORTS[*]}: stop whatever holds them (or start a full Azurite) and re-run."
else
  mkdir -p .azurite
  fa_log "starting Azurite (data in .azurite/, output in .azurite/azurite.log) ..."
  fa_start_azurite "$FA_ROOT/.azurite/azurite.log" "$FA_ROOT" "${AZ_PORTS[@]}" --location "$FA_ROOT/.azurite"
  AZ_PID=$FA_AZURITE_PID
  fa_wait_ports "${AZURITE_START_TIMEOUT:-60}" "$AZ_PID" .azurite/azurite.log 127.0.0.1 "${AZ_PORTS[@]}" \
    || fa_die "Azurite did not start."
  fa_log "Azurite (pid $AZ_PID) listening on 127.0.0.1: blob ${AZ_PORTS[0]}, queue ${AZ_PORTS[1]}, table ${AZ_PORTS[2]}"
fi

# ---- the app -----------------------------------------------------------------
# A local run is a development run: the served pages offer the dev sign-in (never in Azure).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
base="http://127.0.0.1:${FUNCTIONS_CUSTOMHANDLER_PORT:-7071}/api"
cat <<EOF

  FamilyAid is starting:
    API      $base
    OpenAPI  $base/openapi.json
    UI       $base/docs
    Console  $base/console/   (reviewers; sign in with a minted token or the dev sign-in)
    App      $base/app/       (insured people, phone-sized; the dev sign-in takes a person id)

  Mint a local bearer token (in another terminal):
    dotnet run --project $APP_PROJECT --no-build -- token --sub <personId> [--role reviewer --region guangdong]

  Press Ctrl-C to stop.

EOF

# The app runs in its own process group so that stopping it also stops the
# process `dotnet run` starts; the traps above take care of Ctrl-C / SIGTERM.
if command -v setsid >/dev/null 2>&1; then
  setsid dotnet run --project "$APP_PROJECT" --no-build </dev/null &
else
  dotnet run --project "$APP_PROJECT" --no-build </dev/null &
fi
APP_PID=$!

app_rc=0
wait "$APP_PID" || app_rc=$?
APP_PID=""
fa_log "the app exited with code $app_rc."
exit "$app_rc"
