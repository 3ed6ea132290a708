import { describe, expect, it } from 'vitest';
import { spanData } from '../../test/span-data';
import type { SpanData } from '../span/span-data';
import { completeSpanData } from './complete-span-data';

const data = (fields: Partial<SpanData> = {}): SpanData => spanData({ traceId: '', spanId: '', ...fields });

describe('completeSpanData', () => {
  it('draws ids left empty and keeps a parent trace id', () => {
    const fresh = data();
    completeSpanData(fresh);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.spanId).toMatch(/^[0-9a-f]{16}$/);
    const child = data({ traceId: 'a'.repeat(32), parentSpanId: 'b'.repeat(16) });
    completeSpanData(child);
    expect(child.traceId).toBe('a'.repeat(32));
  });

  it('runs resolve once, then merges identity: span over context over base', () => {
    let runs = 0;
    const span = data({
      resolve: (d) => {
        runs++;
        d.name = 'chat gpt-4o';
        d.userId = 'call-user';
      },
      contextIdentity: { userId: 'ctx-user', sessionId: 'ctx-session', metadata: { a: 1, b: 1 } },
      baseIdentity: { userId: 'base-user', sessionId: 'base-session', metadata: { a: 0, c: 0 } },
      metadata: { b: 2 },
    });
    completeSpanData(span);
    completeSpanData(span);
    expect(runs).toBe(1);
    expect(span).toMatchObject({ name: 'chat gpt-4o', userId: 'call-user', sessionId: 'ctx-session' });
    expect(span.metadata).toEqual({ a: 1, b: 2, c: 0 });
    expect(span.contextIdentity).toBeUndefined();
  });

  it('keeps a single metadata source by reference and settles identity when resolve throws', () => {
    const metadata = { only: true };
    const span = data({
      contextIdentity: { metadata },
      resolve: () => {
        throw new Error('adapter bug');
      },
    });
    expect(() => completeSpanData(span)).toThrow('adapter bug');
    expect(span.metadata).toBe(metadata);
    expect(span.spanId).not.toBe('');
  });
});
