// A loopback OTLP/HTTP JSON receiver: the collector's otlphttp exporter sends here, and each request body is
// appended as one line to DIR/traces.jsonl or DIR/metrics.jsonl (the same shape the contrib file exporter writes).
// Usage: node otlp-sink.mjs PORT DIR
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const [port, dir] = process.argv.slice(2);
const files = { '/v1/traces': 'traces.jsonl', '/v1/metrics': 'metrics.jsonl', '/v1/logs': 'logs.jsonl' };

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const file = files[req.url ?? ''];
    if (!file || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const body = Buffer.concat(chunks).toString('utf8').replace(/\n/g, ' ');
    appendFileSync(join(dir, file), `${body}\n`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(Number(port), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
