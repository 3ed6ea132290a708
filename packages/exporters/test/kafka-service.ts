import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(import.meta.dirname, '../../../scripts/services/kafka.sh');

/** The state directory globalSetup started the broker with. */
export function kafkaState(): string {
  const state = process.env.TAPLINE_TEST_KAFKA_STATE;
  if (!state) throw new Error('Kafka was not started by globalSetup');
  return state;
}

export function kafkaBroker(): string {
  return `127.0.0.1:${process.env.TAPLINE_TEST_KAFKA_PORT}`;
}

/** Reads `count` records back with Kafka's own console consumer (a separate JVM, not our client). */
export async function consumeWithConsoleConsumer(
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<Array<{ partition: string; key: string; headers: string; value: string }>> {
  const { stdout } = await run(script, ['consume', kafkaState(), topic, String(count), String(timeoutMs)], {
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs + 30_000,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [partition = '', headers = '', key = '', ...rest] = line.split('\t');
      return { partition: partition.replace('Partition:', ''), headers, key, value: rest.join('\t') };
    });
}

export async function restartKafka(): Promise<void> {
  await run(script, ['restart', kafkaState()], { timeout: 120_000 });
}

export async function stopKafka(): Promise<void> {
  await run(script, ['stop', kafkaState()], { timeout: 60_000 });
}

export async function startStoppedKafka(): Promise<void> {
  await run(script, ['restart', kafkaState()], { timeout: 120_000 });
}
