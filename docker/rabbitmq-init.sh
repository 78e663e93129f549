#!/bin/sh
# One-shot (docker-compose service rabbitmq-init): the Api's own broker user, which may open a
# connection to the vhost (its readiness check) and nothing more: configure, write and read
# permissions match no resource. Through the management HTTP API, idempotent.
set -eu
api="http://rabbitmq:15672/api"
auth="$RABBITMQ_USER:$RABBITMQ_PASSWORD"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if curl -fsS -u "$auth" "$api/overview" >/dev/null; then break; fi
  [ "$attempt" -lt 10 ] || { echo "rabbitmq-init: the management API does not answer" >&2; exit 1; }
  sleep 3
done
curl -fsS -u "$auth" -X PUT -H 'content-type: application/json' \
  -d "{\"password\":\"$API_RABBITMQ_PASSWORD\",\"tags\":\"\"}" "$api/users/$API_RABBITMQ_USER" >/dev/null
curl -fsS -u "$auth" -X PUT -H 'content-type: application/json' \
  -d '{"configure":"^$","write":"^$","read":"^$"}' "$api/permissions/%2F/$API_RABBITMQ_USER" >/dev/null
echo "rabbitmq-init: user $API_RABBITMQ_USER may connect and nothing more"
