import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';

export interface ScriptedTurn {
  text?: string;
  toolCalls?: Array<{ name: string; args: Record<string, unknown>; id?: string }>;
  usage?: AIMessage['usage_metadata'];
  /** Throw this instead of answering. */
  error?: Error;
  /** Wait before answering (honours the abort signal). */
  delayMs?: number;
}

export interface ScriptedChatModelFields extends BaseChatModelParams {
  turns: ScriptedTurn[];
  model?: string;
  provider?: string;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('Aborted'));
    });
  });
}

/** A chat model answering from a script, with usage and tool calls, in the shape real integrations produce. */
export class ScriptedChatModel extends BaseChatModel {
  turns: ScriptedTurn[];
  model: string;
  provider: string;
  private next = 0;

  constructor(fields: ScriptedChatModelFields) {
    super({ maxRetries: 0, ...fields });
    this.turns = fields.turns;
    this.model = fields.model ?? 'gpt-4o-mini';
    this.provider = fields.provider ?? 'openai';
  }

  _llmType(): string {
    return 'scripted';
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return { ...super.getLsParams(options), ls_provider: this.provider, ls_model_name: this.model };
  }

  override invocationParams(): Record<string, unknown> {
    return { model: this.model, temperature: 0.2, max_tokens: 64 };
  }

  override bindTools(): this {
    return this;
  }

  private take(): ScriptedTurn {
    const turn = this.turns[Math.min(this.next, this.turns.length - 1)] ?? { text: '' };
    this.next++;
    return turn;
  }

  private message(turn: ScriptedTurn): AIMessage {
    return new AIMessage({
      content: turn.text ?? '',
      tool_calls: (turn.toolCalls ?? []).map((call, index) => ({
        ...call,
        id: call.id ?? `call_${index}`,
        type: 'tool_call' as const,
      })),
      usage_metadata: turn.usage,
      response_metadata: {
        model_name: `${this.model}-2024-07-18`,
        finish_reason: turn.toolCalls ? 'tool_calls' : 'stop',
      },
      id: `chatcmpl-scripted-${this.next}`,
    });
  }

  async _generate(_messages: BaseMessage[], options: BaseChatModelCallOptions): Promise<ChatResult> {
    const turn = this.take();
    if (turn.delayMs) await wait(turn.delayMs, options.signal);
    if (turn.error) throw turn.error;
    const message = this.message(turn);
    return { generations: [{ text: turn.text ?? '', message }] };
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    options: BaseChatModelCallOptions,
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const turn = this.take();
    if (turn.error) throw turn.error;
    const words = (turn.text ?? '').split(/(?<= )/);
    for (const [index, word] of words.entries()) {
      if (turn.delayMs) await wait(turn.delayMs, options.signal);
      const last = index === words.length - 1;
      const chunk = new ChatGenerationChunk({
        text: word,
        message: new AIMessageChunk({
          content: word,
          usage_metadata: last ? turn.usage : undefined,
          response_metadata: last ? { model_name: this.model } : {},
        }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, { chunk });
    }
  }
}
