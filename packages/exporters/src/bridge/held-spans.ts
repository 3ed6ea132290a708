import type { SpanRecord } from '@tapline/core';

interface Held {
  records: SpanRecord[];
  since: number;
}

/**
 * Tapline spans waiting for their Tapline parent to be exported (a child usually ends, and so arrives, before
 * its parent). Keyed by the parent's Tapline span id; bounded by span count, oldest group out first.
 */
export class HeldSpans {
  private readonly byParent = new Map<string, Held>();
  private count = 0;

  constructor(private readonly maxSpans: number) {}

  get size(): number {
    return this.count;
  }

  /** Holds `record` under its parent; returns the groups pushed out to stay within the cap. */
  hold(record: SpanRecord, now: number): SpanRecord[][] {
    const parent = record.parentSpanId as string;
    const held = this.byParent.get(parent);
    if (held) held.records.push(record);
    else this.byParent.set(parent, { records: [record], since: now });
    this.count++;
    const evicted: SpanRecord[][] = [];
    while (this.count > this.maxSpans) {
      const oldest = this.byParent.keys().next();
      if (oldest.done) break;
      evicted.push(this.take(oldest.value) ?? []);
    }
    return evicted;
  }

  /** Removes and returns the spans waiting for `parentSpanId`. */
  take(parentSpanId: string): SpanRecord[] | undefined {
    const held = this.byParent.get(parentSpanId);
    if (!held) return undefined;
    this.byParent.delete(parentSpanId);
    this.count -= held.records.length;
    return held.records;
  }

  /** Removes and returns every group held since before `cutoff` (all groups when `cutoff` is Infinity). */
  takeOlderThan(cutoff: number): SpanRecord[][] {
    const out: SpanRecord[][] = [];
    for (const [parent, held] of this.byParent) {
      if (held.since > cutoff) break; // insertion order = age order
      out.push(this.take(parent) ?? []);
    }
    return out;
  }

  /** When the oldest group was held, or undefined when nothing is. */
  oldestSince(): number | undefined {
    const first = this.byParent.values().next();
    return first.done ? undefined : first.value.since;
  }
}
