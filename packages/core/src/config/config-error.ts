/** Raised at configuration time (never during a call) for invalid config; names the field and what it accepts. */
export class TaplineConfigError extends Error {
  override readonly name = 'TaplineConfigError';

  constructor(
    /** The config path or environment variable, e.g. `sampling.rate` or `TAPLINE_SAMPLE_RATE`. */
    readonly field: string,
    /** What the field accepts, e.g. `a number from 0 to 1` or `one of "off", "redacted", "raw"`. */
    readonly expected: string,
    readonly received?: unknown,
  ) {
    super(
      `Invalid Tapline config: ${field} must be ${expected}${received === undefined ? '' : ` (got ${show(received)})`}`,
    );
  }
}

function show(value: unknown): string {
  try {
    if (typeof value === 'string')
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return 'a function';
    const json = JSON.stringify(value);
    if (json === undefined) return String(value);
    return json.length > 80 ? `${json.slice(0, 80)}…` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
