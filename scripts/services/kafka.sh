#!/usr/bin/env bash
# One Apache Kafka node in KRaft mode on a free 127.0.0.1 port, for tests and benchmarks.
#
#   kafka.sh install            fetch the jars with Maven into the cache (once)
#   kafka.sh start [STATE_DIR]  install if needed, start a node, print its port
#   kafka.sh stop [STATE_DIR]   stop the node started with the same STATE_DIR
#   kafka.sh status [STATE_DIR] print the port if running, exit 1 otherwise
#   kafka.sh consume STATE_DIR TOPIC COUNT [TIMEOUT_MS]
#                               print COUNT records (key<TAB>headers<TAB>value) with Kafka's console consumer
#   kafka.sh classpath          print the classpath
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

KAFKA_VERSION="${TAPLINE_KAFKA_VERSION:-4.1.1}"
cache="$TAPLINE_CACHE/kafka-$KAFKA_VERSION"
state="${2:-${TAPLINE_KAFKA_STATE:-${TMPDIR:-/tmp}/tapline-kafka}}"

install_jars() {
  [[ -f "$cache/.complete" ]] && return 0
  mkdir -p "$cache"
  cat >"$cache/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.tapline</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>
  </dependencies>
</project>
POM
  echo "kafka.sh: fetching Kafka $KAFKA_VERSION jars with Maven into $cache" >&2
  mvn -B -q -f "$cache/pom.xml" -Dmdep.includeScope=runtime -DoutputDirectory="$cache/libs" \
    dependency:copy-dependencies >&2
  cat >"$cache/log4j2.properties" <<'LOG'
status = error
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
LOG
  touch "$cache/.complete"
}

classpath() { echo "$cache/libs/*"; }

java_run() {
  java -Xms128m -Xmx512m -XX:+UseSerialGC -Dlog4j2.configurationFile="$cache/log4j2.properties" \
    -cp "$(classpath)" "$@"
}

start() {
  with_lock "$TAPLINE_CACHE/kafka.lock" install_jars
  mkdir -p "$state"
  if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    cat "$state/port"
    return 0
  fi
  local port controller
  port="${TAPLINE_KAFKA_PORT:-$(free_port)}"
  controller="$(free_port)"
  rm -rf "$state/data"
  cat >"$state/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.network.threads=2
num.io.threads=2
PROPS
  java_run kafka.tools.StorageTool format -t "$(java_run kafka.tools.StorageTool random-uuid)" \
    -c "$state/server.properties" --ignore-formatted >"$state/format.log" 2>&1
  start_node "$port"
}

# Start (or restart, keeping the data) the node configured in $state.
start_node() {
  local port="$1"
  nohup java -Xms128m -Xmx512m -XX:+UseSerialGC -Dlog4j2.configurationFile="$cache/log4j2.properties" \
    -cp "$(classpath)" kafka.Kafka "$state/server.properties" >"$state/server.log" 2>&1 </dev/null &
  echo $! >"$state/pid"
  echo "$port" >"$state/port"
  if ! wait_port "$port" 60; then
    echo "kafka.sh: broker did not listen on $port within 60 s; log: $state/server.log" >&2
    tail -20 "$state/server.log" >&2 || true
    stop_pid "$state/pid"
    return 1
  fi
  echo "$port"
}

case "${1:-}" in
install) with_lock "$TAPLINE_CACHE/kafka.lock" install_jars ;;
start) start ;;
restart)
  # Stop and start the same node with its data (a broker restart).
  stop_pid "$state/pid"
  start_node "$(cat "$state/port")"
  ;;
stop) stop_pid "$state/pid" ;;
status)
  if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then cat "$state/port"; else exit 1; fi
  ;;
consume)
  topic="$3" count="$4" timeout_ms="${5:-20000}"
  java_run org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "127.0.0.1:$(cat "$state/port")" \
    --topic "$topic" --from-beginning --max-messages "$count" --timeout-ms "$timeout_ms" \
    --property print.partition=true --property print.key=true --property print.headers=true --property key.separator=$'\t' \
    --property headers.separator=, 2>/dev/null
  ;;
classpath) classpath ;;
*)
  echo "usage: kafka.sh install|start|restart|stop|status|consume|classpath [STATE_DIR]" >&2
  exit 2
  ;;
esac
