import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const services = join(import.meta.dirname, '../../../scripts/services');

/**
 * Starts the real components through the repo's own scripts (Kafka from Maven jars, an OpenTelemetry Collector
 * built with the collector builder), both cached under ~/.cache/tapline, and stops them when the run ends.
 * `TAPLINE_TEST_SERVICES` (default `kafka,otelcol`) narrows what is started, e.g. `none` for quick local runs of
 * the tests that need no service.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const wanted = new Set(
    (process.env.TAPLINE_TEST_SERVICES ?? 'kafka,otelcol').split(',').map((s) => s.trim()),
  );
  const root = mkdtempSync(join(tmpdir(), 'tapline-exporters-'));
  const kafkaState = join(root, 'kafka');
  const otelState = join(root, 'otelcol');
  const started = Date.now();
  const stops: Array<Promise<unknown>> = [];
  const stop = async () => {
    await Promise.allSettled([
      wanted.has('kafka') && run(join(services, 'kafka.sh'), ['stop', kafkaState], { timeout: 60_000 }),
      wanted.has('otelcol') && run(join(services, 'otelcol.sh'), ['stop', otelState], { timeout: 60_000 }),
      ...stops,
    ]);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const [kafka, otel] = await Promise.all([
      wanted.has('kafka')
        ? run(join(services, 'kafka.sh'), ['start', kafkaState], { timeout: 900_000 })
        : undefined,
      wanted.has('otelcol')
        ? run(join(services, 'otelcol.sh'), ['start', otelState], { timeout: 1_800_000 })
        : undefined,
    ]);
    if (kafka) {
      process.env.TAPLINE_TEST_KAFKA_STATE = kafkaState;
      process.env.TAPLINE_TEST_KAFKA_PORT = kafka.stdout.trim();
    }
    if (otel) {
      const [httpPort, grpcPort] = otel.stdout.trim().split(/\s+/);
      process.env.TAPLINE_TEST_OTELCOL_STATE = otelState;
      process.env.TAPLINE_TEST_OTELCOL_HTTP_PORT = httpPort;
      process.env.TAPLINE_TEST_OTELCOL_GRPC_PORT = grpcPort;
    }
    console.log(`[services] ${[...wanted].join(', ')} ready in ${Date.now() - started} ms`);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
