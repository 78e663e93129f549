#!/usr/bin/env bash
# Validates docker-compose.yml (and the files it points at) without a Docker engine.
#
#   docker/validate-compose.sh            # skip (exit 0) when no Compose tool is installed
#   REQUIRE_COMPOSE=1 docker/validate-compose.sh   # fail instead of skipping
#
# Checks, each reported on its own line:
#   1. `docker compose config -q` (Compose v2 plugin) and/or `docker-compose config -q`
#      (Compose v1, e.g. Debian 12's 1.29.2): whichever exist; both must pass.
#      Neither needs a daemon: they parse, interpolate and schema-check the file.
#   2. The services, images and volumes Compose resolved.
#   3. The configuration keys the application reads are set on the silo and the api.
#   4. The build files exist: Silo/Dockerfile, Api/Dockerfile, the .csproj they publish,
#      .dockerignore; `hadolint` lints the Dockerfiles when it is installed.
#   5. Exposure: every published port is bound to 127.0.0.1; each secret is required
#      (${VAR:?}, never a ${VAR:-default}) and Compose refuses to run without it; docker/dev.env
#      (the development path) supplies them; the Api has its own database role and MinIO user,
#      not the silo's or the root's; silos and the Api enable mutual TLS with the certs volume.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
file=docker-compose.yml
failures=0
ran=0

