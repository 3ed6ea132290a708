import { TaplineConfigError } from '../config/config-error';
import type { PatternDefinition } from './pattern-definition';
import { BUILT_IN_CATEGORIES } from './scan-result';

/** A user pattern ready to run: its regular expression compiled once, with the `g` flag. */
export interface CompiledPattern {
  name: string;
  type: 'PII' | 'INJECTION';
  regex: RegExp;
  placeholder: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const FLAGS = /^[imsu]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finds constructs that can make a backtracking regex engine take exponential time: a quantified group that
 * itself contains a quantifier (`(a+)+`, `(\w*x?)*`) and backreferences. Returns a reason, or undefined.
 * Conservative by design: some safe patterns are refused; rewrite them without nesting.
 */
export function unsafeRegexReason(source: string): string | undefined {
  // For each open group: does it contain a quantifier?
  const stack: boolean[] = [];
  let lastGroupHadQuantifier = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'it uses a backreference';
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'it uses a backreference';
      i++;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (char === '(') {
      stack.push(false);
      lastGroupHadQuantifier = false;
      continue;
    }
    if (char === ')') {
      lastGroupHadQuantifier = stack.pop() ?? false;
      if (lastGroupHadQuantifier && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    const isQuantifier =
      char === '*' ||
      char === '+' ||
      char === '?' ||
      (char === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)));
    if (isQuantifier) {
      // `(?` `(?:` are group syntax, not quantifiers; a `?` after a quantifier makes it lazy.
      if (char === '?' && (source[i - 1] === '(' || /[*+?}]/.test(source[i - 1] ?? ''))) continue;
      const unbounded =
        char === '*' || char === '+' || (char === '{' && /^\{\d+,\d{2,}|^\{\d+,\}/.test(source.slice(i)));
      if (source[i - 1] === ')' && lastGroupHadQuantifier && unbounded) {
        return 'a repeated group contains a quantifier (nested quantifiers can backtrack catastrophically)';
      }
      if (stack.length > 0) stack[stack.length - 1] = true;
      if (char === '{') i = source.indexOf('}', i);
      continue;
    }
    lastGroupHadQuantifier = false;
  }
  return undefined;
}

/**
 * Validates and compiles user patterns once, at configuration time. Throws `TaplineConfigError` naming the
 * pattern for a missing or duplicate name, an unknown type, invalid flags, a regex that does not compile,
 * matches the empty string or could backtrack catastrophically.
 */
export function compilePatterns(
  definitions: readonly unknown[],
  field = 'patterns',
  /** Names already taken (e.g. by patterns from config when compiling a patterns file). */
  taken: Iterable<string> = [],
): CompiledPattern[] {
  if (!Array.isArray(definitions))
    throw new TaplineConfigError(field, 'a list of { name, regex, type }', definitions);
  const seen = new Set<string>([...BUILT_IN_CATEGORIES, ...taken]);
  const compiled: CompiledPattern[] = [];
  definitions.forEach((definition, index) => {
    const at = `${field}[${index}]`;
    if (!isObject(definition))
      throw new TaplineConfigError(at, 'an object { name, regex, type }', definition);
    const { name, regex, type, flags, placeholder } = definition as Partial<PatternDefinition>;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new TaplineConfigError(
        `${at}.name`,
        'a name of letters, digits, "_", "-" or "." (starting with a letter)',
        name,
      );
    }
    const named = `${field}["${name}"]`;
    if (seen.has(name)) {
      const why = (BUILT_IN_CATEGORIES as readonly string[]).includes(name)
        ? 'a built-in category'
        : 'another pattern';
      throw new TaplineConfigError(`${named}.name`, `unique (pattern "${name}" duplicates ${why})`, name);
    }
    seen.add(name);
    if (type !== 'PII' && type !== 'INJECTION') {
      throw new TaplineConfigError(`${named}.type`, `"PII" or "INJECTION" (pattern "${name}")`, type);
    }
    if (typeof regex !== 'string' || regex.length === 0) {
      throw new TaplineConfigError(
        `${named}.regex`,
        `a non-empty regular expression string (pattern "${name}")`,
        regex,
      );
    }
    const extra = (flags ?? '').replace(/g/g, '');
    if (typeof flags !== 'undefined' && (typeof flags !== 'string' || !FLAGS.test(extra))) {
      throw new TaplineConfigError(
        `${named}.flags`,
        `any of the flags i, m, s, u (pattern "${name}")`,
        flags,
      );
    }
    if (placeholder !== undefined && (typeof placeholder !== 'string' || placeholder.length === 0)) {
      throw new TaplineConfigError(
        `${named}.placeholder`,
        `a non-empty string (pattern "${name}")`,
        placeholder,
      );
    }
    let compiledRegex: RegExp;
    try {
      compiledRegex = new RegExp(regex, `g${extra}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TaplineConfigError(
        `${named}.regex`,
        `a valid regular expression (pattern "${name}": ${reason})`,
        regex,
      );
    }
    const unsafe = unsafeRegexReason(regex);
    if (unsafe)
      throw new TaplineConfigError(
        `${named}.regex`,
        `a linear-time regular expression (pattern "${name}": ${unsafe})`,
        regex,
      );
    if (compiledRegex.test('')) {
      throw new TaplineConfigError(
        `${named}.regex`,
        `a regular expression that cannot match empty text (pattern "${name}")`,
        regex,
      );
    }
    compiledRegex.lastIndex = 0;
    compiled.push({
      name,
      type,
      regex: compiledRegex,
      placeholder: placeholder ?? `[${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}]`,
    });
  });
  return compiled;
}
