import { describe, expect, it } from 'vitest';
import { spanData } from '../../test/span-data';
import { resolveConfig } from '../config/resolve-config';
import { createDiagnostics } from '../diagnostics/diagnostics';
import type { StageContext } from '../pipeline/span-stage';
import type { SpanData } from '../span/span-data';
import { countChatTokens } from './count-chat-tokens';
import { countTokens } from './count-tokens';
import { createTokenStage } from './create-token-stage';

const context = { diag: createDiagnostics('none'), stats: {} } as unknown as StageContext;

const span = spanData;

const INPUT = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Name three primary colors.' },
];

async function run(data: SpanData, modelAliases?: Record<string, string>): Promise<SpanData> {
  const stage = createTokenStage(resolveConfig({ modelAliases }), context);
  expect(stage.name).toBe('tokens');
  await stage.process(data);
  return data;
}

describe('createTokenStage', () => {
  it('counts an aborted stream without provider usage with the tokenizer', async () => {
    const data = await run(
      span({
        requestModel: 'gpt-4o',
        status: 'aborted',
        input: INPUT,
        outputChunks: ['Red, ', 'yellow', ' and bl'],
      }),
    );
    const input = (await countChatTokens(INPUT, 'gpt-4o')).tokens;
    const output = (await countTokens('Red, yellow and bl', 'gpt-4o')).tokens;
    expect(data.usage).toEqual({ input, output, total: input + output, source: 'tokenizer' });
  });

  it('estimates other providers, from output messages or input producers', async () => {
    const data = await run(
      span({
        provider: 'anthropic',
        requestModel: 'claude-sonnet-4-20250514',
        input: () => INPUT,
        output: [{ role: 'assistant', content: 'Red, yellow, blue.' }],
      }),
    );
    expect(data.usage?.source).toBe('estimate');
    expect(data.usage?.output).toBe(5);
    expect(data.usage?.total).toBe((data.usage?.input ?? 0) + 5);
  });

  it('keeps provider parts and names the counted method in the source', async () => {
    const data = await run(
      span({
        requestModel: 'gpt-4o',
        input: INPUT,
        outputChunks: ['Red'],
        usage: { input: 20, source: 'provider' },
      }),
    );
    expect(data.usage).toEqual({ input: 20, output: 1, total: 21, source: 'tokenizer' });
  });

  it('leaves complete provider usage alone, only filling a missing total', async () => {
    const data = await run(
      span({ requestModel: 'gpt-4o', input: INPUT, usage: { input: 10, output: 5, source: 'provider' } }),
    );
    expect(data.usage).toEqual({ input: 10, output: 5, total: 15, source: 'provider' });
  });

  it('counts embedding input only', async () => {
    const data = await run(
      span({
        kind: 'embedding',
        requestModel: 'text-embedding-3-small',
        input: [{ role: 'user', content: 'hello world' }],
      }),
    );
    expect(data.usage).toEqual({ input: 2, total: 2, source: 'tokenizer' });
  });

  it('uses model aliases (Azure deployment names) to find the tokenizer', async () => {
    const data = await run(span({ requestModel: 'my-deployment', outputChunks: ['Hello, world!'] }), {
      'my-deployment': 'gpt-4o',
    });
    expect(data.usage).toEqual({ output: 4, source: 'tokenizer' });
  });

  it('ignores other span kinds and spans without content', async () => {
    const tool = await run(span({ kind: 'tool', outputChunks: ['x'] }));
    expect(tool.usage).toBeUndefined();
    const empty = await run(span({ requestModel: 'gpt-4o' }));
    expect(empty.usage).toBeUndefined();
  });
});
