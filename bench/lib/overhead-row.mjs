// A result row for an added cost measured against two raw clients (openai-overhead, anthropic-overhead).

/** `pass` against `limit` when given; the raw-vs-raw spread as the note when `noise` is given. */
export const overheadRow = (name, value, unit, target, noise, limit) => ({
  name,
  value,
  unit,
  target,
  pass: limit === undefined ? undefined : value < limit,
  note: noise === undefined ? undefined : `raw-vs-raw spread ${noise.toFixed(2)} ${unit}`,
});
