import { describe, expect, it } from 'vitest';
import type { ChatMessageInput, ChatToolInput } from './chat-message-input';
import { countChatTokens, countChatTokensSync } from './count-chat-tokens';

// Worked examples from OpenAI's cookbook "How to count tokens with tiktoken", sections 6 and 7, where the counts
// were checked against the API's usage.prompt_tokens:
// https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
const JARGON: ChatMessageInput[] = [
  {
    role: 'system',
    content:
      'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  {
    role: 'system',
    name: 'example_assistant',
    content: 'Things working well together will increase revenue.',
  },
  {
    role: 'system',
    name: 'example_user',
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

const WEATHER_TOOLS: ChatToolInput[] = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: {
            type: 'string',
            description: 'The unit of temperature to return',
            enum: ['celsius', 'fahrenheit'],
          },
        },
        required: ['location'],
      },
    },
  },
];

const WEATHER_MESSAGES: ChatMessageInput[] = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

describe('countChatTokens (OpenAI cookbook examples)', () => {
  it.each([
    ['gpt-3.5-turbo', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
  ])('messages with names: %s = %i', async (model, expected) => {
    expect(await countChatTokens(JARGON, model)).toMatchObject({ tokens: expected, method: 'tokenizer' });
  });

  it('gpt-3.5-turbo-0301 uses 4 tokens per message and -1 per name (cookbook: 127)', async () => {
    expect((await countChatTokens(JARGON, 'gpt-3.5-turbo-0301')).tokens).toBe(127);
  });

  it.each([
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ])('with tool definitions: %s = %i', async (model, expected) => {
    expect((await countChatTokens(WEATHER_MESSAGES, model, WEATHER_TOOLS)).tokens).toBe(expected);
  });

  it('accepts the flat Responses-API tool form', async () => {
    const flat: ChatToolInput[] = WEATHER_TOOLS.map((tool) => ({ type: 'function', ...tool.function! }));
    expect((await countChatTokens(WEATHER_MESSAGES, 'gpt-4o', flat)).tokens).toBe(101);
  });
});

describe('countChatTokens with multimodal parts', () => {
  it('counts text parts as text and image parts by the tile rule', async () => {
    const text = await countChatTokens([{ role: 'user', content: 'Describe this image.' }], 'gpt-4o');
    const withImage = await countChatTokens(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this image.' },
            {
              type: 'image_url',
              image_url: { url: 'https://example.com/a.png', detail: 'high', width: 1024, height: 1024 },
            },
            { type: 'image_url', image_url: 'https://example.com/b.png', detail: 'low' },
            { type: 'input_audio' },
          ],
        },
      ],
      'gpt-4o',
    );
    // 765 for the 1024 × 1024 high-detail image, 85 for the image of unknown size
    expect(withImage.tokens - text.tokens).toBe(765 + 85);
  });

  it('counts assistant tool calls and tool results', async () => {
    const base = await countChatTokens([{ role: 'assistant', content: '' }], 'gpt-4o');
    const calls = await countChatTokens(
      [
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
      ],
      'gpt-4o',
    );
    expect(calls.tokens).toBeGreaterThan(base.tokens);
  });

  it('estimates for other providers', () => {
    const result = countChatTokensSync([{ role: 'user', content: 'abcdefgh' }], 'claude-sonnet-4');
    // 3 per message + "user" (1) + "abcdefgh" (2) + 3 priming
    expect(result).toEqual({ tokens: 9, method: 'estimate' });
  });
});
