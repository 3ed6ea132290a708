import { describe, expect, it } from 'vitest';
import { createReplyQueue } from './reply-queue';

describe('createReplyQueue', () => {
  it('returns undefined when empty', () => {
    expect(createReplyQueue().take('/v1/messages')).toBeUndefined();
  });

  it('repeats an entry `times` times, skips entries for other paths and counts what is left', () => {
    const queue = createReplyQueue();
    queue.push({ text: 'a', times: 2 }, { text: 'b', path: '/v1/messages' }, { text: 'c' });
    expect(queue.size).toBe(4);
    expect(queue.take('/v1/chat/completions')?.text).toBe('a');
    expect(queue.take('/v1/messages')?.text).toBe('a');
    expect(queue.take('/v1/chat/completions')?.text).toBe('c');
    expect(queue.take('/v1/chat/completions')).toBeUndefined();
    expect(queue.take('/v1/messages')?.text).toBe('b');
    queue.push({ text: 'd' });
    queue.clear();
    expect(queue.size).toBe(0);
  });
});
