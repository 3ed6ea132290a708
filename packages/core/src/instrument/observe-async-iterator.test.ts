import { describe, expect, it, vi } from 'vitest';
import { createDiagnostics } from '../diagnostics/diagnostics';
import { observeAsyncIterator } from './observe-async-iterator';

const diag = createDiagnostics('none');

async function* numbers(n: number, failAt?: number) {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('boom');
    yield i;
  }
}

function hooks() {
  return { item: vi.fn(), complete: vi.fn(), error: vi.fn(), stop: vi.fn() };
}

describe('observeAsyncIterator', () => {
  it('reports every item and the end once', async () => {
    const h = hooks();
    const seen: number[] = [];
    for await (const value of observeAsyncIterator(numbers(3), h, diag)) seen.push(value);
    expect(seen).toEqual([0, 1, 2]);
    expect(h.item).toHaveBeenCalledTimes(3);
    expect(h.complete).toHaveBeenCalledTimes(1);
    expect(h.error).not.toHaveBeenCalled();
  });

  it('hides items the hook rejects', async () => {
    const seen: number[] = [];
    const h = { ...hooks(), item: (value: number) => value % 2 === 0 };
    for await (const value of observeAsyncIterator(numbers(5), h, diag)) seen.push(value);
    expect(seen).toEqual([0, 2, 4]);
  });

  it('rethrows the same error and reports it', async () => {
    const h = hooks();
    let caught: unknown;
    try {
      for await (const _ of observeAsyncIterator(numbers(5, 2), h, diag)) {
        // read
      }
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('boom');
    expect(h.error).toHaveBeenCalledWith(caught);
  });

  it('reports an early break as stop and closes the source', async () => {
    const h = hooks();
    const source = numbers(10);
    for await (const value of observeAsyncIterator(source, h, diag)) if (value === 1) break;
    expect(h.stop).toHaveBeenCalledTimes(1);
    expect(h.complete).not.toHaveBeenCalled();
    expect(await source.next()).toEqual({ done: true, value: undefined });
  });

  it('a throwing hook never reaches the consumer', async () => {
    const errors: unknown[] = [];
    const loud = createDiagnostics('error', (_level, _message, detail) => errors.push(detail));
    const h = {
      ...hooks(),
      item: () => {
        throw new Error('hook');
      },
    };
    const seen: number[] = [];
    for await (const value of observeAsyncIterator(numbers(2), h, loud)) seen.push(value);
    expect(seen).toEqual([0, 1]);
    expect(errors.length).toBeGreaterThan(0);
  });
});
