import { isWhitespaceCode } from './char-table';

/**
 * A deterministic Aho-Corasick automaton over UTF-16 code units that answers one question: does any injection
 * phrase occur in the text? It follows the phrases' matching rules exactly — ASCII letters in either case
 * (as a case-insensitive, non-Unicode regular expression does: no other character folds onto an ASCII letter)
 * and any run of whitespace (`\s`) where a phrase has a space — so a text reaches the `found` state if and only
 * if the phrase regex has at least one match in it. Once found, it stays found: the state is a sink, so the
 * caller checks it once after the loop. One table read per character, no allocation.
 */
export interface InjectionAutomaton {
  /** For each code unit (0-65535), its input column; 0 for characters that occur in no phrase. */
  readonly columnOf: Uint8Array;
  /** Number of input columns; `transitions[state + column]` is the next state (states are row offsets). */
  readonly columns: number;
  /** The transition table, one row of `columns` entries per state; the start state is 0. */
  readonly transitions: Int32Array;
  /** The sink state (row offset) entered as soon as a phrase has been seen. */
  readonly found: number;
}

function normalize(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/g, ' ');
}

export function createInjectionAutomaton(
  phrases: Readonly<Record<string, readonly string[]>>,
): InjectionAutomaton {
  // Input columns: 0 = any other character, one per distinct (lower-cased) phrase character.
  const columnOf = new Uint8Array(65_536);
  let columns = 1;
  const all = Object.values(phrases).flatMap((list) => list.map(normalize));
  for (const phrase of all) {
    for (const char of phrase) {
      const code = char.charCodeAt(0);
      if (columnOf[code] === 0) columnOf[code] = columns++;
    }
  }
  for (let code = 65; code <= 90; code++) columnOf[code] = columnOf[code + 32]!;
  const space = columnOf[32]!;
  for (let code = 0; code < 65_536; code++) if (isWhitespaceCode(code)) columnOf[code] = space;

  // The trie (goto function), then failure links breadth first, folded into a full transition table.
  const next: number[][] = [new Array<number>(columns).fill(-1)];
  const label: number[] = [0];
  const accepting: boolean[] = [false];
  for (const phrase of all) {
    let state = 0;
    for (const char of phrase) {
      const column = columnOf[char.charCodeAt(0)]!;
      if (next[state]![column]! < 0) {
        next[state]![column] = next.length;
        next.push(new Array<number>(columns).fill(-1));
        label.push(column);
        accepting.push(false);
      }
      state = next[state]![column]!;
    }
    accepting[state] = true;
  }
  const fail = new Array<number>(next.length).fill(0);
  const queue: number[] = [];
  for (let column = 0; column < columns; column++) {
    const child = next[0]![column]!;
    if (child < 0) next[0]![column] = 0;
    else queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    if (accepting[fail[state]!]) accepting[state] = true;
    for (let column = 0; column < columns; column++) {
      const child = next[state]![column]!;
      if (child < 0) {
        next[state]![column] = next[fail[state]!]![column]!;
      } else {
        fail[child] = next[fail[state]!]![column]!;
        queue.push(child);
      }
    }
  }

  const states = next.length + 1;
  const sink = next.length * columns;
  const transitions = new Int32Array(states * columns);
  for (let state = 0; state < next.length; state++) {
    for (let column = 0; column < columns; column++) {
      const target = next[state]![column]!;
      transitions[state * columns + column] = accepting[target] ? sink : target * columns;
    }
    // A whitespace run counts as one space: after a space, more whitespace leaves the state unchanged.
    if (state === 0 || label[state] === space) transitions[state * columns + space] = state * columns;
  }
  transitions.fill(sink, sink, sink + columns);
  return { columnOf, columns, transitions, found: sink };
}
