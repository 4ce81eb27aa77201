#!/usr/bin/env sh
# Runs a sharded scan: the Indexed Job, then the merge Job once every index has completed.
set -eu
NS="${NAMESPACE:-pkimm}"
kubectl -n "$NS" delete job pkimm-shards pkimm-merge --ignore-not-found
kubectl -n "$NS" apply -f "$(dirname "$0")/indexed-job.yaml"
kubectl -n "$NS" wait --for=condition=complete --timeout=4h job/pkimm-shards
kubectl -n "$NS" apply -f "$(dirname "$0")/merge-job.yaml"
kubectl -n "$NS" wait --for=condition=complete --timeout=1h job/pkimm-merge
kubectl -n "$NS" logs job/pkimm-merge
