import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
};

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number; message?: string };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

function plain(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}

function attributes(list: Array<{ key: string; value: AnyValue }> = []): Record<string, unknown> {
  return Object.fromEntries(list.map((item) => [item.key, plain(item.value)]));
}

export function otelcolEndpoints(): { http: string; grpc: string } {
  const { TAPLINE_TEST_OTELCOL_HTTP_PORT: http, TAPLINE_TEST_OTELCOL_GRPC_PORT: grpc } = process.env;
  if (!http || !grpc) throw new Error('the collector was not started by globalSetup');
  return { http: `http://127.0.0.1:${http}`, grpc: `http://127.0.0.1:${grpc}` };
}

/** Every span the collector has written so far (it forwards OTLP JSON to the sink that writes this file). */
export function collectedSpans(): CollectedSpan[] {
  const state = process.env.TAPLINE_TEST_OTELCOL_STATE ?? '';
  const text = readFileSync(join(state, 'traces.jsonl'), 'utf8');
  const spans: CollectedSpan[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const request = JSON.parse(line) as {
      resourceSpans?: Array<{
        resource?: { attributes?: Array<{ key: string; value: AnyValue }> };
        scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }>;
      }>;
    };
    for (const resourceSpans of request.resourceSpans ?? []) {
      const resource = attributes(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            ...(span as unknown as CollectedSpan),
            attributes: attributes(span.attributes as Array<{ key: string; value: AnyValue }>),
            resource,
          });
        }
      }
    }
  }
  return spans;
}
