import { describe, expect, it } from 'vitest';
import { isWhitespaceCode } from './char-table';
import { createInjectionAutomaton, type InjectionAutomaton } from './injection-automaton';
import { createInjectionMatcher } from './injection-matcher';
import { INJECTION_PHRASES } from './injection-phrases';

function occurs(automaton: InjectionAutomaton, text: string): boolean {
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = automaton.transitions[state + automaton.columnOf[text.charCodeAt(i)]!]!;
  }
  return state === automaton.found;
}

const automaton = createInjectionAutomaton(INJECTION_PHRASES);
const matcher = createInjectionMatcher(INJECTION_PHRASES);

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('createInjectionAutomaton', () => {
  it('treats exactly the characters `\\s` matches as whitespace', () => {
    for (let code = 0; code < 65_536; code++) {
      expect(isWhitespaceCode(code), `U+${code.toString(16)}`).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });

  it('folds only ASCII letters, like a case-insensitive non-Unicode regex', () => {
    for (let code = 128; code < 65_536; code++) {
      if (/[a-z]/i.test(String.fromCharCode(code))) throw new Error(`U+${code.toString(16)} folds`);
    }
    expect(occurs(automaton, 'IGNORE previous INSTRUCTIONS')).toBe(true);
    expect(occurs(automaton, 'ıgnore previous instructions')).toBe(false);
    expect(occurs(automaton, 'jaılbreak')).toBe(false);
  });

  it('matches any whitespace run where a phrase has a space, and nothing else', () => {
    expect(occurs(automaton, 'please ignore \n\t\u00a0\u3000 previous\u2028instructions now')).toBe(true);
    expect(occurs(automaton, "x '; update\n")).toBe(true);
    expect(occurs(automaton, "x '; update")).toBe(false);
    expect(occurs(automaton, 'ignoreprevious instructions')).toBe(false);
    expect(occurs(automaton, 'ignore\u200bprevious instructions')).toBe(false);
    expect(occurs(automaton, 'you are now\n\ndan')).toBe(true);
    expect(occurs(automaton, 'you are now da')).toBe(false);
  });

  it('stays found once a phrase has been seen', () => {
    expect(occurs(automaton, `jailbreak${' and then some ordinary text'.repeat(100)}`)).toBe(true);
  });

  it('finds a phrase exactly when the phrase regex matches', () => {
    const next = random(7);
    const phrases = Object.values(INJECTION_PHRASES).flat();
    const spaces = [' ', '  ', '\n', '\t \r\n', '\u00a0', '\u2003', '\ufeff', '\u200b', '\u0085', ''];
    const noise = ['the', ' ', 'x', 'İ', 'K', 'ſ', '\ud800', '😀', "'", '1', '=', '-', 'Dan', 'NOW'];
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const parts = 1 + Math.floor(next() * 4);
      for (let p = 0; p < parts; p++) {
        const phrase = phrases[Math.floor(next() * phrases.length)]!;
        for (const char of phrase) {
          if (char === ' ') text += spaces[Math.floor(next() * spaces.length)];
          else text += next() < 0.3 ? char.toUpperCase() : char;
          if (next() < 0.02) text += noise[Math.floor(next() * noise.length)];
        }
        if (next() < 0.3) text = text.slice(0, -1 - Math.floor(next() * 3));
        text += noise[Math.floor(next() * noise.length)];
      }
      expect(occurs(automaton, text), JSON.stringify(text)).toBe(matcher.match(text).length > 0);
    }
  });
});
