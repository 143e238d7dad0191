#!/usr/bin/env bash
# Rehearses docs/deployment.md on this machine, from nothing to a serving production install and back
# from a backup: a scratch PostgreSQL database, the local Redis, an SMTP sink, gunicorn started from another
# directory, a Celery worker and beat; then pg_dump + media archive, restore into a second scratch database
# and compare. Needs the checkout's .venv and node_modules (make install) and PostgreSQL/Redis on 127.0.0.1.
set -euo pipefail
CHECKOUT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$CHECKOUT/.venv/bin"
WORK="$(mktemp -d /tmp/eiso-rehearsal.XXXXXX)"
DB=eiso_rehearsal_$$
RESTORED=${DB}_restored
PGURL=postgres://postgres@127.0.0.1:5432
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$RESTORED" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { echo "== rehearsal: $*"; }
free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_url() {  # wait_url URL [seconds]
  for _ in $(seq "${2:-60}"); do curl -fsS -o /dev/null -H 'X-Forwarded-Proto: https' "$1" && return 0; sleep 1; done
  echo "not reachable: $1" >&2; return 1
}

step "1. database, environment"
createdb -h 127.0.0.1 -U postgres "$DB"
WEB_PORT=$(free_port); SMTP_PORT=$(free_port)
export EISO_PRODUCTION=true EISO_HOME="$CHECKOUT" EISO_VAR_DIR="$WORK/var" EISO_MEDIA_ROOT="$WORK/media"
export SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1,localhost CSRF_TRUSTED_ORIGINS=https://127.0.0.1 EISO_TRUSTED_PROXIES=127.0.0.1
export DATABASE_URL="$PGURL/$DB" REDIS_URL=redis://127.0.0.1:6379/15 EMAIL_URL="smtp://127.0.0.1:$SMTP_PORT"
export DEFAULT_FROM_EMAIL="eISO <eiso@example.gov.vn>" EISO_BASE_URL="https://127.0.0.1" EISO_BIND="127.0.0.1:$WEB_PORT"
export DJANGO_SETTINGS_MODULE=eiso.settings
unset DJANGO_ALLOW_ASYNC_UNSAFE || true
mkdir -p "$EISO_VAR_DIR" "$EISO_MEDIA_ROOT"

step "2. schema, static files, deploy check"
"$BIN/eiso" migrate --noinput -v0
"$BIN/eiso" collectstatic --noinput -v0
"$BIN/eiso" check --deploy --fail-level WARNING

step "3. first administrator, first agency and its ISO secretary, official calendar"
DJANGO_SUPERUSER_PASSWORD="rehearsal-$$-admin" "$BIN/eiso" createsuperuser --noinput \
  --username quantri --email quantri@example.gov.vn
"$BIN/eiso" add_agency --code SNV-KH --name "Sở Nội vụ tỉnh Khánh Hòa" --province "Khánh Hòa" \
  --secretary thuky.snv --secretary-name "Trần Thị B" --secretary-email thuky.snv@example.gov.vn
"$BIN/eiso" import_calendar --national "$CHECKOUT/eiso/workdays/data/vn-civil-service-calendar.csv"

step "4. services: SMTP sink, gunicorn (from another directory), Celery worker and beat"
"$BIN/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mailbox" \
  >"$WORK/smtp.log" 2>&1 & pids+=($!)
(cd "$WORK" && exec "$BIN/gunicorn" -c "$CHECKOUT/deploy/gunicorn.conf.py" eiso.wsgi >"$WORK/web.log" 2>&1) & pids+=($!)
(cd "$WORK" && exec "$BIN/celery" -A eiso worker -l warning --concurrency 1 >"$WORK/worker.log" 2>&1) & pids+=($!)
(cd "$WORK" && exec "$BIN/celery" -A eiso beat -l warning -s "$WORK/var/celerybeat-schedule" >"$WORK/beat.log" 2>&1) & pids+=($!)
BASE="http://127.0.0.1:$WEB_PORT"
wait_url "$BASE/healthz" 90

step "5. health (database, cache, worker heartbeat), login page, static files"
health=""
for _ in $(seq 90); do
  health=$(curl -fsS -H 'X-Forwarded-Proto: https' "$BASE/healthz" || true)
  [[ "$health" == *'"status": "ok"'* ]] && break
  sleep 1
done
echo "$health"
[[ "$health" == *'"status": "ok"'* ]] || { tail -20 "$WORK"/*.log; exit 1; }
curl -fsS -o /dev/null -H 'X-Forwarded-Proto: https' "$BASE/dang-nhap/"
css=$(curl -fsS -H 'X-Forwarded-Proto: https' "$BASE/dang-nhap/" | grep -o '/static/vendor/bootstrap/css/bootstrap[^"]*\.css' | head -1)
curl -fsS -o /dev/null -H 'X-Forwarded-Proto: https' "$BASE$css"

step "6. mail through the outbox and the worker"
"$BIN/eiso" sendtestemail rehearsal@example.gov.vn
for _ in $(seq 60); do [[ -n "$(ls -A "$WORK/mailbox/new" 2>/dev/null)" ]] && break; sleep 1; done
[[ -n "$(ls -A "$WORK/mailbox/new" 2>/dev/null)" ]] || { echo "no mail delivered" >&2; tail -20 "$WORK"/*.log; exit 1; }

step "7. backup (pg_dump, media archive) and restore into a scratch database"
echo "evidence" >"$EISO_MEDIA_ROOT/sample.txt"
pg_dump -h 127.0.0.1 -U postgres -Fc -f "$WORK/eiso.dump" "$DB"
tar -C "$EISO_MEDIA_ROOT" -czf "$WORK/media.tar.gz" .
createdb -h 127.0.0.1 -U postgres "$RESTORED"
pg_restore -h 127.0.0.1 -U postgres --no-owner -d "$RESTORED" "$WORK/eiso.dump"
mkdir -p "$WORK/media-restored" && tar -C "$WORK/media-restored" -xzf "$WORK/media.tar.gz"
count() { psql -h 127.0.0.1 -U postgres -tA -d "$1" -c "$2"; }
for query in "SELECT count(*) FROM core_agency" "SELECT count(*) FROM core_person" \
             "SELECT count(*) FROM workdays_calendaroverride" "SELECT count(*) FROM outbox_outboxmessage"; do
  [[ "$(count "$DB" "$query")" == "$(count "$RESTORED" "$query")" ]] || { echo "restore differs: $query" >&2; exit 1; }
done
DATABASE_URL="$PGURL/$RESTORED" "$BIN/eiso" migrate --check -v0 || { echo "restored schema is not current" >&2; exit 1; }
cmp "$EISO_MEDIA_ROOT/sample.txt" "$WORK/media-restored/sample.txt" || { echo "media not restored" >&2; exit 1; }
echo "== rehearsal passed"
