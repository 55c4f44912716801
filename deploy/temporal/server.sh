#!/bin/sh
# Starts temporal-server (all services in one process) with deploy/temporal/config/weibao.yaml.
# The one start command: docker-compose.yml's temporal service runs it in temporalio/server,
# `npm run test:cluster` runs it here with the binary built from the same Go module.
# Environment: see config/weibao.yaml; TEMPORAL_SERVER (temporal-server).
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
# Inside a container the frontend listens on every interface; the other members and clients must
# then be told one concrete address (ringpop refuses to broadcast 0.0.0.0).
if [ "${BIND_ON_IP:-}" = 0.0.0.0 ] && [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
  TEMPORAL_BROADCAST_ADDRESS=$(hostname -i | awk '{print $1}')
  export TEMPORAL_BROADCAST_ADDRESS
fi
export TEMPORAL_DYNAMIC_CONFIG="${TEMPORAL_DYNAMIC_CONFIG:-$dir/dynamicconfig.yaml}"
# No authorizer: the frontend is reachable only on the host's private network (workers, APIs,
# the UI), never published; --allow-no-auth says so explicitly.
exec "${TEMPORAL_SERVER:-temporal-server}" --root / --config "$dir/config" --env weibao --allow-no-auth start
