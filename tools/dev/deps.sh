# shellcheck shell=bash
# Installs what is missing: Debian packages (apt) and the Node packages of
# tools/dev-services (npm ci, again whenever package-lock.json changes).

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15 /usr/lib/postgresql/*; do
    if [[ -x "$d/bin/initdb" ]]; then printf '%s/bin' "$d"; return 0; fi
  done
  return 1
}

# ensure_deps MODE: MODE is up, test or services.
ensure_deps() {
  local mode=$1 missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v ffmpeg >/dev/null || missing+=(ffmpeg)
  command -v curl >/dev/null || missing+=(curl)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # .NET uses ICU for Unicode normalisation of passwords and names.
  ldconfig -p | grep -q 'libicuuc\.so' || missing+=(libicu-dev)
  if [[ "$mode" == up ]]; then command -v wrk >/dev/null || missing+=(wrk); fi
  # The dev certificates of the cluster's mutual TLS (docker/cluster-certs.sh).
  if [[ "$mode" == up ]]; then command -v openssl >/dev/null || missing+=(openssl); fi
  # The test run also checks docker-compose.yml without a Docker engine.
  if [[ "$mode" == test ]]; then command -v docker-compose >/dev/null || missing+=(docker-compose); fi
  # The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
  if [[ "$mode" == test ]]; then [[ -x /usr/bin/chromium ]] || missing+=(chromium); fi
  if ((${#missing[@]})); then
    say "Installing ${missing[*]} (apt)…"
    apt-get -o DPkg::Lock::Timeout=600 update -qq || die "apt-get update failed"
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
      die "apt-get install ${missing[*]} failed"
  fi
  if [[ "$mode" != services ]]; then command -v dotnet >/dev/null || die "dotnet SDK not found on PATH"; fi

  local lock_sum stamp="$DEV_SERVICES/node_modules/.platform-lock.sha256"
  lock_sum=$(sha256sum "$DEV_SERVICES/package-lock.json" | cut -d' ' -f1)
  if [[ ! -d "$DEV_SERVICES/node_modules" || ! -f "$stamp" || "$(<"$stamp")" != "$lock_sum" ]]; then
    say "Installing tools/dev-services packages (npm ci)…"
    (cd "$DEV_SERVICES" && npm ci --no-audit --no-fund --no-progress --loglevel=error) ||
      die "npm ci failed in tools/dev-services"
    printf '%s\n' "$lock_sum" >"$stamp"
  fi
}
