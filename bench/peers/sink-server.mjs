// Loopback sinks for the peers benchmarks, in their own process (started by harness.mjs) so that receiving and
// parsing the exports costs the measured process nothing. Each sink is an HTTP server on 127.0.0.1 that accepts
// anything, answers 200 with `{}` (or, in "braintrust" mode, the login and project-registration answers that
// Braintrust's SDK reads, pointing back at the sink) and counts requests and bytes.
import { createServer } from 'node:http';

const sinks = new Map();

function respond(mode, path, url) {
  if (mode === 'braintrust') {
    if (path.endsWith('/api/apikey/login'))
      return { org_info: [{ id: 'org-bench', name: 'bench', api_url: url, proxy_url: url }] };
    if (path.endsWith('/api/project/register')) return { project: { id: 'project-bench', name: 'bench' } };
  }
  return {};
}

async function open(name, mode) {
  const stats = { requests: 0, bytes: 0, paths: [] };
  let url;
  const server = createServer((request, response) => {
    stats.requests++;
    const path = request.url.split('?')[0];
    const key = `${request.method} ${path}`;
    if (!stats.paths.includes(key) && stats.paths.length < 8) stats.paths.push(key);
    request.on('data', (chunk) => {
      stats.bytes += chunk.length;
    });
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(respond(mode, path, url)));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  sinks.set(name, { server, stats });
  return url;
}

process.on('message', async ({ id, cmd, name, mode }) => {
  if (cmd === 'open') process.send({ id, url: await open(name, mode) });
  else if (cmd === 'stats') process.send({ id, stats: sinks.get(name)?.stats });
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
