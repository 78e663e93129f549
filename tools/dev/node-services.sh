# shellcheck shell=bash
# The Node stand-ins from tools/dev-services: S3 (s3rver, s3.mjs), mail capture (maildev) and
# the dev OpenID Connect provider (oidc.mjs). Each runs from $RUN/<name>.pid, logs to
# $LOGS/<name>.log, and a start that hangs is killed and tried once more.

s3_spawn() {
  spawn s3 "$LOGS/s3.log" env S3_PORT="$S3_PORT" S3_DIR="$STATE/s3" \
    S3_ACCESS_KEY="$S3_ACCESS_KEY" S3_SECRET_KEY="$S3_SECRET_KEY" node "$DEV_SERVICES/s3.mjs"
}
s3_kill() { kill_stuck s3 "$RUN/s3.pid"; }

s3_start() {
  if pid_alive "$RUN/s3.pid" s3.mjs; then say "s3: already running (pid $(<"$RUN/s3.pid"))"; return 0; fi
  require_free_port "$S3_PORT" s3
  mkdir -p "$STATE/s3"
  start_with_retry s3 "$START_TIMEOUT_NODE" "$LOGS/s3.log" "$RUN/s3.pid" s3_spawn s3_kill \
    http_answers "http://127.0.0.1:$S3_PORT/"
  say "s3: running on http://127.0.0.1:$S3_PORT (pid $(<"$RUN/s3.pid"))"
}

mail_spawn() {
  spawn maildev "$LOGS/maildev.log" node "$DEV_SERVICES/node_modules/maildev/dist/bin/maildev.js" \
    --smtp "$SMTP_PORT" --ip 127.0.0.1 --web "$MAIL_WEB_PORT" --web-ip 127.0.0.1 \
    --mail-directory "$STATE/maildev"
}
mail_kill() { kill_stuck maildev "$RUN/maildev.pid"; }
mail_ready() { http_ok "http://127.0.0.1:$MAIL_WEB_PORT/api/healthz" && port_in_use "$SMTP_PORT"; }

mail_start() {
  if pid_alive "$RUN/maildev.pid" maildev; then say "maildev: already running (pid $(<"$RUN/maildev.pid"))"; return 0; fi
  require_free_port "$SMTP_PORT" "maildev smtp"
  require_free_port "$MAIL_WEB_PORT" "maildev web"
  mkdir -p "$STATE/maildev"
  start_with_retry maildev "$START_TIMEOUT_NODE" "$LOGS/maildev.log" "$RUN/maildev.pid" mail_spawn mail_kill mail_ready
  say "maildev: smtp 127.0.0.1:$SMTP_PORT, web http://127.0.0.1:$MAIL_WEB_PORT (pid $(<"$RUN/maildev.pid"))"
}

# What an oidc service is started with; kept in $RUN/oidc.stamp to notice a reused one that
# predates a change of oidc.mjs or of the redirect URIs.
oidc_stamp() { printf '%s %s\n' "$(sha256sum "$DEV_SERVICES/oidc.mjs" | cut -c1-16)" "$OIDC_REDIRECT_URIS"; }
oidc_warn_if_stale() {
  [[ "$(cat "$RUN/oidc.stamp" 2>/dev/null)" != "$(oidc_stamp)" ]] || return 0
  warn "oidc (pid $(pid_of "$RUN/oidc.pid")) was started from another oidc.mjs or with other redirect URIs" \
    "than this checkout has; restart it to pick them up (./dev.sh down $PROFILE, then start again)"
}

oidc_spawn() {
  spawn oidc "$LOGS/oidc.log" env OIDC_PORT="$OIDC_PORT" OIDC_CLIENT_ID="$OIDC_CLIENT_ID" \
    OIDC_CLIENT_SECRET="$OIDC_CLIENT_SECRET" OIDC_REDIRECT_URIS="$OIDC_REDIRECT_URIS" node "$DEV_SERVICES/oidc.mjs"
}
oidc_kill() { kill_stuck oidc "$RUN/oidc.pid"; }

oidc_start() {
  if pid_alive "$RUN/oidc.pid" oidc.mjs; then
    say "oidc: already running (pid $(<"$RUN/oidc.pid"))"
    oidc_warn_if_stale
    return 0
  fi
  require_free_port "$OIDC_PORT" oidc
  oidc_stamp >"$RUN/oidc.stamp"
  start_with_retry oidc "$START_TIMEOUT_NODE" "$LOGS/oidc.log" "$RUN/oidc.pid" oidc_spawn oidc_kill \
    http_ok "http://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration"
  say "oidc: issuer http://127.0.0.1:$OIDC_PORT (pid $(<"$RUN/oidc.pid"))"
}
