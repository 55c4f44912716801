#!/usr/bin/env bash
# `npm run logs`: follows the API's and the worker's logs of `npm start` (WEIBAO_DATA, default
# .data), pretty-printed with pino-pretty. The files hold one JSON object a line, time in +08:00.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
DATA="${WEIBAO_DATA:-$WEIBAO_ROOT/.data}"
[ -f "$DATA/api.log" ] || die "no $DATA/api.log: start the platform with npm start (or set WEIBAO_DATA)"
tail -n "${LINES_BACK:-50}" -F "$DATA/api.log" "$DATA/worker.log" 2>/dev/null | npx pino-pretty --colorize --ignore pid,hostname --messageKey msg
