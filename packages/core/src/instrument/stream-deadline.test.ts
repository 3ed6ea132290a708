import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStreamActivity } from './observe-async-iterator';
import { startStreamDeadline } from './stream-deadline';

afterEach(() => {
  vi.useRealTimers();
});

describe('startStreamDeadline', () => {
  it('expires a stream nobody reads', () => {
    vi.useFakeTimers();
    const expire = vi.fn();
    startStreamDeadline(100, createStreamActivity(), expire);
    vi.advanceTimersByTime(99);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('moves on while the stream is read or a read is pending, then expires when abandoned', () => {
    vi.useFakeTimers();
    const expire = vi.fn();
    const activity = createStreamActivity();
    startStreamDeadline(100, activity, expire);
    activity.reads++;
    vi.advanceTimersByTime(100);
    activity.pending = 1;
    vi.advanceTimersByTime(300);
    expect(expire).not.toHaveBeenCalled();
    activity.pending = 0;
    vi.advanceTimersByTime(200);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled, and is off for non-positive deadlines', () => {
    vi.useFakeTimers();
    const expire = vi.fn();
    startStreamDeadline(100, createStreamActivity(), expire)();
    startStreamDeadline(0, createStreamActivity(), expire);
    vi.advanceTimersByTime(1000);
    expect(expire).not.toHaveBeenCalled();
  });
});
