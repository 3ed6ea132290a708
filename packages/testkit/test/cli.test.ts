import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];

function startCli(args: string[], stdin: 'pipe' | 'ignore'): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: [stdin, 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^MOCK_SERVER_URL (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`cli exited early with ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(async () => {
  if (!existsSync(cliPath)) {
    const { build } = await import('tsup');
    await build({
      config: fileURLToPath(new URL('../tsup.config.ts', import.meta.url)),
      dts: false,
      silent: true,
    });
  }
}, 60_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('cli', () => {
  it('prints its URL, serves the SDK and stops on SIGTERM', async () => {
    const { child, url } = await startCli(['--chunk-delay-ms', '1'], 'ignore');
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(completion.choices[0]?.message.content).toBe('This is a mock reply to: ping');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('stops when its stdin pipe closes', async () => {
    const { child } = await startCli([], 'pipe');
    child.stdin?.end();
    expect(await exited(child)).toBe(0);
  });
});
