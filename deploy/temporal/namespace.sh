#!/bin/sh
# Registers weibao's namespace with an explicit retention and adds weibao's search attributes
# (from the one list, src/temporal/search-attributes.json, mounted or passed as SEARCH_ATTRIBUTES).
# The one namespace job: docker-compose.yml runs it in temporalio/admin-tools once the server is
# healthy, `npm run test:cluster` runs it here with the Temporal CLI. Safe to re-run: an existing
# namespace gets the retention updated, existing search attributes are kept.
# Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (default), TEMPORAL_RETENTION_DAYS (the same
# variable the worker reads, src/config.ts), SEARCH_ATTRIBUTES (file), TEMPORAL_CLI (temporal).
set -eu
: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_RETENTION_DAYS:?days Temporal keeps a closed workflow, e.g. 30}" "${SEARCH_ATTRIBUTES:?}"
cli=${TEMPORAL_CLI:-temporal}
ns=${TEMPORAL_NAMESPACE:-default}
t() { "$cli" --address "$TEMPORAL_ADDRESS" "$@"; }

attempt=0
until t operator cluster health >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  [ "$attempt" -lt 60 ] || { echo "namespace: Temporal at $TEMPORAL_ADDRESS is not healthy" >&2; exit 1; }
  sleep 2
done

if t operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  t operator namespace update --namespace "$ns" --retention "${TEMPORAL_RETENTION_DAYS}d" >/dev/null
else
  t operator namespace create --namespace "$ns" --retention "${TEMPORAL_RETENTION_DAYS}d" >/dev/null
fi
echo "namespace: $ns, retention $TEMPORAL_RETENTION_DAYS days"

# A namespace just created reaches the frontend's cache within seconds.
attempt=0
until existing=$(t operator search-attribute list --namespace "$ns" 2>&1); do
  attempt=$((attempt + 1))
  [ "$attempt" -lt 60 ] || { echo "$existing" >&2; exit 1; }
  sleep 1
done
# One `"Name": "Type"` pair per line in the JSON list.
sed -n 's/^ *"\([A-Za-z0-9_]*\)": *"\([A-Za-z]*\)".*/\1 \2/p' "$SEARCH_ATTRIBUTES" | while read -r name type; do
  if echo "$existing" | grep -qw "$name"; then continue; fi
  t operator search-attribute create --namespace "$ns" --name "$name" --type "$type" >/dev/null
  echo "namespace: search attribute $name ($type) added"
done
