import type { ResolvedConfig } from '../config/resolve-config';
import { compileAliases } from '../cost/normalize-model-name';
import type { SpanStage, StageContext } from '../pipeline/span-stage';
import { inputMessages, outputMessages, streamedText } from '../span/resolve-content';
import type { SpanData } from '../span/span-data';
import type { SpanUsage } from '../span/span-record';
import { leastCertainSource } from './add-usage';
import { countChatTokensWith } from './count-chat-tokens';
import { encodingForModel } from './encoding-for-model';
import { type TextCounter, textCounter, textCounterSync } from './text-counter';

function needsInput(span: SpanData): boolean {
  return span.usage?.input === undefined;
}

function needsOutput(span: SpanData): boolean {
  return span.kind === 'llm' && span.usage?.output === undefined;
}

function completionText(span: SpanData): string | undefined {
  const streamed = streamedText(span);
  if (streamed !== undefined) return streamed;
  const messages = outputMessages(span);
  if (!messages || messages.length === 0) return undefined;
  return messages.map((message) => message.content).join('');
}

function fill(span: SpanData, counter: TextCounter, model: string): void {
  const usage: SpanUsage = span.usage ? { ...span.usage } : { source: counter.method };
  let counted = false;
  if (needsInput(span)) {
    const messages = inputMessages(span);
    if (messages && messages.length > 0) {
      usage.input =
        span.kind === 'embedding'
          ? messages.reduce((sum, message) => sum + counter.count(message.content), 0)
          : countChatTokensWith(counter, messages, model);
      counted = true;
    }
  }
  if (needsOutput(span)) {
    const text = completionText(span);
    if (text !== undefined) {
      usage.output = counter.count(text);
      counted = true;
    }
  }
  if (!counted && !span.usage) return;
  if (counted)
    usage.source = span.usage ? leastCertainSource(counter.method, span.usage.source) : counter.method;
  if (usage.input !== undefined && (usage.output !== undefined || span.kind === 'embedding')) {
    const total = usage.input + (usage.output ?? 0);
    if (counted || usage.total === undefined) usage.total = total;
  }
  span.usage = usage;
}

/**
 * The `tokens` stage: fills the usage of `llm` spans (and the input of `embedding` spans) that the provider did
 * not report — streams without usage, aborted streams, providers that omit it. Prompt tokens come from the
 * span's input messages (`countChatTokens` rule), completion tokens from the streamed text (joined once and
 * tokenized once) or the output messages. OpenAI families use their tokenizer, other models the estimate.
 *
 * Rule for partial provider usage: parts the provider reported are kept; missing parts are counted; the span's
 * `usage.source` then names the least certain method used for any part (`estimate` < `tokenizer` < `provider`).
 * `total` is recomputed as input + output whenever a part was counted, and filled in when missing.
 */
export function createTokenStage(config: ResolvedConfig, context: StageContext): SpanStage {
  const aliases = compileAliases(config.modelAliases);
  const onLoadError = (error: unknown) =>
    context.diag.warnOnce(
      'tokens:load',
      'tokenizer data could not be loaded; token counts are estimated',
      error,
    );
  return {
    name: 'tokens',
    process(span) {
      if (span.kind !== 'llm' && span.kind !== 'embedding') return;
      const usage = span.usage;
      if (!needsInput(span) && !needsOutput(span)) {
        if (usage && usage.total === undefined && usage.input !== undefined) {
          span.usage = { ...usage, total: usage.input + (usage.output ?? 0) };
        }
        return;
      }
      const model = span.responseModel ?? span.requestModel ?? '';
      const ready = textCounterSync(model, aliases);
      // counted synchronously unless the model's encoding still has to be loaded (once per encoding)
      if (ready.method === 'tokenizer' || !encodingForModel(model, aliases)) return fill(span, ready, model);
      return textCounter(model, aliases, onLoadError).then((counter) => fill(span, counter, model));
    },
  };
}
