// Call-by-call interleaving of clients (raw, raw2, wrapped, …) in a rotating order, so drift and background load
// hit all alike, and the "added = wrapped median − mean of the two raw medians" summary.
import { median } from './stats.mjs';

/**
 * Runs `warmup + calls` iterations; each calls every client once (`await call(client)`), starting at a different
 * client each iteration, and after warmup records `result[key]` for every key. With `flushEvery`, `await flush()`
 * runs after iterations 0, flushEvery, 2·flushEvery, … (between calls). Returns `{ [name]: { [key]: number[] } }`.
 */
export async function interleaveCalls({ clients, call, calls, warmup, keys, flushEvery, flush }) {
  const names = Object.keys(clients);
  const samples = Object.fromEntries(
    names.map((name) => [name, Object.fromEntries(keys.map((key) => [key, []]))]),
  );
  for (let i = 0; i < warmup + calls; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const result = await call(clients[name]);
      if (i >= warmup) for (const key of keys) samples[name][key].push(result[key]);
    }
    if (flushEvery && i % flushEvery === 0) await flush();
  }
  return samples;
}

/** Per key: `key` = median(wrapped) − mean of the raw and raw2 medians, `keyNoise` = |raw − raw2|, `keyRaw`. */
export function addedOverRaw(samples, keys) {
  const out = {};
  for (const key of keys) {
    const raw = median(samples.raw[key]);
    const raw2 = median(samples.raw2[key]);
    out[key] = median(samples.wrapped[key]) - (raw + raw2) / 2;
    out[`${key}Noise`] = Math.abs(raw - raw2);
    out[`${key}Raw`] = raw;
  }
  return out;
}
