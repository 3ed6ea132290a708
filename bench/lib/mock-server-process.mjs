// The testkit mock LLM server (packages/testkit/dist/cli.js), started in another process so its work is not
// counted in the measured process. Needs `npm run build` (testkit).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the mock server; resolves to `{ url, stop }` once it prints its URL. */
export async function startMockServer() {
  const child = spawn(process.execPath, [join(root, 'packages/testkit/dist/cli.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (data) => {
      buffer += data;
      const match = /MOCK_SERVER_URL (\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}
