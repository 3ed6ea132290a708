import type { ScriptedReply } from './scripted-reply';

/** A FIFO queue of scripted replies; an entry with `times: n` is handed out `n` times, one with `path` only to that path. */
export interface ReplyQueue {
  push(...replies: ScriptedReply[]): void;
  /** Takes the next reply that applies to `path`, or `undefined` when none is scripted. */
  take(path: string): ScriptedReply | undefined;
  clear(): void;
  /** Number of requests the queued entries will still answer. */
  readonly size: number;
}

/** Creates an empty {@link ReplyQueue}. */
export function createReplyQueue(): ReplyQueue {
  const entries: Array<{ reply: ScriptedReply; remaining: number }> = [];
  return {
    push(...replies) {
      for (const reply of replies) entries.push({ reply, remaining: Math.max(1, reply.times ?? 1) });
    },
    take(path) {
      const index = entries.findIndex((entry) => entry.reply.path === undefined || entry.reply.path === path);
      if (index === -1) return undefined;
      const entry = entries[index]!;
      entry.remaining -= 1;
      if (entry.remaining === 0) entries.splice(index, 1);
      return entry.reply;
    },
    clear() {
      entries.length = 0;
    },
    get size() {
      return entries.reduce((sum, entry) => sum + entry.remaining, 0);
    },
  };
}
