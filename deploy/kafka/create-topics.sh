#!/usr/bin/env bash
# Creates Punctual's topics if they do not exist: every topic with the same partition count (they
# are co-partitioned by job id), the jobs topic compacted. Run by the kafka-init service of
# docker-compose.yml and by the Job punctual-create-topics of deploy/kubernetes; safe to run again.
# KAFKA_TOPICS_SH points elsewhere than the Kafka image's tool (the Kubernetes manifests' test does).
set -euo pipefail
bootstrap=${KAFKA_BOOTSTRAP_SERVERS:?}
prefix=${TOPIC_PREFIX:-scheduler.}
partitions=${TOPIC_PARTITIONS:-12}
replication=${TOPIC_REPLICATION_FACTOR:-1}
topics=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}

until $topics --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; do
  echo "waiting for Kafka at $bootstrap"; sleep 2
done
create() { # name [extra args]
  local name=$1; shift
  $topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication" "$@"
}
create "${prefix}jobs" --config cleanup.policy=compact
create "${prefix}commands"
create "${prefix}fires"
create "${prefix}results"
create "${prefix}missed"
create "${prefix}dead-letter"
$topics --bootstrap-server "$bootstrap" --describe --topic "${prefix}jobs"
