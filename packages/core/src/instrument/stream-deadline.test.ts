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

  it('checks many streams with one shared timer: cancelled ones never expire, abandoned ones do', () => {
    vi.useFakeTimers();
    const expired: number[] = [];
    const cancels: (() => void)[] = [];
    for (let i = 0; i < 50; i++) {
      cancels.push(startStreamDeadline(100, createStreamActivity(), () => expired.push(i)));
    }
    expect(vi.getTimerCount()).toBe(1);
    for (let i = 0; i < 50; i += 2) cancels[i]!();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(Array.from({ length: 25 }, (_, k) => 2 * k + 1));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expires an earlier deadline registered after a later one, and survives an expire that throws', () => {
    vi.useFakeTimers();
    const late = vi.fn();
    const early = vi.fn(() => {
      throw new Error('boom');
    });
    startStreamDeadline(1000, createStreamActivity(), late);
    startStreamDeadline(10, createStreamActivity(), early);
    vi.advanceTimersByTime(10);
    expect(early).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(990);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
