#!/usr/bin/env bash
# Scoring latency at one offered load, alone and while a frozen-encoder training runs beside it on the same
# machine: `bench --latency-at` three times, with no training, with `train --encoder frozen --threads 1` (the
# pipeline's train step with pipeline.train.threads=1, its default), and with --threads 2 (the train step before
# that setting). The training runs the same code as the pipeline's train step (DefaultModelTrainer, frozen
# encoder), restarted with an empty feature cache whenever it ends, so the encoder's feature pass runs throughout.
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
WORK=$(mktemp -d)
TRAINER=

stop_trainer() {
  if [ -n "$TRAINER" ]; then
    kill -- -"$TRAINER" 2>/dev/null || true
    wait "$TRAINER" 2>/dev/null || true
    TRAINER=
  fi
}
trap 'stop_trainer; rm -rf "$WORK"' EXIT

train_forever() {
  local threads=$1 round=0
  while true; do
    round=$((round + 1))
    rm -rf "$WORK/train"
    java -jar "$JAR" train --encoder frozen --threads "$threads" --data "$DATA" --out "$WORK/train/model" \
      --report-dir "$WORK/train/report" --work-dir "$WORK/train/work" --progress-interval PT1M \
      >"$WORK/train-$threads-$round.log" 2>&1 || true
  done
}

bench() {
  java -jar "$JAR" bench --latency-at "$RATE" --latency-duration "$DURATION" --json 2>"$WORK/bench.err" | tail -n 1 \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d records)" % (r["latency_p50_ms"], r["latency_p95_ms"], r["latency_p99_ms"], r["latency_records"]))'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; offered load $RATE records/s for $DURATION"
echo "no training:                       $(bench)"
for threads in 1 2; do
  # setsid: the trainer loop and its JVM form one process group, stopped together
  setsid bash -c "$(declare -f train_forever); JAR='$JAR' DATA='$DATA' WORK='$WORK' train_forever $threads" &
  TRAINER=$!
  sleep 20
  line=$(bench)
  stop_trainer
  echo "training beside it, --threads $threads: $line"
  # the training's own word that it was encoding throughout (train prints its progress on stderr)
  last=$(ls -t "$WORK"/train-"$threads"-*.log | head -n 1)
  echo "  trainer: $(ls "$WORK"/train-"$threads"-*.log | wc -l) round(s), last said: $(tr '\r' '\n' <"$last" | grep -v '^$' | tail -n 1 | cut -c1-100)"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
