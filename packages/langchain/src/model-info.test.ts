import { describe, expect, it } from 'vitest';
import { modelFields, providerName, requestParams } from './model-info';

describe('providerName', () => {
  it('maps ls_provider onto Tapline names, else derives it from the chat class', () => {
    expect(providerName({ ls_provider: 'openai' }, undefined)).toBe('openai');
    expect(providerName({ ls_provider: 'google_genai' }, undefined)).toBe('gemini');
    expect(providerName({ ls_provider: 'bedrock' }, undefined)).toBe('aws.bedrock');
    expect(providerName(undefined, { id: ['langchain', 'chat_models', 'ChatGroq'] })).toBe('groq');
    expect(providerName(undefined, { id: ['x', 'SomeLLM'] })).toBe('langchain');
  });
});

describe('requestParams', () => {
  it('reads OpenAI and Anthropic spellings', () => {
    expect(
      requestParams({
        temperature: 0.5,
        max_completion_tokens: 100,
        top_p: 0.9,
        stop: ['\n'],
        stream: true,
        tools: [{}, {}],
        tool_choice: { type: 'function' },
        response_format: { type: 'json_object' },
        reasoning: { effort: 'low' },
      }),
    ).toEqual({
      temperature: 0.5,
      maxTokens: 100,
      topP: 0.9,
      stopSequences: 1,
      stream: true,
      toolCount: 2,
      toolChoice: 'function',
      responseFormat: 'json_object',
      reasoningEffort: 'low',
    });
    expect(requestParams({ max_tokens: 256, top_k: 5, stop_sequences: ['a', 'b'] })).toEqual({
      maxTokens: 256,
      topK: 5,
      stopSequences: 2,
    });
    expect(requestParams({})).toBeUndefined();
  });
});

describe('modelFields', () => {
  it('prefers ls_model_name, then invocation params, then constructor kwargs', () => {
    expect(
      modelFields(
        { kwargs: { model: 'k' } },
        { invocation_params: { model: 'i' } },
        { ls_model_name: 'm' },
        'chat',
      ),
    ).toMatchObject({
      requestModel: 'm',
      operation: 'chat',
    });
    expect(
      modelFields({ kwargs: { model: 'k' } }, { invocation_params: { model: 'i' } }, {}, 'chat').requestModel,
    ).toBe('i');
    expect(
      modelFields({ kwargs: { model_name: 'k' } }, undefined, undefined, 'text_completion').requestModel,
    ).toBe('k');
  });
});
