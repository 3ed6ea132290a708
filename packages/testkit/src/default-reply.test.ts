import { describe, expect, it } from 'vitest';
import { contentText, defaultText, resolveToolCalls, splitJson, splitText } from './default-reply';

describe('default reply helpers', () => {
  it('quotes the start of the user message', () => {
    expect(defaultText('  Hello\n  world ')).toBe('This is a mock reply to: Hello world');
    expect(defaultText('')).toBe('This is a mock reply.');
  });

  it('splits text into word chunks that join back to the original', () => {
    expect(splitText('Hello big world. ')).toEqual(['Hello', ' big', ' world. ']);
    expect(splitText('   ')).toEqual(['   ']);
    expect(splitText('')).toEqual([]);
    expect(splitJson('{"city":"Paris"}', 5).join('')).toBe('{"city":"Paris"}');
  });

  it('extracts text from string and part-array content', () => {
    expect(contentText('hi')).toBe('hi');
    expect(
      contentText([{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'input_text', text: 'b' }]),
    ).toBe('ab');
  });

  it('calls the forced tool by default and nothing after a tool result or with scripted text', () => {
    const tools = [
      { name: 'first', schema: { type: 'object', properties: {} } },
      { name: 'second', schema: { type: 'object', properties: { q: { type: 'string' } } } },
    ];
    const options = {
      forcedName: 'second',
      toolsDisabled: false,
      endsWithToolResult: false,
      idKind: 'call' as const,
    };
    const [call] = resolveToolCalls(undefined, tools, options);
    expect(call?.name).toBe('second');
    expect(call?.arguments).toBe('{"q":"example"}');
    expect(resolveToolCalls(undefined, tools, { ...options, endsWithToolResult: true })).toEqual([]);
    expect(resolveToolCalls(undefined, tools, { ...options, toolsDisabled: true })).toEqual([]);
    expect(resolveToolCalls({ text: 'no tools' }, tools, options)).toEqual([]);
  });
});
