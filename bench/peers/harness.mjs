// Helpers shared by bench/scenarios/peers-*.bench.mjs. This file lives in bench/peers/ so that `peerImport(name)`
// resolves peer libraries from bench/peers/node_modules (an isolated, non-workspace install), while the
// scenarios import Tapline and the SDKs (openai, ai, @langchain/core) from the workspace. Peer libraries that
// have those SDKs as peer dependencies find the workspace copies too (bench/peers/node_modules has none: it is
// installed with --legacy-peer-deps), so every library wraps the same SDK.
import { fork } from 'node:child_process';
import dns from 'node:dns';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitResult } from '../lib/emit-result.mjs';

export const peersDir = dirname(fileURLToPath(import.meta.url));
export const root = join(peersDir, '..', '..');
export const peersInstalled = existsSync(join(peersDir, 'node_modules'));

/** Imports a peer library from bench/peers/node_modules. */
export const peerImport = (specifier) => import(specifier);

/** Without bench/peers/node_modules: prints the one "not installed" row and exits. */
export function exitIfPeersMissing(scenario) {
  if (peersInstalled) return;
  emitResult(scenario, [
    { name: 'peers not installed', value: 'n/a', unit: '', note: 'run `npm run bench:peers`' },
  ]);
  process.exit(0);
}

// ---- loopback only -----------------------------------------------------------------------------------------
// Every socket connect and DNS lookup in this process is checked: anything that is not 127.0.0.1 / ::1 /
// localhost is recorded and refused, so a peer that ignores its endpoint option cannot send data out (and the
// scenario reports it instead of silently measuring a failing network call).
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
export const offLoopback = [];
export function guardLoopback() {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // net.connect() passes its normalized [options, callback] array as the first argument.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host;
    if (first && typeof first === 'object') {
      if (first.path !== undefined) return connect.apply(this, args); // unix socket / pipe
      host = first.host ?? 'localhost';
    } else if (typeof first === 'number') host = typeof args[1] === 'string' ? args[1] : 'localhost';
    else if (typeof first === 'string' && !/^\d+$/.test(first)) return connect.apply(this, args); // pipe path
    if (host !== undefined && !LOOPBACK.has(host)) {
      offLoopback.push(`connect ${host}`);
      process.nextTick(() => this.destroy(new Error(`bench: refused non-loopback connection to ${host}`)));
      return this;
    }
    return connect.apply(this, args);
  };
  const guardLookup = (lookup) =>
    function guardedLookup(hostname, ...rest) {
      if (!LOOPBACK.has(hostname)) {
        offLoopback.push(`dns ${hostname}`);
        const callback = rest.find((value) => typeof value === 'function');
        const error = Object.assign(new Error(`bench: refused DNS lookup of ${hostname}`), {
          code: 'ENOTFOUND',
        });
        if (callback) process.nextTick(() => callback(error));
        return;
      }
      return lookup.call(this, hostname, ...rest);
    };
  dns.lookup = guardLookup(dns.lookup);
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = async (hostname, ...rest) => {
    if (!LOOPBACK.has(hostname)) {
      offLoopback.push(`dns ${hostname}`);
      throw Object.assign(new Error(`bench: refused DNS lookup of ${hostname}`), { code: 'ENOTFOUND' });
    }
    return promisesLookup(hostname, ...rest);
  };
}

// ---- loopback sinks ----------------------------------------------------------------------------------------
let sinkProcess;
let sinkRequestId = 0;
const sinkReplies = new Map();
async function sinkCall(message) {
  if (!sinkProcess) {
    sinkProcess = fork(join(peersDir, 'sink-server.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    sinkProcess.on('message', (reply) => {
      sinkReplies.get(reply.id)?.(reply);
      sinkReplies.delete(reply.id);
    });
    await new Promise((resolve) => sinkProcess.once('message', resolve));
  }
  const id = ++sinkRequestId;
  return new Promise((resolve) => {
    sinkReplies.set(id, resolve);
    sinkProcess.send({ id, ...message });
  });
}

/**
 * A sink: an HTTP server on 127.0.0.1, in a separate process (sink-server.mjs), that accepts anything, answers
 * 200 and counts requests and bytes. mode "braintrust" also answers Braintrust's login and project registration.
 * `await sink.refresh()` reads the counts.
 */
export async function startSink(name, mode = 'plain') {
  const { url } = await sinkCall({ cmd: 'open', name, mode });
  const sink = { name, url, requests: 0, bytes: 0, paths: [] };
  sink.refresh = async () => Object.assign(sink, (await sinkCall({ cmd: 'stats', name })).stats);
  sink.describe = () =>
    `${sink.requests} requests, ${(sink.bytes / 1024).toFixed(0)} KiB to ${sink.url} (${sink.paths.slice(0, 3).join(', ')})`;
  sink.close = async () => {};
  return sink;
}
export const stopSinks = () => sinkProcess?.disconnect();

/**
 * Lets every library export what it has (all `flushers` at once, 10 s at most), then reads the sinks' counts.
 */
export async function flushAndReadSinks(flushers, sinks) {
  await Promise.race([
    Promise.all(
      flushers.map((flush) =>
        Promise.resolve()
          .then(flush)
          .catch(() => {}),
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const sink of new Set(Object.values(sinks))) await sink.refresh();
}

// ---- OpenTelemetry, per library ----------------------------------------------------------------------------
/**
 * A tracer provider of the library's own (not the global one), batching spans to an OTLP/HTTP exporter that
 * posts to `sinkUrl`: what an OTel-based peer's user would configure, pointed at loopback.
 */
export async function otelProvider(sinkUrl, protocol = 'proto') {
  const { BasicTracerProvider, BatchSpanProcessor } = await peerImport('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await peerImport(
    protocol === 'proto'
      ? '@opentelemetry/exporter-trace-otlp-proto'
      : '@opentelemetry/exporter-trace-otlp-http',
  );
  const exporter = new OTLPTraceExporter({ url: `${sinkUrl}/v1/traces` });
  const processor = new BatchSpanProcessor(exporter, { maxQueueSize: 100_000 });
  return new BasicTracerProvider({ spanProcessors: [processor] });
}

export const fmt = (value) => (Number.isFinite(value) ? value.toFixed(1) : String(value));

// ---- rows ----------------------------------------------------------------------------------------------------
/** One "exported to loopback sink" row per name. */
export const exportedRows = (names, sinks, notes) =>
  names.map((name) => ({
    name: `${name}: exported to loopback sink`,
    value: sinks[name]?.requests ?? 0,
    unit: 'requests',
    note: `${notes[name]}; ${sinks[name]?.describe()}`,
  }));

/** One "not measured" row per library that failed to set up or to answer. */
export const unmeasuredRows = (unmeasured) =>
  Object.entries(unmeasured).map(([name, why]) => ({
    name: `${name}: not measured`,
    value: 'n/a',
    unit: '',
    note: why,
  }));

/** The "non-loopback connection attempts (refused)" row (must be 0). */
export const offLoopbackRow = () => ({
  name: 'non-loopback connection attempts (refused)',
  value: offLoopback.length,
  unit: '',
  note: offLoopback.slice(0, 5).join('; '),
});

/** Prints the rows as progress lines (before the BENCH_RESULT line). */
export function printRows(rows) {
  for (const row of rows)
    process.stdout.write(
      `  ${row.name}: ${typeof row.value === 'number' ? fmt(row.value) : row.value} ${row.unit}${row.note ? `  (${row.note})` : ''}\n`,
    );
}
