import { INJECTION_PHRASES } from './injection-phrases';

/**
 * Matches every injection phrase in one left-to-right pass. The phrases are compiled once into a single regular
 * expression shaped as a trie (`ignore (?:all (?:previous|prior)|…)`): at each node the alternatives start with
 * different characters, so at most one can proceed and nothing backtracks; whitespace between words is `\s+`,
 * always followed by a non-space character. The work per start position is bounded by the longest phrase,
 * which keeps the pass linear in the text. Letters match in either case.
 */
export interface InjectionMatcher {
  /** Names of the rules whose phrases occur in `text` (sorted as declared). */
  match(text: string): string[];
}

type Trie = Map<string, Trie>;
const END = '';

function escapeChar(char: string): string {
  if (char === ' ') return '\\s+';
  return char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function toSource(node: Trie): string {
  const alternatives: string[] = [];
  let terminal = false;
  for (const [char, child] of node) {
    if (char === END) terminal = true;
    else alternatives.push(escapeChar(char) + toSource(child));
  }
  if (alternatives.length === 0) return '';
  const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
  return terminal ? `(?:${body})?` : body;
}

function normalize(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/g, ' ');
}

export function createInjectionMatcher(
  phrases: Readonly<Record<string, readonly string[]>>,
): InjectionMatcher {
  const rules = Object.keys(phrases);
  const ruleOf = new Map<string, number>();
  const root: Trie = new Map();
  rules.forEach((rule, index) => {
    for (const phrase of phrases[rule]!) {
      const normalized = normalize(phrase);
      if (!ruleOf.has(normalized)) ruleOf.set(normalized, index);
      let node = root;
      for (const char of normalized) {
        let child = node.get(char);
        if (!child) {
          child = new Map();
          node.set(char, child);
        }
        node = child;
      }
      node.set(END, new Map());
    }
  });
  const regex = new RegExp(toSource(root), 'gi');
  return {
    match(text) {
      let found = 0;
      regex.lastIndex = 0;
      let match = regex.exec(text);
      while (match !== null) {
        const index = ruleOf.get(normalize(match[0]));
        if (index !== undefined) found |= 1 << index;
        match = regex.exec(text);
      }
      regex.lastIndex = 0;
      return found === 0 ? [] : rules.filter((_, index) => found & (1 << index));
    },
  };
}

let builtIn: InjectionMatcher | undefined;

/** The matcher for the built-in phrases, compiled on first use. */
export function builtInInjectionMatcher(): InjectionMatcher {
  builtIn ??= createInjectionMatcher(INJECTION_PHRASES);
  return builtIn;
}
