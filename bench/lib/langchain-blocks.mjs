// The LangChain chain and block method shared by langchain and peers-langchain: a prompt | fake chat model |
// parser sequence, timed in blocks of invokes; per round every variant's block sits between two no-handler
// blocks, and its added time is the variant − the mean of those two.
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { median } from './stats.mjs';

/** prompt | FakeListChatModel | StringOutputParser, and its input. */
export function createChain() {
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You are terse.'],
    ['human', 'Tell me about {topic}'],
  ]);
  const model = new FakeListChatModel({ responses: ['Cats purr when they are content.'] });
  const chain = prompt.pipe(model).pipe(new StringOutputParser());
  return { chain, input: { topic: 'cats' } };
}

/** A handler with no methods: what LangChain's callback dispatch costs any handler. */
export class EmptyHandler extends BaseCallbackHandler {
  name = 'empty';
}

/** `block(callbacks)`: µs per invoke over `count` invokes (no callbacks when `callbacks` is undefined). */
export function invokeBlock(chain, input, count) {
  return async (callbacks) => {
    const options = callbacks ? { callbacks } : undefined;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await chain.invoke(input, options);
    return ((performance.now() - t0) / count) * 1000;
  };
}

/**
 * Up to `rounds` rounds (stopping at `deadline`, a performance.now() time): each runs, for every name in a
 * rotated order, no-handler block, variant block, no-handler block. `onRound(round, samples)` after each round.
 */
export async function sandwichRounds({ names, variants, block, rounds, deadline = Infinity, onRound }) {
  const raw = [];
  const raw2 = [];
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  let done = 0;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    const order = names.map((_, k) => names[(round + k) % names.length]);
    for (const name of order) {
      const before = await block(undefined);
      const value = await block(variants[name]);
      const after = await block(undefined);
      raw.push(before);
      raw2.push(after);
      samples[name].push(value - (before + after) / 2);
    }
    done++;
    onRound?.(round, samples);
  }
  return { raw, raw2, samples, rounds: done };
}

/** Noise floor, per-variant added medians, the peers (not tapline, not empty handlers) and the lowest peer. */
export function summarizeRounds({ raw, raw2, samples }, names) {
  const noise = median(raw.map((value, i) => Math.abs(value - raw2[i])));
  const added = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
  const peers = names.filter((name) => name !== 'tapline' && !name.startsWith('empty'));
  const lowestPeer = Math.min(...peers.map((name) => added[name]));
  return { noise, added, peers, lowestPeer };
}
