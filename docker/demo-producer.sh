#!/usr/bin/env bash
# Demo producer for compose.yaml: writes synthetic PredictionEvents for the fraud-demo model as
# Avro JSON lines, one every 1/RATE s, on stdout. compose pipes them into the schema registry
# image's kafka-avro-console-producer, which registers schemas/PredictionEvent.avsc and writes the
# Confluent wire format the explainer reads. Features are random (30 values), not realistic traffic:
# `bin/igstream demo` has the realistic generator.
#   docker/demo-producer.sh [COUNT] [RATE]     (COUNT 0 = forever; RATE events per second)
set -euo pipefail
count="${1:-0}"
rate="${2:-20}"
awk -v count="$count" -v rate="$rate" -v seed="${SEED:-$$}" '
BEGIN {
  srand(seed);
  for (i = 1; count == 0 || i <= count; i++) {
    f = "";
    for (j = 0; j < 30; j++) f = f (j ? "," : "") sprintf("%.4f", rand() * 2 - 1);
    printf "{\"id\":\"demo-%d-%d\",\"model\":\"fraud-demo\",\"modelVersion\":null,", seed, i;
    printf "\"eventTime\":%.0f,\"features\":[%s],\"score\":null,\"baseline\":null,", systime() * 1000, f;
    printf "\"attributes\":{\"source\":\"compose-demo\"}}\n";
    fflush();
    if (rate > 0) system("sleep " 1 / rate);
  }
}'
