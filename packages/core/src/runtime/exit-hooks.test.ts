import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const app = fileURLToPath(new URL('../../test/fixtures/exit-app.mjs', import.meta.url));

function run(
  mode: string,
  signal?: NodeJS.Signals,
): Promise<{ stdout: string; code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [app, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`exit-app ${mode} did not end; stdout: ${stdout}`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signal && stdout.includes('READY\n') && !child.killed) child.kill(signal);
    });
    child.on('exit', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ stdout, code, signal: exitSignal });
    });
  });
}

function spanNames(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('SPAN '))
    .map((line) => JSON.parse(line.slice(5)).name);
}

describe('flush on exit (Node)', () => {
  it('flushes queued spans when the event loop empties (beforeExit)', async () => {
    const result = await run('idle-exit');
    expect(spanNames(result.stdout)).toEqual(['exit-idle-exit']);
    expect(result.code).toBe(0);
  });

  it('does nothing when flushOnExit is false', async () => {
    const result = await run('no-flush');
    expect(spanNames(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s with no app handler: flushes, then the process still dies of the signal',
    async (signal) => {
      const result = await run('signal', signal);
      expect(spanNames(result.stdout)).toEqual(['exit-signal']);
      expect(result.signal).toBe(signal);
    },
  );

  it('on SIGTERM with the app’s own handler: flushes and leaves the exit to the app', async () => {
    const result = await run('signal-own-handler', 'SIGTERM');
    expect(spanNames(result.stdout)).toEqual(['exit-signal-own-handler']);
    expect(result.stdout).toContain('APP_HANDLER');
    expect(result.code).toBe(7);
  });
});
