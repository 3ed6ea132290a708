import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpanRecord } from '@tapline/core';

export type FsyncPolicy = 'always' | 'never';

export interface DiskSpoolOptions {
  dir: string;
  /** Bytes kept on disk at most; beyond it the oldest segments are evicted (counted). */
  maxBytes: number;
  /** A segment file is closed and a new one started past this size. */
  segmentBytes: number;
  /** `always`: fdatasync after every append, before it counts as stored. `never`: leave it to the OS. */
  fsync: FsyncPolicy;
}

interface Line {
  bytes: number;
  spans: number;
}

interface Segment {
  seq: number;
  lines: Line[];
  bytes: number;
  /** Index of the next line to replay (only ever > 0 for the oldest segment). */
  next: number;
  /** Byte offset of line `next`. */
  offset: number;
}

export interface SpoolBatch {
  spans: SpanRecord[];
}

export interface DiskSpool {
  /** Appends one batch; returns the spans evicted to make room (0 normally). */
  append(spans: readonly SpanRecord[]): Promise<{ evictedSpans: number; evictedBatches: number }>;
  /** The oldest batch not yet acknowledged, or undefined when empty. */
  peek(): Promise<SpoolBatch | undefined>;
  /** Marks the batch returned by `peek` as done. */
  ack(): Promise<void>;
  readonly bytes: number;
  readonly batches: number;
  readonly spans: number;
  close(): Promise<void>;
}

const SEGMENT = /^(\d{12})\.seg$/;
const name = (seq: number) => `${String(seq).padStart(12, '0')}.seg`;

/**
 * A bounded, append-only spool of batches on disk. Each segment file holds lines `<span count>\t<JSON array>\n`;
 * `cursor` holds `<segment> <line>` of the next batch to replay, so replay resumes after a restart. Operations
 * are serialised; only the line lengths are kept in memory.
 */
export async function openDiskSpool(options: DiskSpoolOptions): Promise<DiskSpool> {
  await mkdir(options.dir, { recursive: true });
  const segments: Segment[] = [];
  let bytes = 0;
  let active: { seq: number; handle: FileHandle } | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };

  // Recover what a previous process left.
  const files = (await readdir(options.dir)).filter((file) => SEGMENT.test(file)).sort();
  let cursor = { seq: 0, line: 0 };
  try {
    const [seq, line] = (await readFile(join(options.dir, 'cursor'), 'utf8')).trim().split(' ').map(Number);
    if (Number.isInteger(seq) && Number.isInteger(line))
      cursor = { seq: seq as number, line: line as number };
  } catch {
    // no cursor yet
  }
  for (const file of files) {
    const seq = Number(SEGMENT.exec(file)?.[1]);
    const path = join(options.dir, file);
    if (seq < cursor.seq) {
      await unlink(path).catch(() => {});
      continue;
    }
    const content = await readFile(path);
    const lines: Line[] = [];
    let start = 0;
    for (let end = content.indexOf(10); end !== -1; end = content.indexOf(10, start)) {
      const tab = content.indexOf(9, start);
      lines.push({ bytes: end + 1 - start, spans: Number(content.subarray(start, tab).toString()) || 0 });
      start = end + 1;
    }
    if (start < content.length) await writeFile(path, content.subarray(0, start)); // a torn last line
    const segment: Segment = { seq, lines, bytes: start, next: 0, offset: 0 };
    if (seq === cursor.seq) {
      segment.next = Math.min(cursor.line, lines.length);
      for (let index = 0; index < segment.next; index++) segment.offset += lines[index]?.bytes ?? 0;
    }
    segments.push(segment);
    bytes += start;
  }
  let nextSeq = (segments.at(-1)?.seq ?? cursor.seq) + 1;

  const unread = (segment: Segment) => segment.lines.slice(segment.next);
  const count = (lines: Line[], key: keyof Line) => lines.reduce((sum, line) => sum + line[key], 0);

  const closeActive = async () => {
    const current = active;
    active = undefined;
    await current?.handle.close().catch(() => {});
  };

  const dropOldest = async (): Promise<Line[]> => {
    const oldest = segments.shift();
    if (!oldest) return [];
    if (active?.seq === oldest.seq) await closeActive();
    await unlink(join(options.dir, name(oldest.seq))).catch(() => {});
    bytes -= oldest.bytes;
    return unread(oldest);
  };

  const writeCursor = async (seq: number, line: number) => {
    const path = join(options.dir, 'cursor');
    await writeFile(`${path}.tmp`, `${seq} ${line}\n`);
    await rename(`${path}.tmp`, path);
  };

  return {
    append(spans) {
      return serial(async () => {
        const line = Buffer.from(`${spans.length}\t${JSON.stringify(spans)}\n`);
        let evictedSpans = 0;
        let evictedBatches = 0;
        if (line.length > options.maxBytes) return { evictedSpans: spans.length, evictedBatches: 1 };
        while (bytes + line.length > options.maxBytes && segments.length > 0) {
          const lost = await dropOldest();
          evictedSpans += count(lost, 'spans');
          evictedBatches += lost.length;
        }
        let last = segments.at(-1);
        if (!active || !last || last.seq !== active.seq || last.bytes >= options.segmentBytes) {
          await closeActive();
          const seq = nextSeq++;
          active = { seq, handle: await open(join(options.dir, name(seq)), 'a') };
          last = { seq, lines: [], bytes: 0, next: 0, offset: 0 };
          segments.push(last);
        }
        await active.handle.write(line);
        if (options.fsync === 'always') await active.handle.datasync();
        last.lines.push({ bytes: line.length, spans: spans.length });
        last.bytes += line.length;
        bytes += line.length;
        return { evictedSpans, evictedBatches };
      });
    },
    peek() {
      return serial(async () => {
        const head = segments[0];
        const line = head?.lines[head.next];
        if (!head || !line) return undefined;
        const handle = await open(join(options.dir, name(head.seq)), 'r');
        try {
          const buffer = Buffer.alloc(line.bytes);
          await handle.read(buffer, 0, line.bytes, head.offset);
          const text = buffer.toString('utf8');
          return { spans: JSON.parse(text.slice(text.indexOf('\t') + 1)) as SpanRecord[] };
        } finally {
          await handle.close();
        }
      });
    },
    ack() {
      return serial(async () => {
        const head = segments[0];
        const line = head?.lines[head.next];
        if (!head || !line) return;
        head.next++;
        head.offset += line.bytes;
        if (head.next < head.lines.length) {
          await writeCursor(head.seq, head.next);
          return;
        }
        await dropOldest();
        await writeCursor(segments[0]?.seq ?? nextSeq, 0);
      });
    },
    get bytes() {
      return bytes - (segments[0]?.offset ?? 0);
    },
    get batches() {
      return segments.reduce((sum, segment) => sum + segment.lines.length - segment.next, 0);
    },
    get spans() {
      return segments.reduce((sum, segment) => sum + count(unread(segment), 'spans'), 0);
    },
    close() {
      return serial(closeActive);
    },
  };
}
