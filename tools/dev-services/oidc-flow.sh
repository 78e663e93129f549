#!/usr/bin/env bash
# Drives the dev OIDC provider's whole authorization-code flow with curl and a cookie jar,
# exactly as described in OIDC-FLOW.md, and prints the token response and userinfo.
#
#   tools/dev-services/oidc-flow.sh [LOGIN] [ISSUER] [REDIRECT_URI]
#   defaults: alice@example.test, http://127.0.0.1:9400, http://127.0.0.1:5000/api/auth/callback/local
#
# With GITHUB=1 it plays the Api's `github` provider type instead: no nonce, the token request
# with client_secret_post and Accept: application/json, then /github/user and /github/user/emails.
set -euo pipefail

LOGIN=${1:-alice@example.test}
ISSUER=${2:-http://127.0.0.1:9400}
REDIRECT_URI=${3:-http://127.0.0.1:5000/api/auth/callback/local}
CLIENT_ID=${OIDC_CLIENT_ID:-platform-local}
CLIENT_SECRET=${OIDC_CLIENT_SECRET:-platform-local-secret}
GITHUB=${GITHUB:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
location() { grep -i '^location:' "$1" | tr -d '\r' | cut -d' ' -f2-; }
status() { head -n1 "$1" | cut -d' ' -f2; }
expect() { [[ "$(status "$2")" == "$1" ]] || { echo "expected HTTP $1, got: $(head -n1 "$2")" >&2; exit 1; }; }

verifier=$(head -c 32 /dev/urandom | b64url)
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
state=$(head -c 16 /dev/urandom | b64url)
nonce=$(head -c 16 /dev/urandom | b64url)
nonce_arg=(--data-urlencode "nonce=$nonce")
[[ -z "$GITHUB" ]] || nonce_arg=()   # the Api sends no nonce to a github-type provider

# 1. Authorization request -> 303 to /interaction/{uid} (relative Location)
curl -sS -o /dev/null -D "$work/h1" -c "$jar" -b "$jar" -G "$ISSUER/auth" \
  --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "redirect_uri=$REDIRECT_URI" \
  --data-urlencode response_type=code --data-urlencode "scope=openid email profile" \
  --data-urlencode "state=$state" "${nonce_arg[@]}" \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256
expect 303 "$work/h1"
interaction=$(location "$work/h1")          # /interaction/<uid>
uid=${interaction##*/}
echo "1. GET /auth -> 303 $interaction"

# 2. Login page (optional for a driver; shows the form)
curl -sS -o "$work/login.html" -D "$work/h2" -c "$jar" -b "$jar" "$ISSUER/interaction/$uid"
expect 200 "$work/h2"
echo "2. GET /interaction/$uid -> 200 login form"

# 3. Submit the login -> 303 to $ISSUER/auth/{uid} (absolute Location)
curl -sS -o /dev/null -D "$work/h3" -c "$jar" -b "$jar" "$ISSUER/interaction/$uid" \
  --data-urlencode prompt=login --data-urlencode "login=$LOGIN" --data-urlencode password=anything
expect 303 "$work/h3"
resume=$(location "$work/h3")
echo "3. POST /interaction/$uid -> 303 $resume"

# 4. Resume -> 303 to the redirect_uri with code, state and iss (consent is granted automatically)
curl -sS -o /dev/null -D "$work/h4" -c "$jar" -b "$jar" "$resume"
expect 303 "$work/h4"
callback=$(location "$work/h4")
echo "4. GET /auth/$uid -> 303 $callback"
query=${callback#*\?}
param() { tr '&' '\n' <<<"$query" | sed -n "s/^$1=//p" | head -n1; }
code=$(param code)
[[ "$(param state)" == "$state" ]] || { echo "state mismatch" >&2; exit 1; }

# 5. Token request (client_secret_basic; client_secret_post works as well, and is what the
#    Api's github provider type sends, with Accept: application/json)
if [[ -z "$GITHUB" ]]; then
  client_auth=(-u "$CLIENT_ID:$CLIENT_SECRET")
else
  client_auth=(-H 'Accept: application/json' --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "client_secret=$CLIENT_SECRET")
fi
curl -sS -o "$work/token.json" -D "$work/h5" "${client_auth[@]}" "$ISSUER/token" \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" --data-urlencode "code_verifier=$verifier"
expect 200 "$work/h5"
echo "5. POST /token -> 200 $(cat "$work/token.json")"
access_token=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).access_token)' "$work/token.json")
node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1])).id_token.split(".")[1];
  console.log("   id_token payload: " + Buffer.from(t, "base64url").toString());' "$work/token.json"

# 6. Userinfo
curl -sS -o "$work/me.json" -D "$work/h6" -H "Authorization: Bearer $access_token" "$ISSUER/me"
expect 200 "$work/h6"
echo "6. GET /me -> 200 $(cat "$work/me.json")"

if [[ -n "$GITHUB" ]]; then
  # 7. The GitHub stand-in's user API, with the same access token
  for path in /github/user /github/user/emails; do
    curl -sS -o "$work/gh.json" -D "$work/h7" -H "Authorization: Bearer $access_token" -H 'Accept: application/json' "$ISSUER$path"
    expect 200 "$work/h7"
    echo "7. GET $path -> 200 $(cat "$work/gh.json")"
  done
fi
