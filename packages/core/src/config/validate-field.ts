import { TaplineConfigError } from './config-error';

// Field checks shared by the config validators; each throws `TaplineConfigError` naming the field.

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectBoolean(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TaplineConfigError(field, 'true or false', value);
  return value;
}

export function expectString(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0)
    throw new TaplineConfigError(field, 'a non-empty string', value);
  return value;
}

export function expectInteger(
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TaplineConfigError(field, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

export function expectOneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new TaplineConfigError(field, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  }
  return value as T;
}

export function expectSection(
  field: string,
  value: unknown,
  keys: readonly string[],
): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new TaplineConfigError(field, 'an object', value);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new TaplineConfigError(
        `${field}.${key}`,
        `absent: ${field} accepts ${keys.join(', ')}`,
        value[key],
      );
    }
  }
  return value;
}
