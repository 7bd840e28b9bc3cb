# shellcheck shell=bash
# Shared helpers for run.sh and test.sh. Source it; do not execute it.
#
# Everything here is plain bash plus the tools the project needs anyway
# (dotnet, node/npm); no python, curl or netcat required.

# Repo root = parent of this file's folder.
FA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FA_ROOT

# Keep the dotnet CLI quiet and offline-friendly.
export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false

# Name used as the prefix of log lines (set by the calling script).
: "${FA_SCRIPT:=$(basename "$0")}"

fa_log() { printf '%s: %s\n' "$FA_SCRIPT" "$*" >&2; }
fa_die() { printf '%s: ERROR: %s\n' "$FA_SCRIPT" "$*" >&2; exit 1; }

# Run a command as root (directly, or through sudo when available).
fa_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fa_die "need root to run: $* (install it yourself or install sudo)"
  fi
}

# dotnet is required; we do not install it (the SDK version is pinned in global.json).
fa_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    fa_die "the .NET SDK ('dotnet') is not on PATH. Install the SDK version named in global.json ($(sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p' "$FA_ROOT/global.json" | head -n1)) from https://dot.net and re-run."
  fi
}

# node + npm are needed for Azurite; install them from Debian's apt when missing.
fa_ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 \
      || fa_die "node/npm are missing and apt-get is not available; install Node.js (>= 20) and npm, then re-run."
    fa_log "node/npm missing: installing them with apt-get ..."
    fa_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    fa_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    hash -r
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      fa_die "apt-get install nodejs npm did not provide node and npm."
    fi
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if (( major < 20 )); then
    fa_log "WARNING: node $(node --version) is older than 20; Azurite 3.37.0 may not run on it."
  fi
}

# Install the pinned Azurite from package-lock.json when it is missing or stale.
fa_ensure_azurite() {
  fa_ensure_node
  if [[ ! -x "$FA_ROOT/node_modules/.bin/azurite" \
        || "$FA_ROOT/package-lock.json" -nt "$FA_ROOT/node_modules/.package-lock.json" ]]; then
    fa_log "installing Azurite (npm ci) ..."
    (cd "$FA_ROOT" && npm ci --no-audit --no-fund --loglevel=error) \
      || fa_die "npm ci failed (is the npm registry reachable?)"
  fi
  [[ -x "$FA_ROOT/node_modules/.bin/azurite" ]] \
    || fa_die "node_modules/.bin/azurite is missing after npm ci."
}

# fa_port_open HOST PORT -> 0 when something accepts TCP connections there.
fa_port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# fa_server_header HOST PORT -> prints the HTTP "Server:" header value, if any.
fa_server_header() {
  local line
  {
    exec 3<>"/dev/tcp/$1/$2" || return 1
    printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" >&3
    while IFS= read -r -t 3 line <&3; do
      line="${line%$'\r'}"
      [[ -z "$line" ]] && break
      if [[ "${line,,}" == server:* ]]; then
        printf '%s\n' "${line#*: }"
        break
      fi
    done
    exec 3<&-
  } 2>/dev/null
}

# fa_wait_ports TIMEOUT_SECONDS PID LOGFILE HOST PORT... -> waits until every port
# accepts connections. Fails early when PID (the server process) has exited.
fa_wait_ports() {
  local timeout=$1 pid=$2 logfile=$3 host=$4
  shift 4
  local deadline=$((SECONDS + timeout)) port pending
  while :; do
    pending=()
    for port in "$@"; do
      fa_port_open "$host" "$port" || pending+=("$port")
    done
    (( ${#pending[@]} == 0 )) && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      fa_log "the server process (pid $pid) exited before listening on ${pending[*]}."
      [[ -s "$logfile" ]] && sed 's/^/  | /' "$logfile" >&2
      return 1
    fi
    if (( SECONDS >= deadline )); then
      fa_log "timed out after ${timeout}s waiting for $host port(s) ${pending[*]} to accept connections."
      [[ -s "$logfile" ]] && sed 's/^/  | /' "$logfile" >&2
      return 1
    fi
    sleep 0.2
  done
}

# fa_start_azurite LOGFILE WORKDIR BLOB QUEUE TABLE [extra azurite args...]
# Starts Azurite in the background (cwd WORKDIR) and sets FA_AZURITE_PID.
fa_start_azurite() {
  local logfile=$1 workdir=$2 blob=$3 queue=$4 table=$5
  shift 5
  (
    cd "$workdir" || exit 1
    exec "$FA_ROOT/node_modules/.bin/azurite" \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" \
      --skipApiVersionCheck --loose --silent --disableTelemetry \
      "$@"
  ) </dev/null >"$logfile" 2>&1 &
  # shellcheck disable=SC2034  # read by the calling script
  FA_AZURITE_PID=$!
}

# fa_stop_pid PID NAME [group] -> SIGTERM, wait up to 10 s, then SIGKILL.
# With "group" the whole process group led by PID (if it leads one) is signalled
# and waited for, so children such as the app under `dotnet run` stop too.
fa_stop_pid() {
  local pid=$1 name=$2 mode=${3:-}
  [[ -n "$pid" ]] || return 0
  local target=$pid
  # Signal the group only when PID really leads one (e.g. started via setsid).
  if [[ $mode == group ]] && kill -0 -- "-$pid" 2>/dev/null; then
    target="-$pid"
  fi
  if kill -0 -- "$target" 2>/dev/null; then
    kill -TERM -- "$target" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do
      kill -0 -- "$target" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 -- "$target" 2>/dev/null; then
      fa_log "$name (pid $pid) did not stop within 10s of SIGTERM; killing it."
      kill -KILL -- "$target" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# Debian's Chromium and a CJK font for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a
# browser of its own). Installed with apt-get when missing.
fa_ensure_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  if ! fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|WenQuanYi'; then
    missing+=(fonts-noto-cjk)
  fi
  (( ${#missing[@]} == 0 )) && return 0
  command -v apt-get >/dev/null 2>&1 \
    || fa_die "${missing[*]} missing and apt-get is not available; install Chromium at /usr/bin/chromium and a CJK font, then re-run."
  fa_log "installing ${missing[*]} with apt-get (browser tests) ..."
  fa_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  fa_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fa_die "apt-get install ${missing[*]} failed."
  [[ -x /usr/bin/chromium ]] || fa_die "apt-get install chromium did not provide /usr/bin/chromium."
}
