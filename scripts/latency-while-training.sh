#!/usr/bin/env bash
# Scoring latency at one offered load, alone and while the pipeline's train step runs beside it in the same
# process, as pipeline.enabled runs it: `bench --latency-at` three times, with no training, with
# `--while-training DATA` at pipeline.nice=19 (the default: training takes the CPU that scoring leaves), and at
# pipeline.nice=0 (training at the service's own priority). The train step (a frozen-encoder head) restarts with an
# empty feature cache whenever it ends, so the encoder's feature pass runs throughout; each case says how far it got.
#
#   scripts/latency-while-training.sh [RATE] [DURATION] [DATA]
#
# RATE: offered records/s (default 10); DURATION: the steady load of each bench (default PT60S, a quarter of it
# warm-up); DATA: a labeled CSV (default ../shared/data/multidomain/sentiment_multidomain_train.csv).
# Needs target/feedback-pulse.jar (mvn -DskipTests package). Prints one line per case: p50/p95/p99 in ms.
set -euo pipefail
RATE=${1:-10}
DURATION=${2:-PT60S}
DATA=${3:-../shared/data/multidomain/sentiment_multidomain_train.csv}
JAR=${JAR:-target/feedback-pulse.jar}
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

bench() {
  java -jar "$JAR" bench --latency-at "$RATE" --latency-duration "$DURATION" --json "$@" 2>/dev/null | tail -n 1 \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); t=r.get("training_beside")
print("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d records); alerts p99 %.0f ms%s" % (r["latency_p50_ms"], r["latency_p95_ms"], r["latency_p99_ms"], r["latency_records"], r["alert_latency_p99_ms"],
  "; trainer at nice %s: %s" % (t["nice"], t["last_progress"]) if t else ""))'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start; offered load $RATE records/s for $DURATION"
echo "no training:                  $(bench)"
echo "training beside it, nice 19:  $(bench --while-training "$DATA")"
echo "training beside it, nice 0:   $(bench --while-training "$DATA" --set pipeline.nice=0)"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