ok()   { printf 'ok    %s\n' "$*"; }
bad()  { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
info() { printf '      %s\n' "$*"; }

[[ -f $file ]] || { bad "$file not found in $root"; exit 1; }

# Secrets the file requires (${VAR:?}): placeholders let Compose resolve it here; nothing runs.
SECRETS=(POSTGRES_PASSWORD API_DB_PASSWORD RABBITMQ_PASSWORD API_RABBITMQ_PASSWORD MINIO_ROOT_PASSWORD API_S3_SECRET_KEY AUTH_CODE_HASH_KEY PLAYBACK_SIGNING_KEY)
for secret in "${SECRETS[@]}"; do export "$secret=${!secret:-placeholder-for-validation-$secret}"; done

# --- 1. Compose's own validation ------------------------------------------------------
declare -a tools=()
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  tools+=("docker compose")
fi
if command -v docker-compose >/dev/null 2>&1; then
  tools+=("docker-compose")
fi

if [[ ${#tools[@]} -eq 0 ]]; then
  if [[ ${REQUIRE_COMPOSE:-0} == 1 ]]; then
    bad "no Compose tool found (install Debian's docker-compose or the docker compose plugin)"
    exit 1
  fi
  echo "SKIPPED Compose validation: neither 'docker compose' nor 'docker-compose' is installed"
else
  for tool in "${tools[@]}"; do
    version="$($tool version --short 2>/dev/null || $tool version 2>/dev/null | head -n 1)"
    if out="$($tool -f "$file" config -q 2>&1)"; then
      ok "$tool config -q   ($tool $version)"
      ran=$((ran + 1))
    else
      bad "$tool config -q   ($tool $version)"
      printf '%s\n' "$out" | sed 's/^/      /'
    fi
  done
fi

# The first working tool is used for the resolved view below.
compose=""
for tool in "${tools[@]}"; do
  if $tool -f "$file" config -q >/dev/null 2>&1; then compose="$tool"; break; fi
done

# --- 2. What Compose resolved ---------------------------------------------------------
if [[ -n $compose ]]; then
  info "services: $($compose -f "$file" config --services | tr '\n' ' ')"
  info "volumes:  $($compose -f "$file" config --volumes | tr '\n' ' ')"
  resolved="$($compose -f "$file" config)"
else
  resolved="$(cat "$file")"
fi

# --- 3. Application configuration keys ------------------------------------------------
common_keys=(
  ConnectionStrings__Postgres ConnectionStrings__RabbitMq
  Platform__PublicBaseUrl Orleans__ClusterId Orleans__ServiceId ASPNETCORE_URLS
  Orleans__Tls__Enabled Orleans__Tls__CertificatePath Orleans__Tls__KeyPath Orleans__Tls__CaPath
)
api_keys=(S3__Endpoint S3__AccessKey S3__SecretKey S3__Bucket S3__PublicEndpoint Videos__Urls__SigningKey)
silo_keys=(
  Orleans__SiloPort Orleans__GatewayPort
  Smtp__Host Smtp__Port Smtp__From Smtp__UserName Smtp__Password Smtp__UseTls
  Auth__Rules__CodeHashKey
  S3__Endpoint S3__AccessKey S3__SecretKey S3__Bucket
)

# Prints the environment keys of one service from the (resolved) compose YAML.
service_env_keys() {
  local service="$1"
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
    SERVICE="$service" python3 -c '
import os, sys, yaml
doc = yaml.safe_load(sys.stdin)
env = (doc.get("services", {}).get(os.environ["SERVICE"]) or {}).get("environment") or {}
keys = env.keys() if isinstance(env, dict) else [e.split("=", 1)[0] for e in env]
print("\n".join(keys))' <<<"$resolved"
  else
    # Fallback without PyYAML: keys anywhere in the file (not per service).
    grep -oE '^[[:space:]]+[A-Za-z_][A-Za-z0-9_]*(__[A-Za-z0-9_]+)+:' <<<"$resolved" | tr -d ' :' | sort -u
    grep -oE '^[[:space:]]+ASPNETCORE_URLS:' <<<"$resolved" | tr -d ' :' | sort -u
  fi
}

check_keys() {
  local service="$1"; shift
  local have missing=()
  have="$(service_env_keys "$service")"
  for key in "$@"; do
    grep -qxF "$key" <<<"$have" || missing+=("$key")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    ok "$service sets $# configuration keys: $*"
  else
    bad "$service is missing: ${missing[*]}"
  fi
}

check_keys silo "${common_keys[@]}" "${silo_keys[@]}"
check_keys api "${common_keys[@]}" "${api_keys[@]}"

# --- 4. Build files -------------------------------------------------------------------
for f in Silo/Dockerfile Api/Dockerfile .dockerignore Silo/Platform.Silo.csproj Api/Platform.Api.csproj \
         Directory.Build.props Directory.Packages.props; do
  if [[ -f $f ]]; then ok "exists: $f"; else bad "missing: $f"; fi
done
grep -q 'Silo/Platform.Silo.csproj' Silo/Dockerfile 2>/dev/null && ok "Silo/Dockerfile publishes Silo/Platform.Silo.csproj" \
  || bad "Silo/Dockerfile does not publish Silo/Platform.Silo.csproj"
grep -q 'Api/Platform.Api.csproj' Api/Dockerfile 2>/dev/null && ok "Api/Dockerfile publishes Api/Platform.Api.csproj" \
  || bad "Api/Dockerfile does not publish Api/Platform.Api.csproj"
if command -v hadolint >/dev/null 2>&1; then
  if hadolint Silo/Dockerfile Api/Dockerfile; then ok "hadolint Silo/Dockerfile Api/Dockerfile"; else bad "hadolint"; fi
fi

# --- 5. Exposure, secrets, roles, TLS -------------------------------------------------
# Secrets: only ${VAR:?…} in the file itself (a ${VAR:-…} or ${VAR-…} default would be public).
for secret in "${SECRETS[@]}"; do
  defaults="$(grep -nE "\\$\{$secret(:?-|-)" "$file" || true)"
  uses="$(grep -cE "\\$\{$secret:\?" "$file" || true)"
  if [[ -n $defaults ]]; then
    bad "$secret has a default in $file: $defaults"
  elif [[ $uses -eq 0 ]]; then
    bad "$secret is not required anywhere in $file (write \${$secret:?message})"
  else
    ok "$secret is required: $uses use(s), each \${…:?}, no default"
  fi
done
if [[ -n $compose ]]; then
  # Compose itself refuses to run without each secret, and runs with docker/dev.env (+ the code key).
  for secret in "${SECRETS[@]}"; do
    if out="$(env -u "$secret" $compose -f "$file" config -q 2>&1)"; then
      bad "$compose config succeeds without $secret"
    elif grep -q "$secret" <<<"$out"; then
      ok "$compose config refuses to run without $secret"
    else
      bad "$compose config fails without $secret, but not naming it: $out"
    fi
  done
  if out="$(env -i PATH="$PATH" HOME="${HOME:-/root}" AUTH_CODE_HASH_KEY=placeholder PLAYBACK_SIGNING_KEY=placeholder $compose --env-file docker/dev.env -f "$file" config -q 2>&1)"; then
    ok "$compose --env-file docker/dev.env config -q (the development path; AUTH_CODE_HASH_KEY and PLAYBACK_SIGNING_KEY exported)"
  else
    bad "$compose --env-file docker/dev.env config -q"
    printf '%s\n' "$out" | sed 's/^/      /'
  fi
fi

if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
  exposure="$(python3 -c '
import sys, yaml
doc = yaml.safe_load(sys.stdin)
services = doc.get("services", {})
def env(name):
    e = (services.get(name) or {}).get("environment") or {}
    return e if isinstance(e, dict) else dict(x.split("=", 1) for x in e)
for name, svc in services.items():
    for port in svc.get("ports") or []:
        if isinstance(port, dict):
            host_ip, text = port.get("host_ip"), "%s:%s" % (port.get("published"), port.get("target"))
        else:
            parts = str(port).split(":")
            host_ip, text = (parts[0] if len(parts) == 3 else None), str(port)
        if host_ip == "127.0.0.1":
            print("ok   %s publishes %s on 127.0.0.1 only" % (name, text))
        else:
            print("FAIL %s publishes %s on %s (bind it to 127.0.0.1)" % (name, text, host_ip or "every interface"))
silo, api, minio = env("silo"), env("api"), env("minio")
api_db = api.get("ConnectionStrings__Postgres", "")
silo_db = silo.get("ConnectionStrings__Postgres", "")
user = lambda cs: next((p.split("=", 1)[1] for p in cs.split(";") if p.lower().startswith("username=")), "")
if user(api_db) == "platform_api" and user(silo_db) and user(silo_db) != user(api_db):
    print("ok   the api connects as platform_api, the silo as %s" % user(silo_db))
else:
    print("FAIL the api must connect as platform_api and the silo as another role (api: %r, silo: %r)" % (user(api_db), user(silo_db)))
amqp_user = lambda uri: uri.split("://", 1)[-1].split(":", 1)[0] if "@" in uri else ""
api_mq, silo_mq = api.get("ConnectionStrings__RabbitMq", ""), silo.get("ConnectionStrings__RabbitMq", "")
if amqp_user(api_mq) and amqp_user(silo_mq) and amqp_user(api_mq) != amqp_user(silo_mq):
    print("ok   the api uses its own broker user (%s), the silo %s" % (amqp_user(api_mq), amqp_user(silo_mq)))
else:
    print("FAIL the api must use a broker user of its own (api: %r, silo: %r)" % (amqp_user(api_mq), amqp_user(silo_mq)))
if api.get("S3__AccessKey") and api.get("S3__AccessKey") != minio.get("MINIO_ROOT_USER"):
    print("ok   the api uses its own MinIO user (%s), not the root user" % api.get("S3__AccessKey"))
else:
    print("FAIL the api must not use the MinIO root user")
if silo.get("S3__AccessKey") and silo.get("S3__AccessKey") != minio.get("MINIO_ROOT_USER"):
    print("ok   the silo uses the bucket-limited MinIO user (%s), not the root user" % silo.get("S3__AccessKey"))
else:
    print("FAIL the silo must use the bucket-limited MinIO user, not the root user")
for name, e in (("silo", silo), ("api", api)):
    mounts = [str(v.get("source", "") + ":" + v.get("target", "")) if isinstance(v, dict) else str(v) for v in (services[name].get("volumes") or [])]
    if str(e.get("Orleans__Tls__Enabled", "")).lower() == "true" and any("cluster-certs" in m for m in mounts):
        print("ok   %s enables mutual TLS with the cluster-certs volume" % name)
    else:
        print("FAIL %s must set Orleans__Tls__Enabled=true and mount cluster-certs" % name)
' <<<"$resolved")"
  while IFS= read -r line; do
    case "$line" in
      "ok   "*) ok "${line#ok   }" ;;
      "FAIL "*) bad "${line#FAIL }" ;;
    esac
  done <<<"$exposure"
else
  # Without PyYAML: every short-syntax port line in the file starts with 127.0.0.1 or API_HOST_IP.
  if grep -nE '^[[:space:]]*-[[:space:]]*"?\$?\{?[A-Z_]*(_HOST_PORT)' "$file"; then
    bad "a published port without a 127.0.0.1 binding (above)"
  else
    ok "published ports are bound to 127.0.0.1 (static check)"
  fi
fi

echo
if [[ $failures -gt 0 ]]; then
  echo "compose validation: $failures problem(s)"
  exit 1
fi
if [[ $ran -eq 0 ]]; then
  echo "compose validation: OK (static checks only; no Compose tool ran)"
else
  echo "compose validation: OK (${ran} Compose tool(s) ran)"
fi
