import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnostics } from '../diagnostics/diagnostics';
import { memoryExporter } from '../export/memory-exporter';
import { createTelemetry, type Telemetry } from '../telemetry/create-telemetry';
import { externalParent, hasParentResolver, registerParentResolver } from './parent-resolver';

const OTEL = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };

const cleanups: Array<() => void> = [];
const instances: Telemetry[] = [];

function setup() {
  const exporter = memoryExporter();
  const telemetry = createTelemetry({ exporter, flushOnExit: false }, {});
  instances.push(telemetry);
  const spans = async () => {
    await telemetry.flush();
    return exporter.spans;
  };
  return { telemetry, spans };
}

function register(resolver: Parameters<typeof registerParentResolver>[0]) {
  cleanups.push(registerParentResolver(resolver));
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(instances.splice(0).map((t) => t.shutdown()));
});

describe('registerParentResolver', () => {
  it('parents a span started outside any Tapline span under the external span', async () => {
    register(() => OTEL);
    const { telemetry, spans } = setup();
    telemetry.startSpan({ name: 'chat', kind: 'llm' }).end();
    const [record] = await spans();
    expect(record?.traceId).toBe(OTEL.traceId);
    expect(record?.parentSpanId).toBe(OTEL.spanId);
  });

  it('lets an active Tapline span win, and an explicit parent or null bypass the resolver', async () => {
    let calls = 0;
    register(() => {
      calls++;
      return OTEL;
    });
    const { telemetry, spans } = setup();
    const root = telemetry.startSpan({ name: 'root', parent: null });
    telemetry.withSpan(root, () => telemetry.startSpan({ name: 'child' }).end());
    root.end();
    const [child, parent] = await spans();
    expect(parent?.traceId).not.toBe(OTEL.traceId);
    expect(parent?.parentSpanId).toBeUndefined();
    expect(child?.traceId).toBe(root.traceId);
    expect(child?.parentSpanId).toBe(root.spanId);
    expect(calls).toBe(0);
  });

  it('ignores invalid ids, undefined and a throwing resolver (warned once)', async () => {
    const warnings: string[] = [];
    const diag = createDiagnostics('warn', (_level, message) => warnings.push(message));
    register(() => ({ traceId: '0'.repeat(32), spanId: OTEL.spanId }));
    expect(externalParent(diag)).toBeUndefined();
    register(() => undefined);
    expect(externalParent(diag)).toBeUndefined();
    register(() => {
      throw new Error('boom');
    });
    expect(externalParent(diag)).toBeUndefined();
    expect(externalParent(diag)).toBeUndefined();
    expect(warnings.filter((w) => w.includes('parent resolver'))).toHaveLength(1);
    const { telemetry, spans } = setup();
    telemetry.startSpan({ name: 'chat' }).end();
    const [record] = await spans();
    expect(record?.parentSpanId).toBeUndefined();
  });

  it('unregisters only its own resolver', () => {
    const first = registerParentResolver(() => OTEL);
    const second = registerParentResolver(() => ({ ...OTEL, spanId: '00f067aa0ba902b7' }));
    cleanups.push(second);
    first();
    const diag = createDiagnostics('none');
    expect(externalParent(diag)?.spanId).toBe('00f067aa0ba902b7');
    second();
    expect(externalParent(diag)).toBeUndefined();
  });
});

describe('hasParentResolver', () => {
  it('says whether a resolver is registered', () => {
    expect(hasParentResolver()).toBe(false);
    const unregister = registerParentResolver(() => undefined);
    expect(hasParentResolver()).toBe(true);
    unregister();
    expect(hasParentResolver()).toBe(false);
  });
});
