#!/usr/bin/env bash
# Build the Function App package that the Functions host runs unchanged (zip deploy):
#   - the app published self-contained for linux-x64 (the Functions image has no .NET 10 runtime),
#     its executable FamilyAid.Functions at the root with its executable bit;
#   - host.json, whose customHandler.description.defaultExecutablePath names that executable;
#   - one folder per function with its function.json;
#   - no .pdb, .xml or web.config.
# Usage: scripts/package.sh [path/to/package.zip]   (default: artifacts/familyaid-functions.zip)
set -euo pipefail

FA_SCRIPT=package.sh
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FA_ROOT"

OUT="${1:-$FA_ROOT/artifacts/familyaid-functions.zip}"
[[ "$OUT" = /* ]] || OUT="$PWD/$OUT"
EXE=FamilyAid.Functions
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/familyaid-package.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

fa_require_dotnet
if ! command -v zip >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || fa_die "zip is missing; install it and re-run."
  fa_log "zip missing: installing it with apt-get ..."
  fa_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zip >/dev/null
fi

fa_log "publishing src/FamilyAid.Functions (Release, linux-x64, self-contained) ..."
dotnet publish src/FamilyAid.Functions -c Release -r linux-x64 --self-contained true \
  -o "$STAGE/app" -nologo -v quiet -p:DebugType=none -p:IsTransformWebConfigDisabled=true -p:SatelliteResourceLanguages=en \
  || fa_die "dotnet publish failed."

# Symbols, XML docs and IIS's web.config have no use on the Linux Functions host.
find "$STAGE/app" \( -name '*.pdb' -o -name '*.xml' -o -name 'web.config' \) -type f -delete

# The layout the host expects: host.json naming the executable, which is there and executable.
grep -q "\"defaultExecutablePath\": \"$EXE\"" "$STAGE/app/host.json" \
  || fa_die "host.json does not name $EXE as customHandler.description.defaultExecutablePath."
[[ -f "$STAGE/app/$EXE" ]] || fa_die "the publish output has no $EXE executable."
chmod 755 "$STAGE/app/$EXE"
functions=0
for dir in src/FamilyAid.Functions/functions/*/; do
  name="$(basename "$dir")"
  [[ -f "$STAGE/app/$name/function.json" ]] || fa_die "the publish output lacks $name/function.json."
  functions=$((functions + 1))
done

mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
# zip keeps Unix modes in each entry's external attributes (the host extracts with them).
(cd "$STAGE/app" && zip -q -r -X "$OUT" .)
fa_log "wrote $OUT ($functions functions, $(du -h "$OUT" | cut -f1))"
