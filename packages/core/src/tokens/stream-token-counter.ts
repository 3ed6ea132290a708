import type { ModelAliases } from '../cost/normalize-model-name';
import type { TokenCount } from './count-tokens';
import { encodingForModel } from './encoding-for-model';
import { characterClasses } from './estimate-tokens';
import { encodeCount, type LoadedEncoding, loadEncoding } from './load-encoding';

/** Counts a completion as its text streams in, without re-tokenizing what was already counted. */
export interface StreamTokenCounter {
  /** Adds a text delta. */
  push(text: string): void;
  /** Tokens of everything pushed so far (counts the held-back tail; cheap, and the counter stays usable). */
  count(): TokenCount;
}

// Text held back before committing a prefix; keeps the per-push work proportional to the delta, not the total.
const COMMIT_THRESHOLD = 256;

function tokenizerCounter(encoding: LoadedEncoding): StreamTokenCounter {
  const pattern = new RegExp(encoding.pattern.source, 'gu');
  let committed = 0;
  let pending = '';
  return {
    push(text) {
      pending += text;
      if (pending.length < COMMIT_THRESHOLD) return;
      // The pre-tokenizer splits text into pieces that BPE never merges across. All but the last two pieces
      // cannot change when more text arrives, so they are counted now and dropped.
      pattern.lastIndex = 0;
      let last = 0;
      let secondLast = 0;
      for (let match = pattern.exec(pending); match !== null; match = pattern.exec(pending)) {
        if (match[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        secondLast = last;
        last = match.index;
      }
      if (secondLast > 0) {
        committed += encodeCount(encoding, pending.slice(0, secondLast));
        pending = pending.slice(secondLast);
      }
    },
    count() {
      return {
        tokens: committed + encodeCount(encoding, pending),
        method: 'tokenizer',
        encoding: encoding.name,
      };
    },
  };
}

function estimateCounter(): StreamTokenCounter {
  // the estimate is a sum over characters, rounded once at the end
  let ascii = 0;
  let other = 0;
  return {
    push(text) {
      const classes = characterClasses(text);
      ascii += classes.ascii;
      other += classes.other;
    },
    count() {
      return { tokens: Math.ceil(ascii / 4) + other, method: 'estimate' };
    },
  };
}

/**
 * A streaming completion counter for `model`: with the tokenizer for OpenAI families (the encoding is loaded
 * first, hence the Promise), the estimate otherwise. Its count equals `countTokens` of the joined text.
 */
export async function createStreamTokenCounter(
  model: string,
  aliases?: ModelAliases,
): Promise<StreamTokenCounter> {
  const name = encodingForModel(model, aliases);
  if (!name) return estimateCounter();
  try {
    return tokenizerCounter(await loadEncoding(name));
  } catch {
    return estimateCounter();
  }
}
