#!/usr/bin/env bash
# An OpenTelemetry Collector (built once with the collector builder) on free 127.0.0.1 ports.
# It receives OTLP over HTTP and gRPC and forwards it as OTLP/HTTP JSON to a loopback sink (otlp-sink.mjs) that
# appends each request as one line to a file. (The contrib file exporter cannot be built from the Go module
# proxy: one of its test dependencies is not served there.)
#
#   otelcol.sh install            build the collector into the cache (once)
#   otelcol.sh start [STATE_DIR]  install if needed, start, print "HTTP_PORT GRPC_PORT"
#   otelcol.sh stop [STATE_DIR]   stop it
#   otelcol.sh status [STATE_DIR] print the ports if running, exit 1 otherwise
# Output: STATE_DIR/traces.jsonl and STATE_DIR/metrics.jsonl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

OTELCOL_VERSION="${TAPLINE_OTELCOL_VERSION:-0.165.0}"
cache="$TAPLINE_CACHE/otelcol-$OTELCOL_VERSION"
binary="$cache/otelcol-tapline"
state="${2:-${TAPLINE_OTELCOL_STATE:-${TMPDIR:-/tmp}/tapline-otelcol}}"

install_collector() {
  [[ -x "$binary" ]] && return 0
  mkdir -p "$cache/bin"
  echo "otelcol.sh: building the collector $OTELCOL_VERSION into $cache (first run only)" >&2
  GOBIN="$cache/bin" go install "go.opentelemetry.io/collector/cmd/builder@v$OTELCOL_VERSION" >&2
  cat >"$cache/manifest.yaml" <<YAML
dist:
  name: otelcol-tapline
  description: Tapline test collector
  output_path: $cache/build
receivers:
  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v$OTELCOL_VERSION
exporters:
  - gomod: go.opentelemetry.io/collector/exporter/debugexporter v$OTELCOL_VERSION
  - gomod: go.opentelemetry.io/collector/exporter/otlphttpexporter v$OTELCOL_VERSION
YAML
  GOFLAGS="${GOFLAGS:--p=2}" "$cache/bin/builder" --config "$cache/manifest.yaml" >&2
  cp "$cache/build/otelcol-tapline" "$binary.tmp"
  mv "$binary.tmp" "$binary"
  rm -rf "$cache/build"
}

start() {
  with_lock "$TAPLINE_CACHE/otelcol.lock" install_collector
  mkdir -p "$state"
  if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    cat "$state/ports"
    return 0
  fi
  local http grpc sink
  http="$(free_port)"
  grpc="$(free_port)"
  sink="$(free_port)"
  rm -f "$state/traces.jsonl" "$state/metrics.jsonl"
  touch "$state/traces.jsonl" "$state/metrics.jsonl"
  nohup node "$here/otlp-sink.mjs" "$sink" "$state" >"$state/sink.log" 2>&1 </dev/null &
  echo $! >"$state/sink.pid"
  if ! wait_port "$sink" 30; then
    echo "otelcol.sh: the OTLP sink did not start; log: $state/sink.log" >&2
    stop_pid "$state/sink.pid"
    return 1
  fi
  cat >"$state/config.yaml" <<YAML
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:$http
      grpc:
        endpoint: 127.0.0.1:$grpc
exporters:
  otlp_http:
    endpoint: http://127.0.0.1:$sink
    encoding: json
    compression: none
    sending_queue:
      enabled: false
service:
  telemetry:
    logs:
      level: warn
    metrics:
      level: none
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp_http]
    metrics:
      receivers: [otlp]
      exporters: [otlp_http]
YAML
  nohup "$binary" --config "$state/config.yaml" >"$state/collector.log" 2>&1 </dev/null &
  echo $! >"$state/pid"
  echo "$http $grpc" >"$state/ports"
  if ! wait_port "$http" 30 || ! wait_port "$grpc" 30; then
    echo "otelcol.sh: collector did not listen within 30 s; log: $state/collector.log" >&2
    tail -20 "$state/collector.log" >&2 || true
    stop_pid "$state/pid"
    stop_pid "$state/sink.pid"
    return 1
  fi
  echo "$http $grpc"
}

case "${1:-}" in
install) with_lock "$TAPLINE_CACHE/otelcol.lock" install_collector ;;
start) start ;;
stop)
  stop_pid "$state/pid"
  stop_pid "$state/sink.pid"
  ;;
status)
  if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then cat "$state/ports"; else exit 1; fi
  ;;
*)
  echo "usage: otelcol.sh install|start|stop|status [STATE_DIR]" >&2
  exit 2
  ;;
esac
