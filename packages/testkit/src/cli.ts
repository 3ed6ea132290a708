#!/usr/bin/env node
/**
 * Runs the mock LLM server in its own process: `node dist/cli.js [--port N] [--chunk-delay-ms N] [--latency-ms N]`.
 * Prints `MOCK_SERVER_URL http://127.0.0.1:PORT` once listening; stops on SIGTERM, SIGINT or when a piped stdin closes.
 */
import { fstatSync } from 'node:fs';
import { startMockServer } from './mock-server';
import { parseCliArgs } from './parse-cli-args';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const server = await startMockServer(options);
  process.stdout.write(`MOCK_SERVER_URL ${server.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Stop when the parent closes our stdin pipe, but only for a pipe or socket: a TTY or /dev/null
  // (`stdio: 'ignore'`) would otherwise end the server at once.
  const stdin = fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
