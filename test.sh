#!/usr/bin/env bash
# Build the solution (Release), start a private in-memory Azurite on free ports,
# run every test project against it and print one summary line:
#   tests: N passed, N failed[, N skipped]
# Extra arguments are passed to `dotnet test` (e.g. ./test.sh --filter Category=Unit).
#
# Environment:
#   FAMILYAID_TEST_RESULTS   keep the .trx files in this folder (default: a temp dir, removed)
#   AZURITE_START_TIMEOUT    seconds to wait for Azurite's ports (default 60)
#   FAMILYAID_TEST_ARTIFACTS keep the browser tests' screenshots in this folder (default: test-artifacts/)
set -euo pipefail

FA_SCRIPT=test.sh
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"
cd "$FA_ROOT"

SLN=FamilyAid.sln
AZ_PID=""
TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/familyaid-test.XXXXXX")"

# shellcheck disable=SC2317  # invoked by the trap below
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$AZ_PID" ]]; then
    fa_stop_pid "$AZ_PID" "Azurite"
  fi
  rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools and build ---------------------------------------------------------
fa_require_dotnet

build_args=(-c Release -nologo -v quiet)
# In CI, don't leave MSBuild nodes / the compiler server running after we exit.
[[ "${CI:-}" == true ]] && build_args+=(--disable-build-servers)
fa_log "building $SLN (Release) ..."
if ! dotnet build "$SLN" "${build_args[@]}"; then
  fa_die "build failed; no tests were run."
fi

fa_ensure_azurite
fa_ensure_browser

# ---- private Azurite ---------------------------------------------------------
# Three free loopback ports, chosen by the kernel (bind to port 0 and release).
free_ports() {
  node -e '
    const net = require("net");
    const servers = [];
    for (let i = 0; i < 3; i++) {
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => {
        servers.push(s);
        if (servers.length === 3) {
          console.log(servers.map(x => x.address().port).join(" "));
          servers.forEach(x => x.close());
        }
      });
    }'
}

AZ_DIR="$TMP_DIR/azurite"   # Azurite's working directory (it keeps data in memory)
AZ_LOG="$TMP_DIR/azurite.log"
mkdir -p "$AZ_DIR"
started=false
for attempt in 1 2 3; do
  BLOB="" QUEUE="" TABLE=""
  read -r BLOB QUEUE TABLE < <(free_ports) || true
  [[ -n "$TABLE" ]] || fa_die "could not pick free TCP ports (node -e failed)."
  fa_start_azurite "$AZ_LOG" "$AZ_DIR" "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence
  AZ_PID=$FA_AZURITE_PID
  if fa_wait_ports "${AZURITE_START_TIMEOUT:-60}" "$AZ_PID" "$AZ_LOG" 127.0.0.1 "$BLOB" "$QUEUE" "$TABLE"; then
    started=true
    break
  fi
  fa_stop_pid "$AZ_PID" "Azurite"
  AZ_PID=""
  fa_log "Azurite did not start (attempt $attempt of 3); retrying on other ports ..."
done
$started || fa_die "could not start Azurite (see its output above)."
fa_log "Azurite (pid $AZ_PID) on 127.0.0.1: blob $BLOB, queue $QUEUE, table $TABLE"

export FAMILYAID_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

# ---- tests -------------------------------------------------------------------
export FAMILYAID_TEST_ARTIFACTS="${FAMILYAID_TEST_ARTIFACTS:-$FA_ROOT/test-artifacts}"
if [[ -n "${FAMILYAID_TEST_RESULTS:-}" ]]; then
  RESULTS_DIR="$FAMILYAID_TEST_RESULTS"
  mkdir -p "$RESULTS_DIR"
  rm -f "$RESULTS_DIR"/results_*.trx
else
  RESULTS_DIR="$TMP_DIR/results"
fi
TEST_OUT="$TMP_DIR/dotnet-test.out"

test_rc=0
dotnet test "$SLN" -c Release --no-build \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$RESULTS_DIR" \
  "$@" 2>&1 | tee "$TEST_OUT" || test_rc=${PIPESTATUS[0]}

# ---- summary from the .trx files ---------------------------------------------
# Each trx has one line like:
#   <Counters total="3" executed="2" passed="1" failed="1" error="0" ... notExecuted="1" ... />
# Skipped tests are the ones counted in total but not in executed.
read -r trx_files passed failed skipped < <(
  shopt -s nullglob
  files=("$RESULTS_DIR"/*.trx)
  if (( ${#files[@]} == 0 )); then
    echo "0 0 0 0"
  else
    grep -h '<Counters ' "${files[@]}" | awk -v n="${#files[@]}" '
      function attr(name,   m) {
        if (match($0, name "=\"[0-9]+\"")) {
          m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0
        }
        return 0
      }
      { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted");
        s += attr("total") - attr("executed") }
      END { printf "%d %d %d %d\n", n, p, f, s }'
  fi
)

# Cross-check with the per-assembly console lines
#   "Passed!  - Failed:     0, Passed:     3, Skipped:     1, Total:     4, Duration: ..."
# in case two projects finished in the same second and one .trx overwrote the other.
read -r c_runs c_passed c_failed c_skipped < <(
  sed -n 's/.*[A-Z][a-z]*! *- *Failed: *\([0-9]*\), *Passed: *\([0-9]*\), *Skipped: *\([0-9]*\),.*/\2 \1 \3/p' "$TEST_OUT" \
    | awk '{ r++; p += $1; f += $2; s += $3 } END { printf "%d %d %d %d\n", r, p, f, s }'
)
if (( c_passed + c_failed + c_skipped > passed + failed + skipped )); then
  fa_log "WARNING: the .trx files ($trx_files) count fewer tests than dotnet test reported for $c_runs assemblies; using the console counts."
  passed=$c_passed failed=$c_failed skipped=$c_skipped
fi

summary="tests: $passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"

status=0
if (( test_rc != 0 )); then
  fa_log "dotnet test exited with code $test_rc."
  status=1
fi
if (( failed > 0 )); then
  fa_log "$failed test(s) failed."
  status=1
fi
if (( passed + failed == 0 )); then
  fa_log "ERROR: no tests ran (0 executed). Add tests under tests/ or check the --filter you passed."
  status=1
fi

echo "$summary"
exit "$status"
