import { CHAR_CLASS, classAt, isWhitespaceCode, TOKEN, WORD } from './char-table';
import { detectEmail } from './detect-email';
import { detectIban } from './detect-iban';
import { detectIpv6 } from './detect-ipv6';
import { detectNumbers } from './detect-numbers';
import { detectInternationalPhone, detectParenthesizedPhone } from './detect-phone';
import { detectSecret, type SecretScanState } from './detect-secret';
import { createInjectionAutomaton, type InjectionAutomaton } from './injection-automaton';
import { INJECTION_PHRASES } from './injection-phrases';
import type { Finding } from './scan-result';

/** Per-scan memo: the secret detectors' state and the end of the last finding. */
interface ScanState extends SecretScanState {
  lastEnd: number;
}

/** Low byte of an input entry: the automaton column. */
const COLUMN = 0xff;
/** Set on characters where a detector may start (see `isTriggerAt`). */
const TRIGGER = 0x100;

interface Tables {
  automaton: InjectionAutomaton;
  /** Per code unit: automaton column | TRIGGER. */
  input: Uint16Array;
}

let tables: Tables | undefined;

function builtInTables(): Tables {
  if (tables) return tables;
  const automaton = createInjectionAutomaton(INJECTION_PHRASES);
  const input = new Uint16Array(65_536);
  for (let code = 0; code < 65_536; code++) input[code] = automaton.columnOf[code]!;
  for (const char of '@0123456789:(+-_/ABCDEFGHIJKLMNOPQRSTUVWXYZ') input[char.charCodeAt(0)]! |= TRIGGER;
  tables = { automaton, input };
  return tables;
}

/**
 * Where a detector may start: `@`, digits, `:`, `(`, `+`, `-`, `_`, `/` (these may sit inside a key's prefix:
 * `sk-`, `ghp_`, `hooks.slack.com/`), a capital followed by a capital (IBAN, `AKIA…`, `AIza…`,
 * `AWS_SECRET_ACCESS_KEY`), `Bearer ` and the `J` of `eyJ` — the positions the regular expression
 * `/[@\d:(+\-_/]|[A-Z](?=[A-Z])|B(?=earer\s)|J(?<=eyJ)/` matches. Called only for characters with TRIGGER set.
 */
function isTriggerAt(text: string, i: number, code: number): boolean {
  if (code < 65 || code > 90) return true;
  const following = text.charCodeAt(i + 1);
  if (following >= 65 && following <= 90) return true;
  if (code === 66) return text.startsWith('earer', i + 1) && isWhitespaceCode(text.charCodeAt(i + 6));
  return code === 74 && i >= 2 && text.charCodeAt(i - 2) === 101 && text.charCodeAt(i - 1) === 121;
}

function atBoundary(text: string, index: number): boolean {
  if (index <= 0) return true;
  const code = text.charCodeAt(index - 1);
  return code >= 128 || (CHAR_CLASS[code]! & WORD) === 0;
}

/** Start of the token-like word that contains `index`, looking back at most `reach` characters, if at a boundary. */
function wordStart(text: string, index: number, reach: number, floor: number): number {
  let start = index;
  const min = Math.max(floor, index - reach);
  while (start > min && classAt(text, start - 1) & TOKEN) start--;
  return atBoundary(text, start) ? start : -1;
}

/** Runs the detectors for the trigger at `i`; returns where the next trigger may be. */
function detectAt(text: string, i: number, code: number, findings: Finding[], state: ScanState): number {
  const end = text.length;
  const lastEnd = state.lastEnd;
  let found: Finding | undefined;
  if (code >= 48 && code <= 57) {
    if (!atBoundary(text, i)) return i + 1;
    // Inside a numeric token whose start was not at a boundary (`v1.2.3`, `abc12-34`).
    const previous = text.charCodeAt(i - 1);
    if (i - 2 >= lastEnd && (previous === 46 || previous === 45 || previous === 44 || previous === 47)) {
      const beforePrevious = text.charCodeAt(i - 2);
      if (beforePrevious >= 48 && beforePrevious <= 57) return i + 1;
    }
    const before = findings.length;
    const runEnd = detectNumbers(text, i, end, findings);
    if (findings.length > before) state.lastEnd = findings[findings.length - 1]!.end;
    // The character after the run is looked at next (a `:` may begin an IPv6 address).
    return Math.max(runEnd, i + 1);
  }
  switch (code) {
    case 64: // @
      found = detectEmail(text, i, lastEnd, end);
      break;
    case 58: // :
      found = detectIpv6(text, i, lastEnd, end);
      break;
    case 40: // (
      found = detectParenthesizedPhone(text, i, end);
      break;
    case 43: // +
      found = detectInternationalPhone(text, i, end);
      break;
    case 45: // -  (`-----BEGIN`, `sk-…`, `xoxb-…`)
      if (text.startsWith('-----BEGIN ', i)) {
        found = detectSecret(text, i, end, state);
      } else {
        const start = wordStart(text, i, 6, lastEnd);
        if (start >= 0 && start < i) found = detectSecret(text, start, end, state);
      }
      break;
    case 95: {
      // _  (`ghp_…`, `github_pat_…`, `aws_secret_access_key`)
      const start = wordStart(text, i, 6, lastEnd);
      if (start >= 0 && start < i) found = detectSecret(text, start, end, state);
      break;
    }
    case 47: // /  (`hooks.slack.com/services/…`)
      if (
        i >= 15 &&
        i - 15 >= lastEnd &&
        text.startsWith('hooks.slack.com/', i - 15) &&
        atBoundary(text, i - 15)
      ) {
        found = detectSecret(text, i - 15, end, state);
      }
      break;
    default: // A-Z
      if (
        code === 74 &&
        i >= 2 &&
        i - 2 >= lastEnd &&
        text.startsWith('eyJ', i - 2) &&
        atBoundary(text, i - 2)
      ) {
        found = detectSecret(text, i - 2, end, state);
      } else if (atBoundary(text, i)) {
        found = detectIban(text, i, end) ?? detectSecret(text, i, end, state);
      }
  }
  if (found && found.start >= lastEnd) {
    findings.push(found);
    state.lastEnd = found.end;
    return Math.max(found.end, i + 1);
  }
  return i + 1;
}

/**
 * The built-in detectors over `text` (already cut at the scan limit) and the injection automaton, in one
 * left-to-right loop: one table read per character tells the automaton's input and whether a detector may
 * start here; detectors then read a bounded window and say where the next may start. Pushes findings in order
 * and returns whether an injection phrase occurs (the caller then names the rules).
 */
export function scanBuiltIn(text: string, findings: Finding[]): boolean {
  const { automaton, input } = builtInTables();
  const transitions = automaton.transitions;
  const scanState: ScanState = { jwtFailedUntil: -1, pemNoEndFrom: Number.POSITIVE_INFINITY, lastEnd: 0 };
  const end = text.length;
  let state = 0;
  let next = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const entry = input[code]!;
    state = transitions[state + (entry & COLUMN)]!;
    if (entry > COLUMN && i >= next && isTriggerAt(text, i, code)) {
      next = detectAt(text, i, code, findings, scanState);
    }
  }
  return state === automaton.found;
}
